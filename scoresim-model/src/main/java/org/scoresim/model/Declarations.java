package org.scoresim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What the blocks read so far declare (years, attributes, names), for the checks of later blocks
 * that refer to them. A null field means that block could not be read: references to it are then
 * not checked, so one broken block does not drown the file in follow-on errors.
 */
final class Declarations {
    static final String PROVINCE = "province";

    private final Problems problems;
    Scenario.Years years;
    Map<String, Map<String, Double>> attributes;
    Set<String> channels;
    Set<String> lists;
    Set<String> tiers;
    Set<String> behaviours;
    Set<String> sanctions;
    /** Sanctions with {@code target: children}, which cannot block a traveller's own trips. */
    final Set<String> childSanctions = new java.util.HashSet<>();

    Set<String> rewards;
    Set<String> modes;
    /** People represented ({@code population.size}), null when it could not be read. */
    Long populationSize;
    /** The false-match probability of each channel read. */
    final Map<String, Double> falseMatch = new java.util.HashMap<>();

    Declarations(Problems problems) {
        this.problems = problems;
    }

    /** Years of lists, measures and rollout lie within {@code years} (curve years need not). */
    void checkYear(Node node, String path, int year) {
        if (years != null && (year < years.from() || year > years.to())) {
            problems.at(
                    node, path, "expected a year within years " + years.from() + ".." + years.to() + ", got " + year);
        }
    }

    /** A name that must exist among {@code known} (null: not checked). */
    boolean checkReference(Node node, String path, String kind, String name, Set<String> known) {
        if (known == null || known.contains(name)) {
            return true;
        }
        String where = known.isEmpty() ? "; the scenario declares no " + kind + "s" : "";
        problems.at(node, path, Nodes.unknown(kind, name, known) + where);
        return false;
    }

    /**
     * A key that must be a value of the attribute {@code province}: coverage by province, rollout
     * (docs/MODEL.md sections 4 and 5).
     */
    void checkProvinces(Node node, String path, List<NodeReader.Entry> entries) {
        if (attributes == null || entries.isEmpty()) {
            return;
        }
        Map<String, Double> provinces = attributes.get(PROVINCE);
        if (provinces == null) {
            problems.at(node, path, "provinces need the attribute 'province' in population.attributes");
            return;
        }
        for (NodeReader.Entry e : entries) {
            checkReference(e.keyNode(), e.path(), PROVINCE, e.key(), provinces.keySet());
        }
    }

    /** {attribute: {value: factor}} with attributes and values of {@code population.attributes} (docs/MODEL.md 3, 6). */
    Map<String, Map<String, Double>> multipliers(NodeReader r, Node node, String path) {
        List<NodeReader.Entry> entries = r.entries(node, path, "a map of attribute: {value: factor}", true);
        if (entries == null) {
            return null;
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeReader.Entry a : entries) {
            Map<String, Double> values = attributes == null ? null : attributes.get(a.key());
            if (attributes != null && values == null) {
                problems.at(a.keyNode(), a.path(), Nodes.unknown("attribute", a.key(), attributes.keySet()));
                ok = false;
            }
            List<NodeReader.Entry> factors =
                    r.entries(a.value(), a.path(), "a map of value: factor, such as {urban: 1.5}", false);
            if (factors == null) {
                ok = false;
                continue;
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (NodeReader.Entry f : factors) {
                if (values != null && !values.containsKey(f.key())) {
                    problems.at(f.keyNode(), f.path(), Nodes.unknown("value of " + a.key(), f.key(), values.keySet()));
                    ok = false;
                }
                Double v = r.number(f.value(), f.path(), Bound.NON_NEGATIVE);
                if (v == null) {
                    ok = false;
                } else {
                    m.put(f.key(), v);
                }
            }
            out.put(a.key(), java.util.Collections.unmodifiableMap(m));
        }
        return ok ? out : null;
    }
}
