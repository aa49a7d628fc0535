package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.experiments.sweep.SweepStatistics;
import org.scoresim.store.SweepDatabase;

/** A sweep's figures per point, as the console table and as {@code sweep --json}. */
final class SweepTable {
    private SweepTable() {}

    static void print(PrintWriter out, String header, List<SweepStatistics.Point> table, int replications) {
        print(out, header, table, replications, 1.0);
    }

    /**
     * The table, saying which uncertainty its intervals show: the replications' spread, which at a
     * sample below 1 holds the sampling error too (each replication is another seed, so other
     * people and another sample), or none with one replication.
     */
    static void print(
            PrintWriter out, String header, List<SweepStatistics.Point> table, int replications, double sample) {
        out.println(header);
        out.println(uncertainty(replications, sample));
        out.println("(points numbered from 0, as point_id in " + SweepDatabase.FILE + ")");
        int width = 12;
        for (SweepStatistics.Point point : table) {
            for (SweepStatistics.Estimate e : point.estimates()) {
                width = Math.max(width, e.output().label().length());
            }
        }
        for (SweepStatistics.Point point : table) {
            List<String> set = new ArrayList<>();
            point.set().forEach((k, v) -> set.add(k + "=" + v));
            // numbered as point_id in sweep.duckdb and "point" in sweep --json: from 0
            out.printf("%npoint %d: %s%n", point.index(), String.join(", ", set));
            for (SweepStatistics.Estimate e : point.estimates()) {
                out.printf("  %-" + width + "s %14s", e.output().label(), count(e.mean()));
                if (replications > 1) {
                    out.printf("   [%s .. %s]", count(e.lo()), count(e.hi()));
                }
                out.println();
            }
        }
    }

    /** The line under the header: what the figures are and what their intervals hold. */
    static String uncertainty(int replications, double sample) {
        if (replications == 1) {
            return "(one replication: each figure is its run's, without an interval"
                    + (sample < 1
                            ? " (neither the model's randomness nor the sample's error is shown;"
                                    + " --replications 2 or more gives both)"
                            : "")
                    + "; counts scaled to the represented population)";
        }
        return "(mean over the " + replications + " replications [95% t interval of the mean]; counts scaled to the"
                + " represented population;" + System.lineSeparator()
                + " each replication is another seed, so the interval holds the model's randomness"
                + (sample < 1 ? " and the " + percent(sample) + " sample's error together)" : ")");
    }

    private static String percent(double sample) {
        return new java.math.BigDecimal(100 * sample)
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,.0f", v);
    }

    /** The table as JSON-ready maps: per point its settings and figures. */
    static List<Object> json(List<SweepStatistics.Point> table) {
        List<Object> points = new ArrayList<>();
        for (SweepStatistics.Point p : table) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("point", p.index());
            point.put("set", p.set());
            List<Object> figures = new ArrayList<>();
            for (SweepStatistics.Estimate e : p.estimates()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("metric", e.output().metric());
                f.put("item", e.output().item());
                f.put("mean", e.mean());
                f.put("lo", e.lo());
                f.put("hi", e.hi());
                f.put("values", e.values());
                figures.add(f);
            }
            point.put("figures", figures);
            points.add(point);
        }
        return points;
    }
}
