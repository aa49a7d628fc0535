package org.scoresim.experiments.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;

/**
 * The figures a sweep reports per point: for one year, each output's values over the
 * replications and their statistics (mean with its 95% t interval, sd, min, max). They are
 * computed from the sweep's database, so that a resumed sweep reports exactly what an
 * uninterrupted one does.
 */
public final class SweepStatistics {
    /** A figure: a metric of docs/MODEL.md section 7 and its item ("" for population and locked_in). */
    public record Output(String metric, String item, boolean hideIfZero) {
        public String label() {
            return item.isEmpty() ? metric : metric + ": " + item;
        }
    }

    /**
     * An output at one point over the replications: their values in replication order, the mean
     * and its 95% interval (t with n-1 degrees of freedom, cut at 0 since counts are never
     * negative; the value itself for n = 1), the sample standard deviation (NaN for n < 2), min and
     * max (NaN with no value).
     */
    public record Estimate(
            Output output, double mean, double lo, double hi, double sd, double min, double max, List<Long> values) {
        public Estimate {
            values = List.copyOf(values);
        }

        static Estimate of(Output output, List<Long> values) {
            int n = values.size();
            double mean = values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
            double min = Double.NaN;
            double max = Double.NaN;
            for (long v : values) {
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
            if (n < 2) {
                return new Estimate(output, mean, mean, mean, Double.NaN, min, max, values);
            }
            double ss = 0;
            for (long v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
            double half = t * sd / Math.sqrt(n);
            return new Estimate(output, mean, Math.max(0, mean - half), mean + half, sd, min, max, values);
        }
    }

    /** A point of the grid: its index (0-based), its overrides in the grid's key order, its estimates in the outputs' order. */
    public record Point(int index, Map<String, String> set, List<Estimate> estimates) {
        public Point {
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            estimates = List.copyOf(estimates);
        }
    }

    private SweepStatistics() {}

    /** Sanctioned and wrongful of every sanction, blocked of every mode: what a sweep reports unless asked otherwise. */
    public static List<Output> defaults(Scenario s) {
        List<Output> out = new ArrayList<>();
        s.sanctions().keySet().forEach(x -> out.add(new Output("sanctioned", x, false)));
        s.travel().keySet().forEach(x -> out.add(new Output("blocked", x, false)));
        s.sanctions().keySet().forEach(x -> out.add(new Output("wrongful", x, true)));
        return out;
    }

    /**
     * The outputs asked for with {@code --metric NAME[:ITEM]} (a name alone: every item), or
     * {@link #defaults} when none is; an output asked for twice is listed once, where first asked.
     * IllegalArgumentException names an unknown metric or item.
     */
    public static List<Output> outputs(Scenario s, List<String> options) {
        if (options == null || options.isEmpty()) {
            return defaults(s);
        }
        List<Output> out = new ArrayList<>();
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
                throw new IllegalArgumentException("--metric " + option + ": the scenario has no such item for "
                        + metric + "; expected one of " + String.join(", ", items));
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /**
     * Each point's estimates, from one year's figures as the sweep's database gives them (metric,
     * then item, then point, to the replications' values); an output that hides when zero and is
     * zero everywhere is left out of every point, and one listed twice comes once.
     */
    public static List<Point> compute(
            List<Output> outputs, SweepGrid grid, Map<String, Map<String, Map<Integer, List<Long>>>> year) {
        List<List<Estimate>> byPoint = new ArrayList<>();
        for (int p = 0; p < grid.size(); p++) {
            byPoint.add(new ArrayList<>());
        }
        for (Output o : new LinkedHashSet<>(outputs)) {
            Map<Integer, List<Long>> values =
                    year.getOrDefault(o.metric(), Map.of()).getOrDefault(o.item(), Map.of());
            if (o.hideIfZero() && values.values().stream().flatMap(List::stream).allMatch(v -> v == 0)) {
                continue;
            }
            for (int p = 0; p < grid.size(); p++) {
                byPoint.get(p).add(Estimate.of(o, values.getOrDefault(p, List.of())));
            }
        }
        List<Point> points = new ArrayList<>();
        for (int p = 0; p < grid.size(); p++) {
            points.add(new Point(p, grid.point(p), byPoint.get(p)));
        }
        return points;
    }
}
