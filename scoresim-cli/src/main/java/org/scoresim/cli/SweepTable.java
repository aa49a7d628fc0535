package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;

/**
 * The figures a sweep reports per point (one year; the mean over replications with its 95% t
 * interval), read back from the sweep's database so that a resumed sweep prints exactly what an
 * uninterrupted one does.
 */
final class SweepTable {
    /** A figure: a metric of MODEL.md section 7 and its item ("" for population and locked_in). */
    record Output(String metric, String item, boolean hideIfZero) {
        String label() {
            return item.isEmpty() ? metric : metric + ": " + item;
        }
    }

    /**
     * Replications' values, their mean and 95% interval (t with n-1 degrees of freedom, cut at 0; the
     * value itself for n = 1).
     */
    record Stat(double mean, double lo, double hi, List<Long> values) {
        static Stat of(List<Long> values) {
            int n = values.size();
            double mean = values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
            if (n < 2) {
                return new Stat(mean, mean, mean, values);
            }
            double ss = 0;
            for (long v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
            double half = t * sd / Math.sqrt(n);
            // counts are never negative
            return new Stat(mean, Math.max(0, mean - half), mean + half, values);
        }
    }

    private SweepTable() {}

    /**
     * The outputs asked for with {@code --metric NAME[:ITEM]} (a name alone: every item), or by
     * default sanctioned and wrongful of every sanction and blocked of every mode. IllegalArgumentException
     * names an unknown metric or item.
     */
    static List<Output> outputs(Scenario s, List<String> options) {
        List<Output> out = new ArrayList<>();
        if (options == null || options.isEmpty()) {
            s.sanctions().keySet().forEach(x -> out.add(new Output("sanctioned", x, false)));
            s.travel().keySet().forEach(x -> out.add(new Output("blocked", x, false)));
            s.sanctions().keySet().forEach(x -> out.add(new Output("wrongful", x, true)));
            return out;
        }
        for (String option : options) {
            int colon = option.indexOf(':');
            String metric = colon < 0 ? option : option.substring(0, colon);
            if (!Metric.names().contains(metric)) {
                throw new IllegalArgumentException("--metric: unknown metric '" + metric + "'; expected one of "
                        + String.join(", ", Metric.names()));
            }
            List<String> items = Metric.named(metric).orElseThrow().items(s);
            if (colon < 0) {
                items.forEach(i -> out.add(new Output(metric, i, false)));
            } else if (items.contains(option.substring(colon + 1))) {
                out.add(new Output(metric, option.substring(colon + 1), false));
            } else {
                throw new IllegalArgumentException("--metric " + option + ": the scenario has no such item for " + metric
                        + "; expected one of " + String.join(", ", items));
            }
        }
        return out;
    }

    /** Figures per point: for each point, each output with its statistics (outputs hidden when zero everywhere left out). */
    static List<Map<Output, Stat>> compute(List<Output> outputs, int points, Map<String, Map<String, Map<Integer, List<Long>>>> year) {
        List<Map<Output, Stat>> table = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            table.add(new LinkedHashMap<>());
        }
        for (Output o : outputs) {
            Map<Integer, List<Long>> byPoint = year.getOrDefault(o.metric(), Map.of()).getOrDefault(o.item(), Map.of());
            if (o.hideIfZero() && byPoint.values().stream().flatMap(List::stream).allMatch(v -> v == 0)) {
                continue;
            }
            for (int p = 0; p < points; p++) {
                table.get(p).put(o, Stat.of(byPoint.getOrDefault(p, List.of())));
            }
        }
        return table;
    }

    static void print(PrintWriter out, String header, SweepGrid grid, List<Map<Output, Stat>> table, int replications) {
        out.println(header);
        out.println(replications == 1 ? "(one replication: each figure is its run's; counts scaled to the represented population)"
                : "(mean over the replications [95% t interval]; counts scaled to the represented population)");
        int width = 12;
        for (Map<Output, Stat> row : table) {
            for (Output o : row.keySet()) {
                width = Math.max(width, o.label().length());
            }
        }
        for (int p = 0; p < table.size(); p++) {
            List<String> set = new ArrayList<>();
            grid.point(p).forEach((k, v) -> set.add(k + "=" + v));
            out.printf("%npoint %d of %d: %s%n", p + 1, table.size(), String.join(", ", set));
            for (Map.Entry<Output, Stat> e : table.get(p).entrySet()) {
                Stat s = e.getValue();
                out.printf("  %-" + width + "s %14s", e.getKey().label(), count(s.mean()));
                if (replications > 1) {
                    out.printf("   [%s .. %s]", count(s.lo()), count(s.hi()));
                }
                out.println();
            }
        }
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format("%,.0f", v);
    }

    /** The table as JSON-ready maps: per point its settings and figures. */
    static List<Object> json(SweepGrid grid, List<Map<Output, Stat>> table) {
        List<Object> points = new ArrayList<>();
        for (int p = 0; p < table.size(); p++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("point", p);
            point.put("set", grid.point(p));
            List<Object> figures = new ArrayList<>();
            for (Map.Entry<Output, Stat> e : table.get(p).entrySet()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("metric", e.getKey().metric());
                f.put("item", e.getKey().item());
                f.put("mean", e.getValue().mean());
                f.put("lo", e.getValue().lo());
                f.put("hi", e.getValue().hi());
                f.put("values", e.getValue().values());
                figures.add(f);
            }
            point.put("figures", figures);
            points.add(point);
        }
        return points;
    }
}
