package org.scoresim.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A targets file (as {@code scenarios/targets/china-official.yaml} describes at its top): figures a
 * scenario should reproduce ({@code targets}), figures reported beside them but not fitted
 * ({@code checks}), and the scenario values a calibrator may move ({@code free}, key paths with bounds).
 */
public record Targets(String scenario, List<Target> targets, List<Target> checks, List<Free> free) {

    /**
     * A figure: a metric of MODEL.md section 7 for one or more items (summed), over the years
     * {@code from..to}, summed or averaged over them, and the value it should have.
     */
    public record Target(String name, String metric, List<String> items, int from, int to, String aggregate, double value,
            double tolerance, String source) {
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

    /** A value the calibrator may move: a key path into the scenario file and its bounds. */
    public record Free(String path, double min, double max) {}

    static final List<String> AGGREGATES = List.of("sum", "mean");

    public static Targets read(Path file) throws ScenarioException {
        String name = String.valueOf(file);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new Problem(name, 0, 0, "", "cannot read the targets file: " + e)));
        }
    }

    /** Reads a targets file; every problem of it at once. */
    public static Targets parse(String text, String fileName) throws ScenarioException {
        Reader r = new Reader(fileName);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ScenarioException(List.of(new Problem(fileName, 0, 0, "", "invalid YAML: " + e.getMessage().replaceAll("\\s+", " "))));
        }
        Map<?, ?> top = r.map(root, "", "a mapping with targets, checks and free");
        if (top == null) {
            throw r.exception();
        }
        for (Object key : top.keySet()) {
            if (!List.of("scenario", "targets", "checks", "free").contains(String.valueOf(key))) {
                r.problem(String.valueOf(key), "unknown key; expected scenario, targets, checks or free");
            }
        }
        String scenario = top.get("scenario") == null ? null : String.valueOf(top.get("scenario"));
        List<Target> targets = r.figures(top.get("targets"), "targets");
        List<Target> checks = r.figures(top.get("checks"), "checks");
        List<Free> free = r.free(top.get("free"), "free");
        if (targets.isEmpty() && r.problems.isEmpty()) {
            r.problem("targets", "expected at least one target");
        }
        if (!r.problems.isEmpty()) {
            throw r.exception();
        }
        return new Targets(scenario, targets, checks, free);
    }

    /**
     * Checks the file against a scenario: metrics, items and years exist; the free paths name
     * numbers the file writes, inside their bounds. {@code text} is the scenario file's text.
     */
    public void check(Scenario s, String text, String fileName) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        for (List<Target> list : List.of(targets, checks)) {
            String block = list == targets ? "targets" : "checks";
            for (Target t : list) {
                String at = block + "[" + t.name() + "]";
                List<String> known = org.scoresim.model.Metric.named(t.metric()).orElseThrow().items(s);
                for (String item : t.items()) {
                    if (!known.contains(item)) {
                        problems.add(new Problem(fileName, 0, 0, at + ".item", "the scenario has no " + item + " for " + t.metric()
                                + "; expected one of " + String.join(", ", known)));
                    }
                }
                if (t.from() < s.years().from() || t.to() > s.years().to()) {
                    problems.add(new Problem(fileName, 0, 0, at + ".years", "the scenario runs " + s.years().from() + "-"
                            + s.years().to() + ", got " + t.from() + "-" + t.to()));
                }
            }
        }
        Map<String, String> written;
        try {
            written = ScenarioParser.scalars(text, free.stream().map(Free::path).toList());
        } catch (ScenarioException e) {
            for (Problem p : e.problems()) {
                problems.add(new Problem(fileName, 0, 0, "free[" + p.path() + "]", p.message() + " (in the scenario file)"));
            }
            written = Map.of();
        }
        for (Free f : free) {
            String v = written.get(f.path());
            if (v == null) {
                continue;
            }
            try {
                double x = Double.parseDouble(v.replace("_", ""));
                if (x < f.min() || x > f.max()) {
                    problems.add(new Problem(fileName, 0, 0, "free[" + f.path() + "]", "the scenario's value " + v
                            + " is outside the bounds [" + f.min() + ", " + f.max() + "]"));
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem(fileName, 0, 0, "free[" + f.path() + "]", "the scenario writes '" + v + "' there, not a number"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** Reads the loaded YAML objects, recording a problem with its key path for anything unexpected. */
    private static final class Reader {
        final String file;
        final List<Problem> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        void problem(String path, String message) {
            problems.add(new Problem(file, 0, 0, path, message));
        }

        ScenarioException exception() {
            return new ScenarioException(problems);
        }

        Map<?, ?> map(Object o, String path, String expected) {
            if (o instanceof Map<?, ?> m) {
                return m;
            }
            problem(path, "expected " + expected + ", got " + (o == null ? "nothing" : "'" + o + "'"));
            return null;
        }

        List<?> list(Object o, String path) {
            if (o == null) {
                return List.of();
            }
            if (o instanceof List<?> l) {
                return l;
            }
            problem(path, "expected a list, got '" + o + "'");
            return List.of();
        }

        Double number(Map<?, ?> m, String key, String path) {
            Object o = m.get(key);
            if (o instanceof Number n) {
                return n.doubleValue();
            }
            if (o instanceof String s) {
                try {
                    return Double.parseDouble(s.replace("_", ""));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problem(path + "." + key, o == null ? "missing key '" + key + "': expected a number" : "expected a number, got '" + o + "'");
            return null;
        }

        String text(Map<?, ?> m, String key, String path) {
            Object o = m.get(key);
            if (o instanceof String || o instanceof Number) {
                return String.valueOf(o);
            }
            problem(path + "." + key, o == null ? "missing key '" + key + "'" : "expected a text, got '" + o + "'");
            return null;
        }

        List<Target> figures(Object o, String path) {
            List<Target> out = new ArrayList<>();
            List<?> items = list(o, path);
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                Map<?, ?> m = map(items.get(i), p, "{name, metric, item, years, aggregate, value, tolerance, source}");
                if (m != null) {
                    Target t = figure(m, p);
                    if (t != null) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        private Target figure(Map<?, ?> m, String p) {
            for (Object key : m.keySet()) {
                if (!List.of("name", "metric", "item", "years", "aggregate", "value", "tolerance", "source").contains(String.valueOf(key))) {
                    problem(p + "." + key, "unknown key; expected name, metric, item, years, aggregate, value, tolerance or source");
                }
            }
            String name = text(m, "name", p);
            String metric = text(m, "metric", p);
            if (metric != null && !org.scoresim.model.Metric.names().contains(metric)) {
                problem(p + ".metric", "unknown metric '" + metric + "'; expected one of " + String.join(", ", org.scoresim.model.Metric.names()));
                metric = null;
            }
            List<String> items = new ArrayList<>();
            Object item = m.get("item");
            if (item instanceof List<?> l && !l.isEmpty()) {
                l.forEach(x -> items.add(String.valueOf(x)));
            } else if (item instanceof String s) {
                items.add(s);
            } else if (item == null && metric != null && List.of("population", "locked_in").contains(metric)) {
                items.add("");
            } else {
                problem(p + ".item", "expected an item name or a list of them, got " + (item == null ? "nothing" : "'" + item + "'"));
            }
            int[] years = years(m.get("years"), p + ".years");
            String aggregate = m.get("aggregate") == null ? "sum" : String.valueOf(m.get("aggregate"));
            if (!AGGREGATES.contains(aggregate)) {
                problem(p + ".aggregate", "expected sum or mean, got '" + aggregate + "'");
            }
            Double value = number(m, "value", p);
            if (value != null && value == 0) {
                problem(p + ".value", "expected a figure other than 0 (errors are relative to it)");
            }
            Double tolerance = m.containsKey("tolerance") ? number(m, "tolerance", p) : Double.valueOf(0.1);
            if (tolerance != null && !(tolerance >= 0)) {
                problem(p + ".tolerance", "expected a relative tolerance >= 0, got " + tolerance);
            }
            String source = m.get("source") == null ? "" : String.valueOf(m.get("source"));
            if (name == null || metric == null || items.isEmpty() || years == null || value == null || tolerance == null
                    || !AGGREGATES.contains(aggregate)) {
                return null;
            }
            return new Target(name, metric, List.copyOf(items), years[0], years[1], aggregate, value, tolerance, source);
        }

        private int[] years(Object o, String path) {
            if (o instanceof Integer y) {
                return new int[] {y, y};
            }
            if (o instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Integer a && l.get(1) instanceof Integer b && a <= b) {
                return new int[] {a, b};
            }
            problem(path, "expected [first, last] years, such as [2013, 2015], got " + (o == null ? "nothing" : "'" + o + "'"));
            return null;
        }

        List<Free> free(Object o, String path) {
            List<Free> out = new ArrayList<>();
            List<?> items = list(o, path);
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                Map<?, ?> m = map(items.get(i), p, "{path, min, max}");
                if (m == null) {
                    continue;
                }
                String key = text(m, "path", p);
                Double min = number(m, "min", p);
                Double max = number(m, "max", p);
                if (min != null && max != null && !(min < max)) {
                    problem(p + ".max", "expected max > min (" + min + "), got " + max);
                } else if (key != null && min != null && max != null) {
                    if (out.stream().anyMatch(f -> f.path().equals(key))) {
                        problem(p + ".path", key + " is freed twice");
                    } else {
                        out.add(new Free(key, min, max));
                    }
                }
            }
            return out;
        }
    }
}
