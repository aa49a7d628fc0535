package org.scoresim.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a composed YAML node tree. Anything unexpected is recorded in
 * {@link Problems} at the node's position and the method returns null, so the caller carries on
 * with the rest of the file (docs/SCENARIO.md: all errors at once). Numbers are read from the text as
 * written, in decimal, never through YAML 1.1's octal or sexagesimal forms.
 */
final class NodeReader {
    /** Names become column values and JSON keys. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    static final int MAX_NAME = 64;
    /** Keys (names, attribute values) longer than this are no key a scenario needs, and would flood the messages. */
    static final int MAX_KEY = 256;
    /** Longer texts are no number; also keeps the regexes below off pathological input. */
    private static final int MAX_NUMBER_TEXT = 64;

    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern INTEGER = Pattern.compile("[-+]?(?:0|[1-9](?:_?[0-9])*)");
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(?:(?:0|[1-9](?:_?[0-9])*)(?:\\.(?:" + DIGITS + ")?)?|\\.(?:" + DIGITS + "))(?:[eE][-+]?[0-9]+)?");

    final Problems problems;

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    /** One entry of a mapping: its key's text and node, its value, and the value's key path. */
    record Entry(String key, ScalarNode keyNode, Node value, String path) {}

    /** A mapping with a fixed set of keys, such as a behaviour or {@code scoring}. */
    static final class Block {
        final Node node;
        final String path;
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Block(Node node, String path) {
            this.node = node;
            this.path = path;
        }

        Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        Entry entry(String key) {
            return entries.get(key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        String path(String key) {
            return Nodes.join(path, key);
        }
    }

    /**
     * The entries of a mapping, in file order; keys must be non-empty scalars and unique. A null
     * node (a key written without value) is an empty mapping when {@code nullIsEmpty}.
     */
    List<Entry> entries(Node node, String path, String expected, boolean nullIsEmpty) {
        if (nullIsEmpty && Nodes.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof MappingNode m)) {
            expected(node, path, expected);
            return null;
        }
        List<Entry> out = new ArrayList<>();
        Map<String, ScalarNode> seen = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode key)
                    || Nodes.isNull(k)
                    || key.getValue().isEmpty()) {
                problems.at(k, path, "expected a key name, got " + Nodes.describe(k));
                continue;
            }
            if (key.getValue().length() > MAX_KEY) {
                problems.at(
                        k,
                        path,
                        "expected a key name, got a text of " + key.getValue().length() + " characters");
                continue;
            }
            if (Tag.MERGE.equals(key.getTag())) {
                problems.at(k, path, "merge keys ('<<') are not supported; write the keys out");
                continue;
            }
            String name = key.getValue();
            ScalarNode first = seen.putIfAbsent(name, key);
            if (first != null) {
                problems.at(
                        k,
                        Nodes.join(path, name),
                        "duplicate key '" + Nodes.shorten(name) + "' (first at line "
                                + (first.getStartMark().getLine() + 1) + ")");
                continue;
            }
            out.add(new Entry(name, key, t.getValueNode(), Nodes.join(path, name)));
        }
        return out;
    }

    /** A mapping allowed only the given keys; an unknown key is reported with the closest known one. */
    Block block(Node node, String path, String expected, Collection<String> keys) {
        List<Entry> entries = entries(node, path, expected, false);
        if (entries == null) {
            return null;
        }
        Block b = new Block(node, path);
        for (Entry e : entries) {
            if (keys.contains(e.key())) {
                b.entries.put(e.key(), e);
            } else {
                problems.at(e.keyNode(), e.path(), () -> Nodes.unknown("key", e.key(), keys));
            }
        }
        return b;
    }

    /** The value of a required key, or null after reporting it missing at the enclosing mapping. */
    Node required(Block b, String key, String expected) {
        Node n = b.get(key);
        if (n == null) {
            problems.at(b.node, b.path(key), "missing key '" + key + "': expected " + expected);
        }
        return n;
    }

    List<Node> list(Node node, String path, String expected) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        expected(node, path, expected);
        return null;
    }

    /** Any scalar's text, as written (a name, a province, a description). */
    String text(Node node, String path, String expected) {
        if (node instanceof ScalarNode s && !Nodes.isNull(node) && !s.getValue().isEmpty()) {
            return s.getValue();
        }
        expected(node, path, expected);
        return null;
    }

    /** A name of a behaviour, channel, list, sanction, reward, tier or mode. */
    String name(Node node, String path, String kind) {
        String t = text(node, path, "a " + kind + " name");
        return t == null || checkName(node, path, kind, t) ? t : null;
    }

    boolean checkName(Node node, String path, String kind, String name) {
        if (name.length() <= MAX_NAME && NAME.matcher(name).matches()) {
            return true;
        }
        problems.at(
                node,
                path,
                "a " + kind + " name must start with a letter and contain only letters, digits, '_' and '-' (at most "
                        + MAX_NAME + " characters), got '" + Nodes.shorten(name) + "'");
        return false;
    }

    /** A name written in a list, with its place for messages. */
    record Ref(String name, Node node, String path) {}

    /**
     * A list of names, each a scalar named once. Names that cannot be read are reported and left
     * out (the scenario is then not built anyway).
     */
    List<Ref> names(Node node, String path, String kind) {
        List<Node> items = list(node, path, "a list of " + kind + " names, such as [a, b]");
        if (items == null) {
            return null;
        }
        List<Ref> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String p = path + "[" + i + "]";
            String n = text(items.get(i), p, "a " + kind + " name");
            if (n != null && !seen.add(n)) {
                problems.at(items.get(i), p, kind + " '" + Nodes.shorten(n) + "' is named twice");
            } else if (n != null) {
                out.add(new Ref(n, items.get(i), p));
            }
        }
        return out;
    }

    /** One of a few words, such as {@code who}: adults | children | everyone. */
    String choice(Node node, String path, List<String> words) {
        String expected = "one of " + String.join(", ", words);
        String t = text(node, path, expected);
        if (t == null || words.contains(t)) {
            return t;
        }
        String close = Suggestion.closest(t, words);
        problems.at(
                node,
                path,
                "expected " + expected + ", got '" + Nodes.shorten(t) + "'"
                        + (close == null ? "" : "; did you mean '" + close + "'?"));
        return null;
    }

    /** {@code true} or {@code false} as written (YAML 1.1's yes, no, on and off are not taken for them). */
    Boolean flag(Node node, String path) {
        if (node instanceof ScalarNode s
                && s.isPlain()
                && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return s.getValue().equals("true");
        }
        expected(node, path, "true or false");
        return null;
    }

    Double number(Node node, String path, Bound bound) {
        return number(node, path, bound, bound.expected);
    }

    /** A number in {@code bound}; {@code expected} says what else the key accepts, for the message. */
    Double number(Node node, String path, Bound bound, String expected) {
        String t = numberText(node, path, expected);
        if (t == null) {
            return null;
        }
        if (!isDecimal(t)) {
            expectedText(node, path, expected, t);
            return null;
        }
        double v = Double.parseDouble(t.replace("_", ""));
        if (!Double.isFinite(v) || !bound.accepts(v)) {
            problems.at(node, path, "expected " + expected + ", got " + t);
            return null;
        }
        if (Math.abs(v) < Double.MIN_NORMAL && nonZero(t)) {
            problems.at(
                    node,
                    path,
                    "expected " + expected + ", got " + t + " (below " + Double.MIN_NORMAL
                            + ", where a double keeps less than full precision; write 0 or a larger number)");
            return null;
        }
        return v;
    }

    /** Whether a decimal's digits before its exponent are not all 0. */
    private static boolean nonZero(String decimal) {
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDecimal(String t) {
        return t.length() <= MAX_NUMBER_TEXT && DECIMAL.matcher(t).matches();
    }

    /** An integer in {@code min..max}; {@code expected} names the range for the message. */
    Long integer(Node node, String path, long min, long max, String expected) {
        String t = numberText(node, path, expected);
        if (t == null) {
            return null;
        }
        if (t.length() > MAX_NUMBER_TEXT || !INTEGER.matcher(t).matches()) {
            if (isDecimal(t)) {
                problems.at(node, path, "expected " + expected + ", got " + t);
            } else {
                expectedText(node, path, expected, t);
            }
            return null;
        }
        BigInteger v = new BigInteger(t.replace("_", ""));
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.at(node, path, "expected " + expected + ", got " + t);
            return null;
        }
        return v.longValue();
    }

    /** An integer in {@code -limit..limit} (scores and points, see {@link Limits}); {@code why} for the message. */
    Integer integer(Node node, String path, int limit, String why) {
        Long v = integer(node, path, -limit, limit, "an integer in [" + -limit + ", " + limit + "] (" + why + ")");
        return v == null ? null : v.intValue();
    }

    /** A calendar year; {@code Declarations} checks it against {@code years}. */
    Integer year(Node node, String path) {
        Long v = integer(node, path, 0, 9999, "a year such as 2014");
        return v == null ? null : v.intValue();
    }

    /**
     * A number or a {year: value} map (docs/MODEL.md section 4: piecewise linear in the year). Every
     * point must lie in {@code bound}.
     */
    Curve curve(Node node, String path, Bound bound) {
        String expected = bound.expected + " or a {year: value} map";
        if (node instanceof ScalarNode) {
            Double v = number(node, path, bound, expected);
            return v == null ? null : Curve.constant(v);
        }
        List<Entry> entries = entries(node, path, expected, false);
        if (entries == null) {
            return null;
        }
        if (entries.isEmpty()) {
            problems.at(node, path, "expected " + expected + " with at least one point, got an empty map");
            return null;
        }
        TreeMap<Integer, Double> points = new TreeMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Integer year = year(e.keyNode(), e.path());
            Double v = number(e.value(), e.path(), bound);
            if (year != null && points.containsKey(year)) {
                problems.at(e.keyNode(), e.path(), "year " + year + " is given twice");
                ok = false;
            } else if (year == null || v == null) {
                ok = false;
            } else {
                points.put(year, v);
            }
        }
        return ok ? new Curve(points) : null;
    }

    /** Named weights (attribute values): non-negative, at least one positive. */
    Map<String, Double> weights(Node node, String path) {
        List<Entry> entries = entries(node, path, "a map of value: weight, such as {urban: 0.6, rural: 0.4}", false);
        if (entries == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Double w = number(e.value(), e.path(), Bound.WEIGHT);
            if (w == null) {
                ok = false;
            } else {
                out.put(e.key(), w);
            }
        }
        if (ok && out.values().stream().noneMatch(w -> w > 0)) {
            problems.at(node, path, "expected at least one positive weight");
            return null;
        }
        return ok ? out : null;
    }

    /** Household sizes (docs/MODEL.md section 2): count 0..16 to a weight, at least one positive. */
    Map<Integer, Double> counts(Node node, String path) {
        List<Entry> entries = entries(node, path, "a map of count: weight, such as {1: 0.3, 2: 0.7}", false);
        if (entries == null) {
            return null;
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Long count = integer(e.keyNode(), e.path(), 0, 16, "a count 0..16");
            Double w = number(e.value(), e.path(), Bound.WEIGHT);
            if (count != null && out.containsKey(count.intValue())) {
                problems.at(e.keyNode(), e.path(), "count " + count + " is given twice");
                ok = false;
            } else if (count == null || w == null) {
                ok = false;
            } else {
                out.put(count.intValue(), w);
            }
        }
        if (ok && out.values().stream().noneMatch(w -> w > 0)) {
            problems.at(node, path, "expected at least one positive weight");
            return null;
        }
        return ok ? out : null;
    }

    /** The names of a block's entries (behaviours, channels ...), each checked against the name rule. */
    Set<String> declare(List<Entry> entries, String kind) {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            checkName(e.keyNode(), e.path(), kind, e.key());
            names.add(e.key());
        }
        return names;
    }

    /** The engine's limits on block sizes (columns and bit sets per person). */
    void checkCount(Node node, String path, int count, int max, String what) {
        if (count > max) {
            problems.at(node, path, "at most " + max + " " + what + " allowed, got " + count);
        }
    }

    void expected(Node node, String path, String expected) {
        problems.at(node, path, "expected " + expected + ", got " + Nodes.describe(node));
    }

    private void expectedText(Node node, String path, String expected, String text) {
        Tag tag = node.getTag();
        boolean yamlNumber = Tag.INT.equals(tag) || Tag.FLOAT.equals(tag);
        problems.at(
                node,
                path,
                "expected " + expected + (yamlNumber ? " written in decimal" : "") + ", got '" + Nodes.shorten(text)
                        + "'");
    }

    /** The text of a scalar that may be a number: plain (unquoted) or explicitly tagged as one. */
    private String numberText(Node node, String path, String expected) {
        if (!(node instanceof ScalarNode s) || Nodes.isNull(node)) {
            expected(node, path, expected);
            return null;
        }
        if (!s.isPlain() && !Tag.INT.equals(s.getTag()) && !Tag.FLOAT.equals(s.getTag())) {
            problems.at(
                    node,
                    path,
                    "expected " + expected + ", got the quoted string '" + Nodes.shorten(s.getValue())
                            + "' (write numbers without quotes)");
            return null;
        }
        return s.getValue();
    }
}
