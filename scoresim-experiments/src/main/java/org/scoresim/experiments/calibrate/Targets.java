package org.scoresim.experiments.calibrate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.engine.results.Results;
import org.scoresim.model.CalibrationTargets;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.TargetsParser;

/**
 * A targets file (as {@code scenarios/targets/china-official.yaml} describes at its top): figures a
 * scenario should reproduce ({@code targets}), figures reported beside them but not fitted
 * ({@code checks}), and the scenario values a calibrator may move ({@code free}, key paths with bounds).
 * Read by the model's {@link TargetsParser}; this is its form for a calibration, with the figures
 * computed from a run.
 */
public record Targets(String scenario, List<Target> targets, List<Target> checks, List<Free> free) {

    /**
     * A figure: a metric of docs/MODEL.md section 7 for one or more items (summed), over the years
     * {@code from..to}, summed or averaged over them, and the value it should have.
     */
    public record Target(
            String name,
            String metric,
            List<String> items,
            int from,
            int to,
            String aggregate,
            double value,
            double tolerance,
            String source) {
        /** The model's figure from a run: national, scaled to the represented population. */
        public double of(Results r) {
            double sum = 0;
            for (int y = from; y <= to; y++) {
                for (String item : items) {
                    int year = y - r.firstYear();
                    sum += metric.equals("fines") ? r.fines(year, item) : r.raw(year, metric, item) / r.sample();
                }
            }
            return aggregate.equals("mean") ? sum / (to - from + 1) : sum;
        }

        /** (model - value) / value. */
        public double error(double model) {
            return (model - value) / value;
        }

        public boolean within(double model) {
            return Math.abs(model - value) <= tolerance * Math.abs(value);
        }
    }

    /**
     * The targets file cut at {@code year}, for a fit judged out of sample: only the targets whose
     * years end by {@code year} are fitted (the checks stay as they are), and a free value that is a
     * curve point of a later year (a path ending in {@code .2018} for year 2017) stays as the file
     * writes it, since no fitted target can see it.
     */
    public Targets until(int year) {
        return new Targets(
                scenario,
                targets.stream().filter(t -> t.to() <= year).toList(),
                checks,
                free.stream().filter(f -> !laterCurvePoint(f.path(), year)).toList());
    }

    /** The targets whose years end after {@code year}: those {@link #until} holds out. */
    public List<Target> after(int year) {
        return targets.stream().filter(t -> t.to() > year).toList();
    }

    /**
     * For a fit cut at {@code year}: each free value that is a curve point of a later year, tied to
     * the latest free point of the same curve by {@code year} (such as {@code
     * channels.courts.coverage.2018} to {@code channels.courts.coverage.2017}), so that the later
     * years carry the last fitted value forward instead of a value fitted to their own figures. A
     * later point with no earlier free point on its curve is absent: it stays as written.
     */
    public Map<String, String> carriedForward(int year) {
        Map<String, String> tied = new LinkedHashMap<>();
        for (Free f : free) {
            if (!laterCurvePoint(f.path(), year)) {
                continue;
            }
            String curve = f.path().substring(0, f.path().lastIndexOf('.') + 1);
            String source = null;
            int best = Integer.MIN_VALUE;
            for (Free g : free) {
                String last = g.path().substring(g.path().lastIndexOf('.') + 1);
                if (g.path().startsWith(curve)
                        && g.path().length() == curve.length() + 4
                        && last.matches("\\d{4}")
                        && Integer.parseInt(last) <= year
                        && Integer.parseInt(last) > best) {
                    best = Integer.parseInt(last);
                    source = g.path();
                }
            }
            if (source != null) {
                tied.put(f.path(), source);
            }
        }
        return tied;
    }

    private static boolean laterCurvePoint(String path, int year) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        return last.matches("\\d{4}") && Integer.parseInt(last) > year;
    }

    /** A value the calibrator may move: a key path into the scenario file and its bounds. */
    public record Free(String path, double min, double max) {}

    /** Reads a targets file on its own (every problem located, as for scenario files). */
    public static Targets read(Path file) throws ScenarioException {
        return of(TargetsParser.parse(file));
    }

    /**
     * Reads a targets file and checks it against a scenario: metrics, items and years exist, and the
     * free key paths name numbers {@code scenarioText} (the scenario file's text) writes, inside their bounds.
     */
    public static Targets read(Path file, Scenario s, String scenarioText) throws ScenarioException {
        return of(TargetsParser.parse(file, s, scenarioText));
    }

    /** Reads a targets file's text; every problem of it at once. */
    public static Targets parse(String text, String fileName) throws ScenarioException {
        return of(TargetsParser.parse(text, fileName, null, null));
    }

    private static Targets of(CalibrationTargets t) {
        return new Targets(
                t.scenario(),
                figures(t.targets()),
                figures(t.checks()),
                t.free().stream().map(f -> new Free(f.path(), f.min(), f.max())).toList());
    }

    private static List<Target> figures(List<CalibrationTargets.Figure> list) {
        return list.stream()
                .map(f -> new Target(
                        f.name(),
                        f.metric().key(),
                        f.items(),
                        f.from(),
                        f.to(),
                        f.aggregate().word(),
                        f.value(),
                        f.tolerance(),
                        f.source()))
                .toList();
    }
}
