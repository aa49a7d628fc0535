package org.scoresim.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Values replaced by key path: in the node tree before it is read ({@code --set}), or in the file's
 * text ({@link ScenarioParser#rewrite}), where only the replaced characters change.
 */
final class Edits {
    private Edits() {}

    /** Replaces the nodes at the overrides' paths by their values (the tree is changed in place). */
    static void apply(Node root, Map<String, String> overrides, Problems problems) {
        if (overrides == null) {
            return;
        }
        overrides.forEach((key, value) -> {
            String where = "--set " + key;
            KeyPath path = KeyPath.parse(key);
            if (path == null) {
                problems.path(where, "not a key path (" + KeyPath.expected() + ")");
                return;
            }
            ScalarNode v = scalar(value, where, problems);
            KeyPath.Found f = path.find(root);
            if (f.problem() != null) {
                problems.path(where, f.problem());
                return;
            }
            if (v != null) {
                // the value takes the place of what it replaces: problems with it point there
                f.replace(new ScalarNode(
                        v.getTag(),
                        v.getValue(),
                        f.node().getStartMark(),
                        f.node().getEndMark(),
                        v.getScalarStyle()));
            }
        });
    }

    /** Notes on the problems of overridden values that the value came from the command line. */
    static void annotate(Map<String, String> overrides, Problems problems) {
        if (overrides != null) {
            overrides.forEach((key, value) -> problems.annotate(key, " (from --set " + key + "=" + value + ")"));
        }
    }

    /** A value given as text: one YAML scalar, or null after a problem. */
    private static ScalarNode scalar(String value, String where, Problems problems) {
        if (value == null || value.isBlank()) {
            problems.path(where, "expected a value after '=', such as " + where.substring("--set ".length()) + "=0.5");
            return null;
        }
        Problems scratch = new Problems("value");
        Node n = ScenarioParser.compose(value, scratch);
        if (!scratch.isEmpty()) {
            problems.path(
                    where,
                    "the value '" + Nodes.shorten(value) + "' is no YAML value: "
                            + scratch.sorted().get(0).message());
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            problems.path(
                    where, "expected a single value (a number, a word or a quoted text), got " + Nodes.describe(n));
            return null;
        }
        return s;
    }

    /** The text with the scalars at the given paths replaced; problems recorded, the text unchanged, if any. */
    static String rewrite(String text, Node root, Map<String, String> values, Problems problems) {
        record Cut(int start, int end, String with) {}
        List<Cut> cuts = new ArrayList<>();
        Map<String, ScalarNode> wanted = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            KeyPath path = KeyPath.parse(key);
            if (path == null) {
                problems.path(key, "not a key path (" + KeyPath.expected() + ")");
                return;
            }
            ScalarNode v = scalar(value, key, problems);
            ScalarNode old = scalarAt(root, path, problems);
            if (v == null || old == null) {
                return;
            }
            if (old.getScalarStyle() == ScalarStyle.LITERAL || old.getScalarStyle() == ScalarStyle.FOLDED) {
                problems.at(
                        old,
                        key,
                        "written as a block text ('|' or '>'); only single-line values can be rewritten in place");
                return;
            }
            int start = text.offsetByCodePoints(0, old.getStartMark().getIndex());
            int end = text.offsetByCodePoints(0, old.getEndMark().getIndex());
            cuts.add(new Cut(start, end, value.strip()));
            wanted.put(key, v);
        });
        if (!problems.isEmpty()) {
            return text;
        }
        cuts.sort(Comparator.comparingInt(Cut::start).reversed());
        StringBuilder b = new StringBuilder(text);
        int previousStart = Integer.MAX_VALUE;
        for (Cut c : cuts) {
            if (c.end() > previousStart) {
                problems.file("two paths name the same value");
                return text;
            }
            b.replace(c.start(), c.end(), c.with());
            previousStart = c.start();
        }
        String out = b.toString();
        // a value must read back as itself where it now stands (a plain "a, b" would split a flow map)
        Problems again = new Problems("rewritten");
        Node check = ScenarioParser.compose(out, again);
        if (check == null || !again.isEmpty()) {
            problems.file("the values do not fit in place (the file would no longer be YAML: "
                    + (again.isEmpty() ? "empty" : again.sorted().get(0).message()) + "); quote text values");
            return text;
        }
        wanted.forEach((key, v) -> {
            KeyPath.Found f = KeyPath.parse(key).find(check);
            if (!(f.node() instanceof ScalarNode s)
                    || !s.getValue().equals(v.getValue())
                    || !s.getTag().equals(v.getTag())) {
                problems.path(
                        key,
                        "the value '" + Nodes.shorten(values.get(key))
                                + "' does not fit in place (it would read back as " + Nodes.describe(f.node())
                                + "); quote it");
            }
        });
        return problems.isEmpty() ? out : text;
    }

    /** The texts of the scalars at the paths, in the paths' order. */
    static Map<String, String> scalars(Node root, Collection<String> paths, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : paths) {
            KeyPath path = KeyPath.parse(key);
            if (path == null) {
                problems.path(key, "not a key path (" + KeyPath.expected() + ")");
                continue;
            }
            ScalarNode s = scalarAt(root, path, problems);
            if (s != null) {
                out.put(key, s.getValue());
            }
        }
        return out;
    }

    private static ScalarNode scalarAt(Node root, KeyPath path, Problems problems) {
        KeyPath.Found f = path.find(root);
        if (f.problem() != null) {
            problems.path(path.toString(), f.problem());
            return null;
        }
        if (!(f.node() instanceof ScalarNode s)) {
            problems.at(
                    f.node(),
                    path.toString(),
                    "expected a single value here, the file has " + Nodes.describe(f.node()));
            return null;
        }
        return s;
    }
}
