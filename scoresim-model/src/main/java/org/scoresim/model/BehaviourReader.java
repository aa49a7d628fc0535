package org.scoresim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.model.NodeReader.Block;
import org.scoresim.model.NodeReader.Entry;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code channels} and {@code behaviours} (docs/MODEL.md sections 3 and 4). */
final class BehaviourReader {
    static final int MAX_CHANNELS = Limits.MAX_CHANNELS;
    static final int MAX_BEHAVIOURS = Limits.MAX_BEHAVIOURS;
    static final List<String> CHANNEL_KEYS = List.of("coverage", "coverage_by_province", "false_match");
    static final List<String> BEHAVIOUR_KEYS = List.of(
            "who", "rate", "heterogeneity", "multipliers", "deterrence", "detection", "points", "fine", "lists");
    static final List<String> DETECTION_KEYS = List.of("channel", "probability");
    static final List<String> WHO = List.of("adults", "children", "everyone");

    private final NodeReader r;
    private final Problems problems;
    private final Declarations known;

    BehaviourReader(NodeReader r, Declarations known) {
        this.r = r;
        this.problems = r.problems;
        this.known = known;
    }

    Map<String, Scenario.Channel> channels(Node node, String path) {
        List<Entry> entries =
                node == null ? List.of() : r.entries(node, path, "a map of channel name: {coverage, ...}", true);
        if (entries == null) {
            return null;
        }
        known.channels = r.declare(entries, "channel");
        r.checkCount(node, path, entries.size(), MAX_CHANNELS, "channels");
        Map<String, Scenario.Channel> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Scenario.Channel c = channel(e);
            ok &= c != null;
            if (c != null) {
                out.put(e.key(), c);
            }
        }
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    private Scenario.Channel channel(Entry e) {
        Block b = r.block(e.value(), e.path(), "{coverage, coverage_by_province, false_match}", CHANNEL_KEYS);
        if (b == null) {
            return null;
        }
        Node c = r.required(b, "coverage", Bound.UNIT.expected + " or a {year: value} map");
        Curve coverage = c == null ? null : r.curve(c, b.path("coverage"), Bound.UNIT);
        Map<String, Curve> byProvince = new LinkedHashMap<>();
        boolean ok = true;
        if (b.has("coverage_by_province")) {
            Node p = b.get("coverage_by_province");
            List<Entry> provinces = r.entries(p, b.path("coverage_by_province"), "a map of province: coverage", true);
            if (provinces == null) {
                ok = false;
            } else {
                known.checkProvinces(p, b.path("coverage_by_province"), provinces);
                for (Entry pe : provinces) {
                    Curve pc = r.curve(pe.value(), pe.path(), Bound.UNIT);
                    ok &= pc != null;
                    if (pc != null) {
                        byProvince.put(pe.key(), pc);
                    }
                }
            }
        }
        Double falseMatch = b.has("false_match")
                ? r.number(b.get("false_match"), b.path("false_match"), Bound.BELOW_ONE)
                : Double.valueOf(0);
        if (falseMatch != null) {
            known.falseMatch.put(e.key(), falseMatch);
        }
        if (coverage == null || falseMatch == null || !ok) {
            return null;
        }
        return new Scenario.Channel(e.key(), coverage, Collections.unmodifiableMap(byProvince), falseMatch);
    }

    Map<String, Scenario.Behaviour> behaviours(Node node, String path) {
        List<Entry> entries =
                node == null ? List.of() : r.entries(node, path, "a map of behaviour name: {who, rate, ...}", true);
        if (entries == null) {
            return null;
        }
        known.behaviours = r.declare(entries, "behaviour");
        r.checkCount(node, path, entries.size(), MAX_BEHAVIOURS, "behaviours");
        Map<String, Scenario.Behaviour> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Scenario.Behaviour b = behaviour(e);
            ok &= b != null;
            if (b != null) {
                out.put(e.key(), b);
            }
        }
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    private Scenario.Behaviour behaviour(Entry e) {
        Block b = r.block(e.value(), e.path(), "{who, rate, detection, points, ...}", BEHAVIOUR_KEYS);
        if (b == null) {
            return null;
        }
        Node whoNode = r.required(b, "who", "one of " + String.join(", ", WHO));
        String who = whoNode == null ? null : r.choice(whoNode, b.path("who"), WHO);
        Node rateNode = r.required(b, "rate", "events per person-year: a number >= 0 or a {year: value} map");
        Curve rate = rateNode == null ? null : r.curve(rateNode, b.path("rate"), Bound.NON_NEGATIVE);
        // absent heterogeneity: frailty 1 for everyone (docs/MODEL.md 3), recorded as 0
        Double heterogeneity = b.has("heterogeneity")
                ? r.number(b.get("heterogeneity"), b.path("heterogeneity"), Bound.HETEROGENEITY)
                : Double.valueOf(0);
        Map<String, Map<String, Double>> multipliers =
                b.has("multipliers") ? known.multipliers(r, b.get("multipliers"), b.path("multipliers")) : Map.of();
        Double deterrence = b.has("deterrence")
                ? r.number(b.get("deterrence"), b.path("deterrence"), Bound.UNIT)
                : Double.valueOf(0);
        List<Scenario.Detection> detection =
                b.has("detection") ? detection(b.get("detection"), b.path("detection")) : List.of();
        Node pointsNode = r.required(b, "points", "the score change per attributed event, an integer");
        Integer points = pointsNode == null
                ? null
                : r.integer(pointsNode, b.path("points"), Limits.MAX_POINTS, "at most the whole score range");
        Double fine = b.has("fine") ? r.number(b.get("fine"), b.path("fine"), Bound.FINE) : Double.valueOf(0);
        List<String> lists = b.has("lists") ? lists(b.get("lists"), b.path("lists")) : List.of();
        if (who == null
                || rate == null
                || heterogeneity == null
                || multipliers == null
                || deterrence == null
                || detection == null
                || points == null
                || fine == null
                || lists == null) {
            return null;
        }
        new Exposure(problems, known)
                .check(new Exposure.BehaviourValues(
                        e.path(),
                        rateNode,
                        rate,
                        heterogeneity,
                        b.get("multipliers"),
                        multipliers,
                        detection,
                        b.get("fine"),
                        fine));
        return new Scenario.Behaviour(
                e.key(),
                Scenario.Who.valueOf(who.toUpperCase(java.util.Locale.ROOT)),
                rate,
                heterogeneity,
                Collections.unmodifiableMap(multipliers),
                deterrence,
                detection,
                points,
                fine,
                lists);
    }

    private List<Scenario.Detection> detection(Node node, String path) {
        List<Node> items = r.list(node, path, "a list of {channel, probability}");
        if (items == null) {
            return null;
        }
        List<Scenario.Detection> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Block d = r.block(items.get(i), path + "[" + i + "]", "{channel, probability}", DETECTION_KEYS);
            if (d == null) {
                ok = false;
                continue;
            }
            Node c = r.required(d, "channel", "a channel name");
            Node p = r.required(d, "probability", Bound.UNIT.expected);
            String channel = c == null ? null : r.text(c, d.path("channel"), "a channel name");
            if (channel != null && !known.checkReference(c, d.path("channel"), "channel", channel, known.channels)) {
                channel = null;
            } else if (channel != null && !seen.add(channel)) {
                problems.at(c, d.path("channel"), "channel '" + channel + "' is listed twice for this behaviour");
                channel = null;
            }
            Double probability = p == null ? null : r.number(p, d.path("probability"), Bound.UNIT);
            if (channel == null || probability == null) {
                ok = false;
            } else {
                out.add(new Scenario.Detection(channel, probability));
            }
        }
        return ok ? List.copyOf(out) : null;
    }

    /** The lists an attributed event puts the person on (docs/MODEL.md 5). */
    private List<String> lists(Node node, String path) {
        List<NodeReader.Ref> refs = r.names(node, path, "list");
        if (refs == null) {
            return null;
        }
        boolean ok = true;
        for (NodeReader.Ref ref : refs) {
            ok &= known.checkReference(ref.node(), ref.path(), "list", ref.name(), known.lists);
        }
        return ok ? refs.stream().map(NodeReader.Ref::name).toList() : null;
    }
}
