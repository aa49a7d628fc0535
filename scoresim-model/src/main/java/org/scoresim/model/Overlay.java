package org.scoresim.model;

import java.util.List;
import org.scoresim.model.NodeReader.Entry;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A scenario written as changes to another, its base, so that a variant states only what it changes:
 *
 * <pre>
 * base: china-2013-2020.yaml          # a file in this file's folder
 * name: china-no-false-matches        # its own name (required) and description (else the base's)
 * remove: [rewards.fast_loans]        # key paths taken out of the base, in order
 * set:                                # key paths given a value: replaced, or added to a mapping
 *   channels.cameras.false_match: 0
 *   sanctions.flight_ban.enforcement.2018: 0.9
 *   rewards.free_parking: {when: {tiers: [AAA]}}
 * </pre>
 *
 * Key paths are those of {@code --set} and of the problems ({@link KeyPath}). The result is the base's
 * node tree with the overlay's nodes put in: a value keeps its position in the file it was written in,
 * so the scenario reader finds every problem at its place, in the overlay or in the base.
 */
final class Overlay {
    static final List<String> KEYS = List.of("base", "name", "description", "remove", "set");
    private static final Resolver RESOLVER = new Resolver();

    private Overlay() {}

    /** Whether a composed file names a base. */
    static boolean namesBase(Node root) {
        return root instanceof MappingNode m
                && m.getValue().stream()
                        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                                && k.getValue().equals("base"));
    }

    /**
     * The tree to read: {@code root} itself when it names no base, else its base's tree (resolved in
     * turn) with its changes applied; null after problems.
     */
    static Node resolve(Node root, Bases bases, Problems problems) {
        if (!namesBase(root)) {
            return root;
        }
        NodeReader r = new NodeReader(problems);
        List<Entry> entries = r.entries(root, "", "a mapping of base, name, description, remove and set", false);
        if (entries == null) {
            return null;
        }
        Entry base = null;
        Entry name = null;
        Entry description = null;
        Entry remove = null;
        Entry set = null;
        for (Entry e : entries) {
            switch (e.key()) {
                case "base" -> base = e;
                case "name" -> name = e;
                case "description" -> description = e;
                case "remove" -> remove = e;
                case "set" -> set = e;
                default ->
                    problems.at(
                            e.keyNode(),
                            e.path(),
                            ScenarioReader.TOP.contains(e.key())
                                    ? "a scenario with a base changes its base's keys under set (such as set: {"
                                            + e.key() + ".KEY: value}," + " or set: {" + e.key()
                                            + ": ...} for the whole block) or takes them out under remove"
                                    : Nodes.unknown("key", e.key(), KEYS));
            }
        }
        if (name == null) {
            problems.at(root, "name", "missing key 'name': a scenario with a base has a name of its own");
        }
        String baseName = base == null
                ? null
                : r.text(base.value(), "base", "the name of the base scenario's file, such as china-2013-2020.yaml");
        if (baseName == null || !problems.isEmpty()) {
            return null;
        }
        Bases.Base loaded = bases.load(baseName, base.value(), problems);
        Node tree = loaded == null ? null : resolve(loaded.root(), loaded.bases(), problems);
        if (tree == null) {
            return null;
        }
        if (!(tree instanceof MappingNode)) {
            problems.at(
                    tree,
                    "",
                    "expected a scenario (a mapping of name, years, population, ...) in the base, got "
                            + Nodes.describe(tree));
            return null;
        }
        if (remove != null) {
            remove(tree, remove, r);
        }
        if (set != null) {
            List<Entry> changes = r.entries(
                    set.value(),
                    "set",
                    "a mapping of key path: value, such as {channels.cameras.false_match: 0}",
                    true);
            for (Entry change : changes == null ? List.<Entry>of() : changes) {
                put(tree, change.key(), change.keyNode(), change.value(), problems);
            }
        }
        put(tree, "name", name.keyNode(), name.value(), problems);
        if (description != null) {
            put(tree, "description", description.keyNode(), description.value(), problems);
        }
        return problems.isEmpty() ? tree : null;
    }

    private static void remove(Node tree, Entry remove, NodeReader r) {
        List<Node> paths = r.list(
                remove.value(), "remove", "a list of key paths, such as [rewards.fast_loans, sanctions.gov_job_bar]");
        if (paths == null) {
            return;
        }
        for (int i = 0; i < paths.size(); i++) {
            String text = r.text(paths.get(i), "remove[" + i + "]", "a key path such as rewards.fast_loans");
            if (text == null) {
                continue;
            }
            KeyPath path = KeyPath.parse(text);
            if (path == null) {
                r.problems.at(paths.get(i), "remove[" + i + "]", "not a key path (" + KeyPath.expected() + ")");
                continue;
            }
            KeyPath.Found f = path.find(tree);
            if (f.problem() != null) {
                r.problems.at(paths.get(i), text, f.problem());
            } else {
                f.remove();
            }
        }
    }

    /**
     * Puts {@code value} at the key path: in place of what the base writes there, or as a new key of
     * the mapping the path leads to (a new behaviour, a curve point, a key the base leaves out). A
     * new key keeps the position of {@code keyNode}, so a misspelt one is reported there by the reader.
     */
    private static void put(Node tree, String key, ScalarNode keyNode, Node value, Problems problems) {
        KeyPath path = KeyPath.parse(key);
        if (path == null) {
            problems.at(keyNode, Nodes.join("set", key), "not a key path (" + KeyPath.expected() + ")");
            return;
        }
        KeyPath.Found f = path.find(tree);
        if (f.problem() == null) {
            f.replace(value);
            return;
        }
        String last = path.lastKey();
        KeyPath.Found parent = last == null ? null : path.findParent(tree);
        if (parent != null && parent.problem() == null && parent.node() instanceof MappingNode m) {
            ScalarNode newKey = new ScalarNode(
                    RESOLVER.resolve(NodeId.scalar, last, true),
                    last,
                    keyNode.getStartMark(),
                    keyNode.getEndMark(),
                    ScalarStyle.PLAIN);
            m.getValue().add(new NodeTuple(newKey, value));
        } else {
            problems.at(keyNode, key, f.problem());
        }
    }
}
