package org.scoresim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A dotted key path into a scenario's YAML tree, as problems print them and as {@code --set} and
 * calibration targets name a value: {@code behaviours.debt_default.rate}, {@code scoring.tiers[2].min},
 * a curve point {@code channels.courts.coverage.2016}. Keys are matched by their text as written.
 * A path only finds what the file writes: a default or a year not written has no node to find.
 */
final class KeyPath {
    /** One key, then any number of list indices. Keys with dots or brackets cannot be named. */
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=\\s]+)((?:\\[[0-9]{1,9}\\])*)");

    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");
    private static final Pattern YEAR = Pattern.compile("[0-9]{1,4}");

    /** A step is a mapping key (name != null) or a list index. */
    private record Step(String name, int index) {
        @Override
        public String toString() {
            return name != null ? name : "[" + index + "]";
        }
    }

    /**
     * Where a path leads: the node, and the collection holding it with its place there, so that it
     * can be replaced; or, when the path leads nowhere, why.
     */
    record Found(Node node, Node parent, int slot, String problem) {
        /** Puts {@code replacement} where the node was (the tree is changed in place). */
        void replace(Node replacement) {
            if (parent instanceof MappingNode m) {
                NodeTuple t = m.getValue().get(slot);
                m.getValue().set(slot, new NodeTuple(t.getKeyNode(), replacement));
            } else {
                ((SequenceNode) parent).getValue().set(slot, replacement);
            }
        }

        /** Takes the node, with its key, out of the collection holding it (the tree is changed in place). */
        void remove() {
            if (parent instanceof MappingNode m) {
                m.getValue().remove(slot);
            } else {
                ((SequenceNode) parent).getValue().remove(slot);
            }
        }
    }

    private final String text;
    private final List<Step> steps;

    private KeyPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** The path, or null when the text is no key path. */
    static KeyPath parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 1000) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return null;
            }
            steps.add(new Step(m.group(1), -1));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                steps.add(new Step(null, Integer.parseInt(i.group(1))));
            }
        }
        return new KeyPath(text, steps);
    }

    static String expected() {
        return "expected keys separated by dots, such as behaviours.debt_default.rate, scoring.tiers[2].min"
                + " or channels.courts.coverage.2016";
    }

    @Override
    public String toString() {
        return text;
    }

    /** The last key, or null when the path ends in a list index. */
    String lastKey() {
        return steps.get(steps.size() - 1).name();
    }

    /** Follows the path but its last step: where a key not yet written would go. */
    Found findParent(Node root) {
        if (steps.size() == 1) {
            return new Found(root, null, -1, null);
        }
        Step last = steps.get(steps.size() - 1);
        // a key follows a dot; an index follows its key directly
        int cut = last.toString().length() + (last.name() != null ? 1 : 0);
        return new KeyPath(text.substring(0, text.length() - cut), steps.subList(0, steps.size() - 1)).find(root);
    }

    /** Follows the path from the top-level mapping. */
    Found find(Node root) {
        Node node = root;
        Node parent = null;
        int slot = -1;
        StringBuilder at = new StringBuilder();
        for (Step step : steps) {
            String here = at.length() == 0 ? "the top level" : at.toString();
            if (step.name() != null) {
                if (!(node instanceof MappingNode m)) {
                    return nowhere(intoWhat(node, here, step));
                }
                int i = keyIndex(m, step.name());
                if (i < 0) {
                    return nowhere(noKey(m, here, step.name(), at.length() == 0 ? "" : at + "."));
                }
                parent = m;
                slot = i;
                node = m.getValue().get(i).getValueNode();
                at.append(at.length() == 0 ? "" : ".").append(step.name());
            } else {
                if (!(node instanceof SequenceNode s)) {
                    return nowhere(here + " is " + Nodes.describe(node) + ", not a list; no index [" + step.index()
                            + "] in it");
                }
                if (step.index() >= s.getValue().size()) {
                    int n = s.getValue().size();
                    return nowhere("no such key; " + here + " has " + n + (n == 1 ? " entry" : " entries"));
                }
                parent = s;
                slot = step.index();
                node = s.getValue().get(slot);
                at.append(step);
            }
        }
        return new Found(node, parent, slot, null);
    }

    private static Found nowhere(String problem) {
        return new Found(null, null, -1, problem);
    }

    private static int keyIndex(MappingNode m, String key) {
        List<NodeTuple> tuples = m.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k
                    && k.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String noKey(MappingNode m, String here, String key, String prefix) {
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
            }
        }
        if (YEAR.matcher(key).matches()
                && !keys.isEmpty()
                && keys.stream().allMatch(k -> YEAR.matcher(k).matches())) {
            return "no such key; the curve " + here + " has points at " + String.join(", ", keys)
                    + " only (add the year to the file to set it)";
        }
        String close = Suggestion.closest(key, keys);
        if (close != null) {
            return "no such key; did you mean " + prefix + close + "?";
        }
        if (keys.isEmpty()) {
            return "no such key; " + here + " is empty";
        }
        List<String> some = keys.stream().limit(12).toList();
        return "no such key; " + here + " has " + String.join(", ", some) + (keys.size() > some.size() ? ", ..." : "")
                + " (a key not written in the file cannot be set)";
    }

    private static String intoWhat(Node node, String here, Step step) {
        if (node instanceof SequenceNode s) {
            return here + " is a list of " + s.getValue().size() + "; name an entry, such as " + here + "[0]."
                    + step.name();
        }
        if (node instanceof ScalarNode && YEAR.matcher(step.name()).matches()) {
            return here + " is a single value (" + Nodes.describe(node)
                    + "), not a {year: value} map; write it as a map" + " in the scenario file to set the year "
                    + step.name();
        }
        return here + " is " + Nodes.describe(node) + ", not a mapping; it has no key '" + step.name() + "'";
    }
}
