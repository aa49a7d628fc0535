package org.scoresim.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;
import org.scoresim.store.ResultsFile;

/**
 * The rows of docs/OUTPUTS.md's metrics table, {@code {year, attribute, value, metric, item, count}},
 * the score histogram and the story samples, computed from a run's {@link Results} or read back
 * from its {@link ResultsFile}: counts scaled to the represented population like summary.json's
 * (fines in currency units).
 */
final class MetricRows {
    private MetricRows() {}

    static Map<String, Object> row(int year, String attribute, String value, String metric, String item, Object count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", year);
        m.put("attribute", attribute);
        m.put("value", value);
        m.put("metric", metric);
        m.put("item", item);
        m.put("count", count);
        return m;
    }

    /**
     * Rows for one attribute ({@code all} for national figures) or every attribute (null), one
     * metric or all, one item or all; a 400 for a name the run does not have.
     */
    static List<Map<String, Object>> of(Results r, String attribute, String metric, String item) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("all", List.of("all"));
        attributes.putAll(r.attributes());
        if (attribute != null && !attributes.containsKey(attribute)) {
            throw HttpError.badField(
                    "attribute",
                    "no attribute '" + attribute + "' in this run; it has " + String.join(", ", attributes.keySet()));
        }
        if (metric != null && !Metric.names().contains(metric)) {
            throw HttpError.badField(
                    "metric", "no metric '" + metric + "'; metrics are " + String.join(", ", Metric.names()));
        }
        List<String> metrics = metric == null ? Metric.names() : List.of(metric);
        if (item != null && metrics.stream().noneMatch(m -> r.items(m).contains(item))) {
            throw HttpError.badField("item", "no item '" + item + "' for " + (metric == null ? "any metric" : metric));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            for (Map.Entry<String, List<String>> a : attributes.entrySet()) {
                if (attribute != null && !attribute.equals(a.getKey())) {
                    continue;
                }
                for (String v : a.getValue()) {
                    for (String m : metrics) {
                        for (String i : r.items(m)) {
                            if (item == null || item.equals(i)) {
                                rows.add(row(r.firstYear() + y, a.getKey(), v, m, i, count(r, y, a.getKey(), v, m, i)));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * A scaled count; fines in currency units rounded to cents as in summary.json (the fine per
     * event is the same everywhere, so a group's share of the fined events is its share of the fines).
     */
    private static Object count(Results r, int y, String attribute, String value, String metric, String item) {
        long raw = r.raw(y, attribute, value, metric, item);
        if (!metric.equals("fines")) {
            return r.scale(raw);
        }
        long national = r.raw(y, "fines", item);
        return number(national == 0 ? 0 : r.fines(y, item) * raw / national);
    }

    /** A whole number as an integer, else rounded to cents (summary.json's form). */
    static Object number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9e15) {
            return (long) v;
        }
        return Math.round(v * 100) / 100.0;
    }

    static Map<String, Object> scoreHist(int binLow, Map<String, Object> years) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binLow", binLow);
        m.put("width", 10);
        m.put("years", years);
        return m;
    }

    /** The year-end score histograms, scaled. */
    static Map<String, Object> scoreHist(Results r) {
        Map<String, Object> years = new LinkedHashMap<>();
        for (int y = 0; y < r.years(); y++) {
            long[] raw = r.scoreHistogram(y);
            long[] scaled = new long[raw.length];
            for (int b = 0; b < raw.length; b++) {
                scaled[b] = r.scale(raw[b]);
            }
            years.put(Integer.toString(r.firstYear() + y), scaled);
        }
        return scoreHist(r.scoreBinLow(), years);
    }

    /** The sampled person ids per story category of {@link Tally#STORIES}. */
    static Map<String, Object> stories(Results r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : Tally.STORIES) {
            m.put(c, r.stories(c));
        }
        return m;
    }

    /** The rows of a results database, in the same form. */
    static List<Map<String, Object>> of(List<ResultsFile.MetricRow> rows) {
        return rows.stream()
                .map(r -> row(r.year(), r.attribute(), r.value(), r.metric(), r.item(), number(r.count())))
                .toList();
    }

    /** The score histograms of a results database: every year's bins from the lowest bin of any year. */
    static Map<String, Object> scoreHist(List<ResultsFile.ScoreBin> bins) {
        TreeMap<Integer, TreeMap<Integer, Long>> byYear = new TreeMap<>();
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (ResultsFile.ScoreBin b : bins) {
            low = Math.min(low, b.binLow());
            high = Math.max(high, b.binLow());
            byYear.computeIfAbsent(b.year(), y -> new TreeMap<>()).merge(b.binLow(), b.count(), Long::sum);
        }
        Map<String, Object> years = new LinkedHashMap<>();
        for (Map.Entry<Integer, TreeMap<Integer, Long>> y : byYear.entrySet()) {
            long[] counts = new long[(high - low) / 10 + 1];
            for (Map.Entry<Integer, Long> bin : y.getValue().entrySet()) {
                counts[(bin.getKey() - low) / 10] += bin.getValue();
            }
            years.put(Integer.toString(y.getKey()), counts);
        }
        return scoreHist(low == Integer.MAX_VALUE ? 0 : low, years);
    }

    /** The story samples of a results database: person ids per category, every category of {@link Tally#STORIES}. */
    static Map<String, Object> stories(List<ResultsFile.Story> stories) {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        for (String category : Tally.STORIES) {
            m.put(category, new ArrayList<>());
        }
        for (ResultsFile.Story s : stories) {
            m.computeIfAbsent(s.category(), k -> new ArrayList<>()).add(s.personId());
        }
        return new LinkedHashMap<>(m);
    }
}
