package org.scoresim.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scoresim.model.NodeReader.Block;
import org.scoresim.model.NodeReader.Entry;
import org.scoresim.model.NodeReader.Ref;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads {@code sanctions}, {@code rewards} and {@code travel} (docs/MODEL.md section 6). */
final class MeasureReader {
    static final int MAX_MEASURES = Limits.MAX_MEASURES;
    static final int MAX_MODES = Limits.MAX_MODES;
    static final List<String> MEASURE_KEYS = List.of("when", "duration_days", "active_from", "enforcement", "target");
    static final List<String> WHEN_KEYS = List.of("tiers", "lists", "behaviours");
    static final List<String> MODE_KEYS = List.of("trips_per_year", "multipliers", "blocked_by");
    static final List<String> TARGETS = List.of("self", "children");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})");

    private final NodeReader r;
    private final Problems problems;
    private final Declarations known;
    private Node sanctionsNode;
    private List<Entry> sanctionEntries = List.of();
    private Node rewardsNode;
    private List<Entry> rewardEntries = List.of();

    MeasureReader(NodeReader r, Declarations known) {
        this.r = r;
        this.problems = r.problems;
        this.known = known;
    }

    /** Sanctions or rewards ({@code kind}): the same keys, counted the same way. */
    Map<String, Scenario.Measure> measures(Node node, String path, String kind) {
        List<Entry> entries =
                node == null ? List.of() : r.entries(node, path, "a map of " + kind + " name: {when, ...}", true);
        if (entries == null) {
            return null;
        }
        if (kind.equals("sanction")) {
            known.sanctions = r.declare(entries, kind);
            sanctionsNode = node;
            sanctionEntries = entries;
        } else {
            known.rewards = r.declare(entries, kind);
            rewardsNode = node;
            rewardEntries = entries;
        }
        Map<String, Scenario.Measure> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Scenario.Measure m = measure(e, kind);
            ok &= m != null;
            if (m != null) {
                out.put(e.key(), m);
            }
        }
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    /** A sanction and a reward may not share a name (they share output columns); 64 together at most. */
    void checkShared() {
        for (Entry e : rewardEntries) {
            if (known.sanctions != null && known.sanctions.contains(e.key())) {
                problems.at(
                        e.keyNode(),
                        e.path(),
                        "'" + e.key() + "' is already the name of a sanction; rewards need other names");
            }
        }
        Node at = rewardsNode != null && !rewardEntries.isEmpty() ? rewardsNode : sanctionsNode;
        String path = at == rewardsNode ? "rewards" : "sanctions";
        r.checkCount(
                at,
                path,
                sanctionEntries.size() + rewardEntries.size(),
                MAX_MEASURES,
                "sanctions and rewards together");
    }

    private Scenario.Measure measure(Entry e, String kind) {
        Block b = r.block(e.value(), e.path(), "{when, duration_days, active_from, enforcement, target}", MEASURE_KEYS);
        if (b == null) {
            return null;
        }
        String target = b.has("target") ? r.choice(b.get("target"), b.path("target"), TARGETS) : "self";
        if ("children".equals(target) && kind.equals("sanction")) {
            known.childSanctions.add(e.key());
        }
        Node whenNode = r.required(b, "when", "{tiers, lists, behaviours}");
        Scenario.When when = whenNode == null ? null : when(whenNode, b.path("when"));
        // docs/MODEL.md 6: duration_days is how long a when.behaviours trigger lasts, and only that
        Double duration = null;
        boolean durationOk = true;
        if (when != null && !when.behaviours().isEmpty()) {
            Node d = r.required(
                    b,
                    "duration_days",
                    Bound.DURATION.expected + ": how long the sanction lasts after an event of when.behaviours");
            duration = d == null ? null : r.number(d, b.path("duration_days"), Bound.DURATION);
            durationOk = duration != null;
        } else if (when != null && b.has("duration_days")) {
            problems.at(
                    b.entry("duration_days").keyNode(),
                    b.path("duration_days"),
                    "duration_days applies only to when.behaviours, and this when names no behaviours");
            durationOk = false;
        }
        Scenario.ActiveFrom activeFrom = null;
        if (b.has("active_from")) {
            activeFrom = activeFrom(b.get("active_from"), b.path("active_from"));
        }
        Curve enforcement = b.has("enforcement")
                ? r.curve(b.get("enforcement"), b.path("enforcement"), Bound.UNIT)
                : Curve.constant(1.0);
        if (target == null
                || when == null
                || !durationOk
                || (b.has("active_from") && activeFrom == null)
                || enforcement == null) {
            return null;
        }
        Scenario.Target t = target.equals("children") ? Scenario.Target.CHILDREN : Scenario.Target.SELF;
        return new Scenario.Measure(e.key(), when, duration, activeFrom, enforcement, t);
    }

    private Scenario.When when(Node node, String path) {
        Block b = r.block(node, path, "{tiers, lists, behaviours}", WHEN_KEYS);
        if (b == null) {
            return null;
        }
        List<String> tiers = references(b, "tiers", "tier", known.tiers);
        List<String> lists = references(b, "lists", "list", known.lists);
        List<String> behaviours = references(b, "behaviours", "behaviour", known.behaviours);
        if (tiers == null || lists == null || behaviours == null) {
            return null;
        }
        if (tiers.isEmpty() && lists.isEmpty() && behaviours.isEmpty()) {
            problems.at(
                    node,
                    path,
                    "expected at least one name in tiers, lists or behaviours: the measure would never apply");
            return null;
        }
        return new Scenario.When(tiers, lists, behaviours);
    }

    private List<String> references(Block b, String key, String kind, java.util.Set<String> known) {
        if (!b.has(key)) {
            return List.of();
        }
        List<Ref> refs = r.names(b.get(key), b.path(key), kind);
        if (refs == null) {
            return null;
        }
        boolean ok = true;
        for (Ref ref : refs) {
            ok &= this.known.checkReference(ref.node(), ref.path(), kind, ref.name(), known);
        }
        return ok ? refs.stream().map(Ref::name).toList() : null;
    }

    /** A year or a date YYYY-MM-DD (YAML composes the latter as a timestamp; its text is read). */
    private Scenario.ActiveFrom activeFrom(Node node, String path) {
        String expected = "a year such as 2014 or a date such as 2014-05-01";
        if (!(node instanceof ScalarNode s) || Nodes.isNull(node)) {
            r.expected(node, path, expected);
            return null;
        }
        Scenario.ActiveFrom from;
        Matcher m = s.getValue().length() <= 10 ? DATE.matcher(s.getValue()) : null;
        if (m != null && m.matches()) {
            try {
                LocalDate d = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                from = new Scenario.ActiveFrom(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            } catch (DateTimeException ex) {
                problems.at(node, path, "expected a valid date, got " + s.getValue());
                return null;
            }
        } else {
            Long year = r.integer(node, path, 0, 9999, expected);
            if (year == null) {
                return null;
            }
            from = new Scenario.ActiveFrom(year.intValue(), 1, 1);
        }
        known.checkYear(node, path, from.year());
        return from;
    }

    Map<String, Scenario.TravelMode> travel(Node node, String path) {
        List<Entry> entries =
                node == null ? List.of() : r.entries(node, path, "a map of mode: {trips_per_year, blocked_by}", true);
        if (entries == null) {
            return null;
        }
        known.modes = r.declare(entries, "travel mode");
        r.checkCount(node, path, entries.size(), MAX_MODES, "travel modes");
        Map<String, Scenario.TravelMode> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Entry e : entries) {
            Scenario.TravelMode m = mode(e);
            ok &= m != null;
            if (m != null) {
                out.put(e.key(), m);
            }
        }
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    private Scenario.TravelMode mode(Entry e) {
        Block b = r.block(e.value(), e.path(), "{trips_per_year, multipliers, blocked_by}", MODE_KEYS);
        if (b == null) {
            return null;
        }
        Node tripsNode =
                r.required(b, "trips_per_year", "trip attempts per person-year: a number >= 0 or a {year: value} map");
        Curve trips = tripsNode == null ? null : r.curve(tripsNode, b.path("trips_per_year"), Bound.NON_NEGATIVE);
        Map<String, Map<String, Double>> multipliers =
                b.has("multipliers") ? known.multipliers(r, b.get("multipliers"), b.path("multipliers")) : Map.of();
        Node blockedNode = r.required(b, "blocked_by", "the name of the sanction that blocks a purchase");
        String blockedBy = blockedNode == null ? null : r.text(blockedNode, b.path("blocked_by"), "a sanction name");
        if (blockedBy != null && !blockedBySanction(blockedNode, b.path("blocked_by"), blockedBy)) {
            blockedBy = null;
        }
        if (trips == null || multipliers == null || blockedBy == null) {
            return null;
        }
        new Exposure(problems, known).checkTravel(e.path(), tripsNode, trips, b.get("multipliers"), multipliers);
        return new Scenario.TravelMode(e.key(), trips, Collections.unmodifiableMap(multipliers), blockedBy);
    }

    /** docs/MODEL.md 6: a purchase is refused while the traveller's own sanction is active. */
    private boolean blockedBySanction(Node node, String path, String name) {
        if (known.rewards != null
                && known.rewards.contains(name)
                && (known.sanctions == null || !known.sanctions.contains(name))) {
            problems.at(node, path, "'" + name + "' is a reward; blocked_by must name a sanction");
            return false;
        }
        if (!known.checkReference(node, path, "sanction", name, known.sanctions)) {
            return false;
        }
        if (known.childSanctions.contains(name)) {
            problems.at(
                    node,
                    path,
                    "sanction '" + name + "' has target: children, so it never applies to the traveller;"
                            + " blocked_by must name a sanction with target: self");
            return false;
        }
        return true;
    }
}
