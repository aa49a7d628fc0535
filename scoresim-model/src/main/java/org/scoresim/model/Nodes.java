package org.scoresim.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** What a YAML node is, and how messages name it and the user's text. */
final class Nodes {
    private Nodes() {}

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** "unknown channel 'camera'; did you mean 'cameras'?", else the names that exist. */
    static String unknown(String kind, String name, Collection<String> known) {
        String m = "unknown " + kind + " '" + shorten(name) + "'";
        String close = Suggestion.closest(name, known);
        if (close != null) {
            return m + "; did you mean '" + close + "'?";
        }
        if (known.isEmpty()) {
            return m;
        }
        List<String> some = known.stream().limit(12).toList();
        return m + "; expected one of " + String.join(", ", some) + (known.size() > some.size() ? ", ..." : "");
    }

    /**
     * The values written as keys of a mapping that failed to read (so references to them are still
     * checked), or null when it is no mapping.
     */
    static Map<String, Double> keysOf(Node node) {
        if (!(node instanceof MappingNode m)) {
            return null;
        }
        Map<String, Double> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.put(k.getValue(), 0.0);
            }
        }
        return keys;
    }

    static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node) || ((ScalarNode) node).getValue().isEmpty()) {
            return "nothing";
        }
        return "'" + shorten(((ScalarNode) node).getValue()) + "'";
    }

    /** A user's text for a message: short, one line, control characters escaped. */
    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 40 ? b + "..." : b.toString();
    }
}
