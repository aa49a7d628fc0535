package org.scoresim.engine.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.model.Metric;

/**
 * The shape of {@code summary.json} (docs/OUTPUTS.md) as ordered maps, for any JSON writer. Every
 * behaviour, tier, sanction, list, reward and mode appears in every year, zero included.
 */
public final class Summary {
    private Summary() {}

    public static Map<String, Object> of(Results r, String version) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", r.scenarioName());
        root.put("seed", r.seed());
        root.put("sample", r.sample());
        root.put("version", version);
        root.put("engine", r.engine());
        root.put("households", r.households());
        root.put("people", r.people());
        Map<String, Object> years = new LinkedHashMap<>();
        for (int y = 0; y < r.years(); y++) {
            years.put(Integer.toString(r.firstYear() + y), year(r, y));
        }
        root.put("years", years);
        if (r.sample() < 1.0) {
            Map<String, Object> intervals = new LinkedHashMap<>();
            for (int y = 0; y < r.years(); y++) {
                intervals.put(Integer.toString(r.firstYear() + y), intervals(r, y));
            }
            root.put("interval95", intervals);
            Map<String, Object> simulated = new LinkedHashMap<>();
            for (int y = 0; y < r.years(); y++) {
                simulated.put(Integer.toString(r.firstYear() + y), simulated(r, y));
            }
            root.put("simulated", simulated);
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        for (int y = 0; y < r.years(); y++) {
            audit.put(Integer.toString(r.firstYear() + y), Audit.of(r, y));
        }
        root.put("audit", audit);
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("seconds", round(r.seconds(), 3));
        timing.put("people_years_per_second", Math.round(r.personYearsPerSecond()));
        root.put("timing", timing);
        return root;
    }

    /** One year's national figures, scaled to the represented population. */
    public static Map<String, Object> year(Results r, int y) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric metric : Metric.all()) {
            if (metric.items() == Metric.Items.NONE) {
                m.put(metric.key(), r.scale(r.raw(y, metric, "")));
                continue;
            }
            Map<String, Object> items = new LinkedHashMap<>();
            for (String item : r.items(metric)) {
                items.put(item, metric == Metric.FINES ? number(r.fines(y, item)) : r.scale(r.raw(y, metric, item)));
            }
            m.put(metric.key(), items);
        }
        return m;
    }

    /**
     * One year's national figures as counted over the simulated people (unscaled; fines as fined
     * events): what a figure rests on, and below {@link Interval#FEW} a figure to read with care.
     */
    public static Map<String, Object> simulated(Results r, int y) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric metric : Metric.all()) {
            if (metric.items() == Metric.Items.NONE) {
                m.put(metric.key(), r.raw(y, metric, ""));
                continue;
            }
            Map<String, Object> items = new LinkedHashMap<>();
            for (String item : r.items(metric)) {
                items.put(item, r.raw(y, metric, item));
            }
            m.put(metric.key(), items);
        }
        return m;
    }

    /** One year's 95% intervals {@code [lo, hi]} of the national figures, in the shape of {@link #year}. */
    public static Map<String, Object> intervals(Results r, int y) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Metric metric : Metric.all()) {
            if (metric.items() == Metric.Items.NONE) {
                m.put(metric.key(), pair(r.interval(y, metric, "")));
                continue;
            }
            Map<String, Object> items = new LinkedHashMap<>();
            for (String item : r.items(metric)) {
                items.put(item, pair(r.interval(y, metric, item)));
            }
            m.put(metric.key(), items);
        }
        return m;
    }

    private static List<Object> pair(double[] lohi) {
        return java.util.Arrays.asList(number(lohi[0]), number(lohi[1])); // null for a bound not defined
    }

    static Object number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 9e15) {
            return (long) v;
        }
        return round(v, 2);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
