package org.scoresim.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scoresim.model.CalibrationTargets.Aggregate;
import org.scoresim.model.CalibrationTargets.Figure;
import org.scoresim.model.CalibrationTargets.Free;
import org.scoresim.model.NodeReader.Block;
import org.scoresim.model.NodeReader.Ref;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a targets file ({@link CalibrationTargets}) as scenario files are read: every problem at
 * once, each with file, line, column and key path, nothing but {@link ScenarioException} thrown.
 * Given the scenario, it also checks the file against it: items and years exist, and every free
 * key path names a number the scenario file writes, inside its bounds.
 */
public final class TargetsParser {
    static final List<String> TOP = List.of("scenario", "targets", "checks", "free");
    static final List<String> FIGURE_KEYS =
            List.of("name", "metric", "item", "years", "aggregate", "value", "tolerance", "source");
    static final List<String> FREE_KEYS = List.of("path", "min", "max");
    static final double DEFAULT_TOLERANCE = 0.1;

    private final NodeReader r;
    private final Problems problems;
    private final Scenario scenario;
    /** The scenario file's tree, for the free key paths; null when not checked. */
    private final Node scenarioRoot;

    private TargetsParser(Problems problems, Scenario scenario, Node scenarioRoot) {
        this.problems = problems;
        this.r = new NodeReader(problems);
        this.scenario = scenario;
        this.scenarioRoot = scenarioRoot;
    }

    /** Reads a targets file on its own. */
    public static CalibrationTargets parse(Path file) throws ScenarioException {
        return parse(file, null, null);
    }

    /**
     * Reads a targets file and checks it against a scenario; {@code scenarioText} is the text of the
     * scenario file the free key paths point into (null with {@code scenario} to skip the checks).
     */
    public static CalibrationTargets parse(Path file, Scenario scenario, String scenarioText) throws ScenarioException {
        Problems problems = new Problems(String.valueOf(file));
        byte[] bytes = file == null ? null : ScenarioParser.read(file, problems);
        String text = bytes == null ? null : ScenarioParser.decode(bytes, problems);
        if (text == null) {
            if (problems.isEmpty()) {
                problems.file("no file given");
            }
            throw problems.exception();
        }
        return parse(text, String.valueOf(file), scenario, scenarioText);
    }

    /** As {@link #parse(Path, Scenario, String)}, for a text. */
    public static CalibrationTargets parse(String text, String fileName, Scenario scenario, String scenarioText)
            throws ScenarioException {
        Problems problems = new Problems(fileName == null ? "<targets>" : fileName);
        if (text == null || text.isBlank()) {
            problems.file("the file is empty: expected targets, checks and free");
            throw problems.exception();
        }
        Node root = ScenarioParser.compose(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
        if (root == null) {
            throw problems.exception();
        }
        Node scenarioRoot = null;
        if (scenario != null && scenarioText != null) {
            // the scenario was read already: its text composes
            scenarioRoot = ScenarioParser.compose(
                    scenarioText.startsWith("\uFEFF") ? scenarioText.substring(1) : scenarioText,
                    new Problems("<scenario>"));
        }
        CalibrationTargets t;
        try {
            t = new TargetsParser(problems, scenario, scenarioRoot).read(root);
        } catch (RuntimeException e) {
            // a bug of this reader; still reported as a problem of the file so callers see exit code 2
            problems.file("internal error while reading the targets: " + e);
            t = null;
        }
        if (t == null || !problems.isEmpty()) {
            throw problems.exception();
        }
        return t;
    }

    private CalibrationTargets read(Node root) {
        Block top = r.block(root, "", "a mapping of scenario, targets, checks and free", TOP);
        if (top == null) {
            return null;
        }
        String name = top.has("scenario") ? r.text(top.get("scenario"), "scenario", "the scenario's name") : null;
        List<Figure> targets = figures(top.get("targets"), "targets");
        List<Figure> checks = figures(top.get("checks"), "checks");
        List<Free> free = free(top.get("free"), "free");
        if (targets != null && targets.isEmpty() && problems.isEmpty()) {
            problems.at(top.has("targets") ? top.get("targets") : root, "targets", "expected at least one target");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new CalibrationTargets(name, targets, checks, free);
    }

    private List<Figure> figures(Node node, String path) {
        List<Node> items = node == null || Nodes.isNull(node)
                ? List.of()
                : r.list(node, path, "a list of {name, metric, item, years, aggregate, value, tolerance, source}");
        if (items == null) {
            return null;
        }
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Figure f = figure(items.get(i), path + "[" + i + "]");
            if (f != null) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    private Figure figure(Node node, String path) {
        Block b = r.block(node, path, "{name, metric, item, years, aggregate, value, tolerance, source}", FIGURE_KEYS);
        if (b == null) {
            return null;
        }
        Node nameNode = r.required(b, "name", "the figure's name");
        String name = nameNode == null ? null : r.text(nameNode, b.path("name"), "the figure's name");
        Node metricNode = r.required(b, "metric", "a metric such as listed_new or blocked");
        String metricName = metricNode == null ? null : r.text(metricNode, b.path("metric"), "a metric name");
        Metric metric = metricName == null ? null : Metric.named(metricName).orElse(null);
        if (metricName != null && metric == null) {
            problems.at(metricNode, b.path("metric"), Nodes.unknown("metric", metricName, Metric.names()));
        }
        List<String> items = items(b, metric);
        int[] years = years(b);
        String word =
                b.has("aggregate") ? r.choice(b.get("aggregate"), b.path("aggregate"), List.of("sum", "mean")) : "sum";
        Node valueNode = r.required(b, "value", "the official figure, a number");
        Double value = valueNode == null ? null : r.number(valueNode, b.path("value"), Bound.ANY);
        if (value != null && value == 0) {
            problems.at(valueNode, b.path("value"), "expected a figure other than 0 (errors are relative to it)");
            value = null;
        }
        Double tolerance = b.has("tolerance")
                ? r.number(b.get("tolerance"), b.path("tolerance"), Bound.NON_NEGATIVE)
                : Double.valueOf(DEFAULT_TOLERANCE);
        String source = b.has("source") ? r.text(b.get("source"), b.path("source"), "where the figure comes from") : "";
        if (name == null
                || metric == null
                || items == null
                || years == null
                || word == null
                || value == null
                || tolerance == null
                || source == null) {
            return null;
        }
        return new Figure(
                name,
                metric,
                items,
                years[0],
                years[1],
                Aggregate.valueOf(word.toUpperCase(java.util.Locale.ROOT)),
                value,
                tolerance,
                source);
    }

    /** An item name or a list of them (summed); none for a metric without items; checked against the scenario. */
    private List<String> items(Block b, Metric metric) {
        Node node = b.get("item");
        String path = b.path("item");
        if (node == null) {
            if (metric != null && metric.items() != Metric.Items.NONE) {
                problems.at(
                        b.node,
                        path,
                        "missing key 'item': expected the " + metric.items().noun()
                                + " the figure is about, or a list of them (summed)");
                return null;
            }
            return List.of("");
        }
        if (metric != null && metric.items() == Metric.Items.NONE) {
            problems.at(node, path, "the metric " + metric.key() + " has no items; leave item out");
            return null;
        }
        List<Ref> refs;
        if (node instanceof SequenceNode) {
            refs = r.names(node, path, "item");
            if (refs != null && refs.isEmpty()) {
                problems.at(node, path, "expected at least one item");
                return null;
            }
        } else {
            String name = r.text(node, path, "an item name or a list of them, such as [flight, hsr]");
            refs = name == null ? null : List.of(new Ref(name, node, path));
        }
        if (refs == null) {
            return null;
        }
        boolean ok = true;
        if (scenario != null && metric != null) {
            List<String> known = metric.items(scenario);
            for (Ref ref : refs) {
                if (!known.contains(ref.name())) {
                    problems.at(
                            ref.node(),
                            ref.path(),
                            Nodes.unknown(metric.items().noun(), ref.name(), known) + " (the items of " + metric.key()
                                    + " in the scenario)");
                    ok = false;
                }
            }
        }
        return ok ? refs.stream().map(Ref::name).toList() : null;
    }

    /** A year, or [first, last]; within the scenario's years when it is given. */
    private int[] years(Block b) {
        String expected = "a year or [first, last] years, such as [2013, 2015]";
        Node node = r.required(b, "years", expected);
        if (node == null) {
            return null;
        }
        String path = b.path("years");
        Integer from;
        Integer to;
        if (node instanceof SequenceNode s && s.getValue().size() == 2) {
            from = r.year(s.getValue().get(0), path + "[0]");
            to = r.year(s.getValue().get(1), path + "[1]");
        } else if (node instanceof ScalarNode) {
            from = r.year(node, path);
            to = from;
        } else {
            r.expected(node, path, expected);
            return null;
        }
        if (from == null || to == null) {
            return null;
        }
        if (from > to) {
            problems.at(node, path, "expected [first, last] with first <= last, got [" + from + ", " + to + "]");
            return null;
        }
        if (scenario != null
                && (from < scenario.years().from() || to > scenario.years().to())) {
            problems.at(
                    node,
                    path,
                    "the scenario runs " + scenario.years().from() + "-"
                            + scenario.years().to() + ", got " + from + (to.equals(from) ? "" : "-" + to));
            return null;
        }
        return new int[] {from, to};
    }

    private List<Free> free(Node node, String path) {
        List<Node> items = node == null || Nodes.isNull(node)
                ? List.of()
                : r.list(node, path, "a list of {path, min, max}: key paths of the scenario with bounds");
        if (items == null) {
            return null;
        }
        List<Free> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String p = path + "[" + i + "]";
            Block b = r.block(items.get(i), p, "{path, min, max}", FREE_KEYS);
            if (b == null) {
                continue;
            }
            Node keyNode = r.required(b, "path", "a key path of the scenario, such as channels.courts.coverage.2016");
            String key = keyNode == null ? null : r.text(keyNode, b.path("path"), "a key path");
            Node minNode = r.required(b, "min", "the lowest value, a number");
            Double min = minNode == null ? null : r.number(minNode, b.path("min"), Bound.ANY);
            Node maxNode = r.required(b, "max", "the highest value, a number");
            Double max = maxNode == null ? null : r.number(maxNode, b.path("max"), Bound.ANY);
            if (min != null && max != null && !(min < max)) {
                problems.at(maxNode, b.path("max"), "expected max > min (" + min + "), got " + max);
                continue;
            }
            if (key == null || min == null || max == null) {
                continue;
            }
            if (!seen.add(key)) {
                problems.at(keyNode, b.path("path"), key + " is freed twice");
                continue;
            }
            if (checkFree(keyNode, b.path("path"), key, min, max)) {
                out.add(new Free(key, min, max));
            }
        }
        return List.copyOf(out);
    }

    /** The key path names a number the scenario file writes, inside the bounds (not checked without the scenario). */
    private boolean checkFree(Node keyNode, String path, String key, double min, double max) {
        KeyPath keyPath = KeyPath.parse(key);
        if (keyPath == null) {
            problems.at(keyNode, path, "not a key path (" + KeyPath.expected() + ")");
            return false;
        }
        if (scenarioRoot == null) {
            return true;
        }
        KeyPath.Found f = keyPath.find(scenarioRoot);
        if (f.problem() != null) {
            problems.at(keyNode, path, key + ": " + f.problem() + " (in the scenario file)");
            return false;
        }
        Problems scratch = new Problems("<scenario>");
        Double v = f.node() instanceof ScalarNode ? new NodeReader(scratch).number(f.node(), key, Bound.ANY) : null;
        if (v == null) {
            problems.at(
                    keyNode, path, key + ": the scenario writes " + Nodes.describe(f.node()) + " there, not a number");
            return false;
        }
        if (v < min || v > max) {
            problems.at(
                    keyNode,
                    path,
                    key + ": the scenario's value " + ((ScalarNode) f.node()).getValue() + " is outside the bounds ["
                            + min + ", " + max + "]");
            return false;
        }
        return true;
    }
}
