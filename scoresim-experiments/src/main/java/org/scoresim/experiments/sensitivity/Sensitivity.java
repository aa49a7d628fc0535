package org.scoresim.experiments.sensitivity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.experiments.sweep.Sweep;
import org.scoresim.experiments.sweep.SweepStatistics.Output;
import org.scoresim.store.RunTables;
import org.scoresim.store.SensitivityDatabase;
import org.scoresim.store.SweepDatabase;

/**
 * A sensitivity analysis's runs and figures: its design's points run as a {@link Sweep} whose runs
 * go to {@code sensitivity.duckdb} ({@link #STORAGE}), each committed as it ends, so that the same
 * command resumes an interrupted analysis; and the outputs' values read back from it.
 */
public final class Sensitivity {
    /** {@code sensitivity.duckdb}. */
    public static final Sweep.Storage STORAGE = new Sweep.Storage() {
        @Override
        public String file() {
            return SensitivityDatabase.FILE;
        }

        @Override
        public RunTables open(
                Path dir,
                SweepDatabase.Identity id,
                List<Map<String, String>> points,
                int replications,
                String version,
                Instant now)
                throws IOException, SweepDatabase.Mismatch {
            return SensitivityDatabase.open(dir, id, points, replications, version, now);
        }
    };

    private Sensitivity() {}

    /**
     * Each output's value at every point and replication ({@code [point][replication]}), from the
     * stored runs: the figure of the year {@code years.from()}, or the sum or mean over the years.
     * A figure the runs do not have counts as 0 (an item never sanctioned).
     */
    public static Map<Output, double[][]> values(
            RunTables store, List<Output> outputs, SensitivityResults.Years years, int points, int replications)
            throws IOException {
        Map<Output, double[][]> out = new LinkedHashMap<>();
        for (Output o : outputs) {
            out.put(o, new double[points][replications]);
        }
        for (int y = years.from(); y <= years.to(); y++) {
            Map<String, Map<String, Map<Integer, List<Long>>>> year = store.year(y, replications);
            for (Output o : outputs) {
                Map<Integer, List<Long>> byPoint =
                        year.getOrDefault(o.metric(), Map.of()).getOrDefault(o.item(), Map.of());
                double[][] v = out.get(o);
                for (int p = 0; p < points; p++) {
                    List<Long> reps = byPoint.getOrDefault(p, List.of());
                    for (int r = 0; r < replications && r < reps.size(); r++) {
                        v[p][r] += reps.get(r);
                    }
                }
            }
        }
        if (years.mean()) {
            int n = years.to() - years.from() + 1;
            for (double[][] v : out.values()) {
                for (double[] row : v) {
                    for (int r = 0; r < row.length; r++) {
                        row[r] /= n;
                    }
                }
            }
        }
        return out;
    }

    /** The rows of the database's {@code indices} table for these results. */
    public static List<SensitivityDatabase.Index> rows(SensitivityResults results, SensitivityResults.Years years) {
        List<SensitivityDatabase.Index> rows = new ArrayList<>();
        String y = years.label();
        for (SensitivityResults.SobolEntry e : results.sobol()) {
            Sobol.Indices i = e.indices();
            rows.add(new SensitivityDatabase.Index(
                    e.output().metric(),
                    e.output().item(),
                    e.key(),
                    "first_order",
                    i.first(),
                    i.firstLo(),
                    i.firstHi(),
                    e.noiseFloor(),
                    y));
            rows.add(new SensitivityDatabase.Index(
                    e.output().metric(),
                    e.output().item(),
                    e.key(),
                    "total_order",
                    i.total(),
                    i.totalLo(),
                    i.totalHi(),
                    e.noiseFloor(),
                    y));
        }
        for (SensitivityResults.MorrisEntry e : results.morris()) {
            Morris.Effects m = e.effects();
            String metric = e.output().metric();
            String item = e.output().item();
            rows.add(new SensitivityDatabase.Index(
                    metric, item, e.key(), "mu_star", m.muStar(), m.muStarLo(), m.muStarHi(), e.noiseFloor(), y));
            rows.add(new SensitivityDatabase.Index(
                    metric, item, e.key(), "mu", m.mu(), Double.NaN, Double.NaN, e.noiseFloor(), y));
            rows.add(new SensitivityDatabase.Index(
                    metric, item, e.key(), "sigma", m.sigma(), Double.NaN, Double.NaN, e.noiseFloor(), y));
        }
        return rows;
    }
}
