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
        out.println(header);
        out.println(
                replications == 1
                        ? "(one replication: each figure is its run's; counts scaled to the represented population)"
                        : "(mean over the replications [95% t interval]; counts scaled to the represented population)");
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
