package org.scoresim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.model.NodeReader.Block;
import org.scoresim.model.NodeReader.Entry;
import org.scoresim.model.NodeReader.Ref;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code claims}: figures published about the system, each with the model's figures to set
 * beside it. Read last, so that years, metrics and item names are checked against the scenario.
 */
final class ClaimReader {
    static final List<String> KEYS = List.of("year", "claimed", "by", "wording", "source", "explanation", "beside");
    static final List<String> BESIDE_KEYS = List.of("label", "metric", "items", "cumulative");
    static final int MAX_CLAIMS = 64;

    private final NodeReader r;
    private final Problems problems;
    private final Declarations known;

    ClaimReader(NodeReader r, Declarations known) {
        this.r = r;
        this.problems = r.problems;
        this.known = known;
    }

    Map<String, Scenario.Claim> claims(Node node, String path) {
        List<Entry> entries = node == null
                ? List.of()
                : r.entries(node, path, "a map of claim name: {year, claimed, by, wording, source, beside}", true);
        if (entries == null) {
            return null;
        }
        r.declare(entries, "claim");
        r.checkCount(node, path, entries.size(), MAX_CLAIMS, "claims");
        Map<String, Scenario.Claim> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            Scenario.Claim c = claim(e);
            if (c != null) {
                out.put(e.key(), c);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private Scenario.Claim claim(Entry e) {
        Block b = r.block(e.value(), e.path(), "{year, claimed, by, wording, source, explanation, beside}", KEYS);
        if (b == null) {
            return null;
        }
        Node yearNode = r.required(b, "year", "the year the claim is about");
        Integer year = yearNode == null ? null : r.year(yearNode, b.path("year"));
        if (year != null) {
            known.checkYear(yearNode, b.path("year"), year);
        }
        Node claimedNode = r.required(b, "claimed", "the figure as published, " + Bound.EXACT.expected);
        Double claimed = claimedNode == null ? null : r.number(claimedNode, b.path("claimed"), Bound.EXACT);
        String by = text(b, "by", "who made the claim, one word such as press");
        String wording = text(b, "wording", "the claim as published");
        String source = text(b, "source", "where the claim was made");
        String explanation =
                b.has("explanation") ? r.text(b.get("explanation"), b.path("explanation"), "a text") : null;
        List<Scenario.Beside> beside = beside(b);
        if (year == null
                || claimed == null
                || by == null
                || wording == null
                || source == null
                || (b.has("explanation") && explanation == null)
                || beside == null) {
            return null;
        }
        return new Scenario.Claim(e.key(), year, claimed, by, wording, source, explanation, beside);
    }

    private String text(Block b, String key, String expected) {
        Node n = r.required(b, key, expected);
        return n == null ? null : r.text(n, b.path(key), expected);
    }

    private List<Scenario.Beside> beside(Block claim) {
        String expected = "a list of {label, metric, items, cumulative}: the model's figures beside the claim";
        Node node = r.required(claim, "beside", expected);
        List<Node> items = node == null ? null : r.list(node, claim.path("beside"), expected);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.at(node, claim.path("beside"), "expected at least one model figure beside the claim");
            return null;
        }
        List<Scenario.Beside> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Scenario.Beside f = figure(items.get(i), claim.path("beside") + "[" + i + "]");
            ok &= f != null;
            if (f != null) {
                out.add(f);
            }
        }
        return ok ? List.copyOf(out) : null;
    }

    private Scenario.Beside figure(Node node, String path) {
        Block b = r.block(node, path, "{label, metric, items, cumulative}", BESIDE_KEYS);
        if (b == null) {
            return null;
        }
        String label = text(b, "label", "the figure's label, as tables print it");
        Node metricNode = r.required(b, "metric", "a metric such as blocked or travel_banned");
        String metricName = metricNode == null ? null : r.text(metricNode, b.path("metric"), "a metric name");
        Metric metric = metricName == null ? null : Metric.named(metricName).orElse(null);
        if (metricName != null && metric == null) {
            problems.at(metricNode, b.path("metric"), Nodes.unknown("metric", metricName, Metric.names()));
        }
        List<String> items = List.of();
        boolean itemsOk = true;
        if (b.has("items")) {
            List<Ref> refs = r.names(b.get("items"), b.path("items"), "item");
            itemsOk = refs != null && checkItems(metric, b.get("items"), b.path("items"), refs);
            items = refs == null ? List.of() : refs.stream().map(Ref::name).toList();
        }
        Boolean cumulative = b.has("cumulative") ? r.flag(b.get("cumulative"), b.path("cumulative")) : Boolean.FALSE;
        if (label == null || metric == null || !itemsOk || cumulative == null) {
            return null;
        }
        return new Scenario.Beside(label, metric, List.copyOf(items), cumulative);
    }

    /** The items named must be the metric's items in this scenario (unchecked when the metric is unknown). */
    private boolean checkItems(Metric metric, Node node, String path, List<Ref> refs) {
        if (metric == null) {
            return true;
        }
        if (metric.items() == Metric.Items.NONE) {
            problems.at(node, path, "the metric " + metric.key() + " has no items; leave items out");
            return false;
        }
        String kind = metric.items().noun();
        Set<String> names = names(metric.items());
        boolean ok = true;
        for (Ref ref : refs) {
            ok &= known.checkReference(ref.node(), ref.path(), kind, ref.name(), names);
        }
        return ok;
    }

    /** The names a metric is reported for, as declared so far (null: that block could not be read). */
    private Set<String> names(Metric.Items items) {
        return switch (items) {
            case BEHAVIOURS -> known.behaviours;
            case TIERS -> known.tiers;
            case SANCTIONS -> known.sanctions;
            case REWARDS -> known.rewards;
            case MODES -> known.modes;
            case LISTS -> known.lists;
            case NONE -> Set.of();
        };
    }
}
