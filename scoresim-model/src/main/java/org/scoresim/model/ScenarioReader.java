package org.scoresim.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.model.NodeReader.Block;
import org.scoresim.model.NodeReader.Entry;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the composed top-level mapping into a {@link Scenario}, block by block (docs/SCENARIO.md). Blocks
 * are read in the order their references need (years and population first, travel last), whatever
 * their order in the file; {@link Problems} restores file order at the end.
 */
final class ScenarioReader {
    static final List<String> TOP = List.of(
            "name",
            "description",
            "years",
            "population",
            "channels",
            "behaviours",
            "rollout",
            "scoring",
            "lists",
            "sanctions",
            "rewards",
            "travel",
            "claims",
            "sample");
    static final List<String> YEARS_KEYS = List.of("from", "to");
    static final List<String> POPULATION_KEYS = List.of("size", "households", "attributes", "household_attributes");
    static final List<String> HOUSEHOLDS_KEYS = List.of("adults", "children");
    static final List<String> LIST_KEYS = List.of("active_from", "exit_rate", "min_years", "max_years");
    static final List<String> SCORING_KEYS = List.of("initial", "min", "max", "recovery", "tiers");
    static final List<String> RECOVERY_KEYS = List.of("points_per_clean_year", "expiry_years");
    static final List<String> TIER_KEYS = List.of("name", "min");
    static final List<String> ROLLOUT_KEYS = List.of("default", "provinces");
    static final int MAX_LISTS = Limits.MAX_LISTS;
    static final int MAX_TIERS = 32;
    static final long MAX_POPULATION = 3_000_000_000L;
    static final int MAX_GROUPS = 20_000;
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2200;

    private final NodeReader r;
    private final Problems problems;
    private final Declarations known;

    ScenarioReader(Problems problems) {
        this.problems = problems;
        this.r = new NodeReader(problems);
        this.known = new Declarations(problems);
    }

    /** The scenario, or null when problems were recorded. */
    Scenario read(Node root) {
        Block top = r.block(root, "", "a mapping of the keys " + String.join(", ", TOP) + " at the top level", TOP);
        if (top == null) {
            return null;
        }
        Node nameNode = r.required(top, "name", "the scenario's name");
        String name = nameNode == null ? null : r.text(nameNode, "name", "the scenario's name");
        String description = top.has("description") && !Nodes.isNull(top.get("description"))
                ? r.text(top.get("description"), "description", "a text")
                : null;
        Scenario.Years years = years(top);
        Scenario.Population population = population(top);
        Map<String, Scenario.Channel> channels =
                new BehaviourReader(r, known).channels(top.get("channels"), "channels");
        Map<String, Scenario.ListRule> lists = lists(top.get("lists"), "lists");
        Scenario.Scoring scoring = scoring(top);
        Map<String, Scenario.Behaviour> behaviours =
                new BehaviourReader(r, known).behaviours(top.get("behaviours"), "behaviours");
        MeasureReader measures = new MeasureReader(r, known);
        Map<String, Scenario.Measure> sanctions = measures.measures(top.get("sanctions"), "sanctions", "sanction");
        Map<String, Scenario.Measure> rewards = measures.measures(top.get("rewards"), "rewards", "reward");
        measures.checkShared();
        Scenario.Rollout rollout = top.has("rollout") ? rollout(top.get("rollout"), "rollout") : null;
        Map<String, Scenario.TravelMode> travel = measures.travel(top.get("travel"), "travel");
        Map<String, Scenario.Claim> claims = new ClaimReader(r, known).claims(top.get("claims"), "claims");
        Double sample = top.has("sample") ? sample(top.get("sample")) : null;
        if (!problems.isEmpty()) {
            return null;
        }
        return new Scenario(
                name,
                description,
                years,
                population,
                channels,
                behaviours,
                rollout,
                scoring,
                lists,
                sanctions,
                rewards,
                travel,
                claims,
                sample);
    }

    /** The share of households a run simulates unless told otherwise (docs/SCENARIO.md). */
    private Double sample(Node node) {
        return r.number(node, "sample", Bound.SHARE);
    }

    private Scenario.Years years(Block top) {
        Node node = r.required(top, "years", "{from: year, to: year}");
        Block b = node == null ? null : r.block(node, "years", "{from: year, to: year}", YEARS_KEYS);
        if (b == null) {
            return null;
        }
        String range = "a year in " + FIRST_YEAR + ".." + LAST_YEAR;
        Node fromNode = r.required(b, "from", range);
        Long from = fromNode == null ? null : r.integer(fromNode, b.path("from"), FIRST_YEAR, LAST_YEAR, range);
        Node toNode = r.required(b, "to", range);
        Long to = toNode == null ? null : r.integer(toNode, b.path("to"), FIRST_YEAR, LAST_YEAR, range);
        if (from == null || to == null) {
            return null;
        }
        if (from > to) {
            problems.at(toNode, b.path("to"), "expected a year >= years.from (" + from + "), got " + to);
            return null;
        }
        known.years = new Scenario.Years(from.intValue(), to.intValue());
        return known.years;
    }

    private Scenario.Population population(Block top) {
        String expected = "{size, households, attributes, household_attributes}";
        Node node = r.required(top, "population", expected);
        Block b = node == null ? null : r.block(node, "population", expected, POPULATION_KEYS);
        if (b == null) {
            return null;
        }
        Node sizeNode = r.required(b, "size", "the number of people represented");
        Long size = sizeNode == null
                ? null
                : r.integer(sizeNode, b.path("size"), 1, MAX_POPULATION, "a positive integer up to " + MAX_POPULATION);
        Map<Integer, Double> adults = null;
        Map<Integer, Double> children = null;
        Node hNode = r.required(b, "households", "{adults: {count: weight}, children: {count: weight}}");
        Block h = hNode == null
                ? null
                : r.block(
                        hNode,
                        b.path("households"),
                        "{adults: {count: weight}, children: {count: weight}}",
                        HOUSEHOLDS_KEYS);
        if (h != null) {
            Node a = r.required(h, "adults", "a map of count: weight, such as {1: 0.3, 2: 0.7}");
            Node c = r.required(h, "children", "a map of count: weight, such as {0: 0.5, 1: 0.5}");
            adults = a == null ? null : r.counts(a, h.path("adults"));
            children = c == null ? null : r.counts(c, h.path("children"));
            // docs/MODEL.md 2: households = size / mean household size, which must not be 0
            if (adults != null && children != null && onlyEmpty(adults) && onlyEmpty(children)) {
                problems.at(
                        hNode,
                        h.path,
                        "expected households with at least one person: every positive weight is on a count of 0");
            }
        }
        known.populationSize = size;
        Map<String, Map<String, Double>> attributes = attributes(b.get("attributes"), b.path("attributes"));
        List<String> shared = attributes == null ? null : householdAttributes(b, attributes);
        if (size == null || adults == null || children == null || attributes == null || shared == null) {
            return null;
        }
        return new Scenario.Population(
                size, Collections.unmodifiableMap(adults), Collections.unmodifiableMap(children), attributes, shared);
    }

    /**
     * {@code population.household_attributes}: the attributes every member of a household shares
     * (docs/MODEL.md 2), in the order of {@code attributes}; absent, {@code province} and {@code setting}.
     */
    private List<String> householdAttributes(Block b, Map<String, Map<String, Double>> attributes) {
        if (!b.has("household_attributes")) {
            return Scenario.Population.defaultHouseholdAttributes(attributes.keySet());
        }
        List<NodeReader.Ref> refs = r.names(b.get("household_attributes"), b.path("household_attributes"), "attribute");
        if (refs == null) {
            return null;
        }
        boolean ok = true;
        Set<String> named = new HashSet<>();
        for (NodeReader.Ref ref : refs) {
            named.add(ref.name());
            if (!attributes.containsKey(ref.name())) {
                problems.at(ref.node(), ref.path(), Nodes.unknown("attribute", ref.name(), attributes.keySet()));
                ok = false;
            }
        }
        return ok ? attributes.keySet().stream().filter(named::contains).toList() : null;
    }

    private static boolean onlyEmpty(Map<Integer, Double> counts) {
        return counts.entrySet().stream().allMatch(e -> e.getKey() == 0 || e.getValue() == 0);
    }

    private Map<String, Map<String, Double>> attributes(Node node, String path) {
        if (node == null) {
            known.attributes = Map.of();
            return Map.of();
        }
        List<Entry> entries = r.entries(node, path, "a map of attribute: {value: weight}", true);
        if (entries == null) {
            return null;
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Map<String, Map<String, Double>> declared = new LinkedHashMap<>();
        BigInteger groups = BigInteger.ONE;
        List<String> factors = new ArrayList<>();
        boolean ok = true;
        for (Entry e : entries) {
            // every value written is declared, even one that failed, so references to it raise no second problem
            declared.put(e.key(), Nodes.keysOf(e.value()));
            Map<String, Double> w = r.weights(e.value(), e.path());
            if (w == null) {
                ok = false;
                continue;
            }
            out.put(e.key(), Collections.unmodifiableMap(w));
            groups = groups.multiply(BigInteger.valueOf(w.size()));
            factors.add(Integer.toString(w.size()));
        }
        // the engine keeps one cell per combination of attribute values
        if (ok && groups.compareTo(BigInteger.valueOf(MAX_GROUPS)) > 0) {
            problems.at(
                    node,
                    path,
                    "the attributes combine into " + groups + " groups ("
                            + String.join(" x ", factors.subList(0, Math.min(factors.size(), 12)))
                            + (factors.size() > 12 ? " x ..." : "")
                            + " values); at most " + MAX_GROUPS + " allowed");
            ok = false;
        }
        known.attributes = declared.containsValue(null) ? null : declared;
        return ok ? Collections.unmodifiableMap(out) : null;
    }

    private Map<String, Scenario.ListRule> lists(Node node, String path) {
        List<Entry> entries = node == null
                ? List.of()
                : r.entries(node, path, "a map of list name: {active_from, exit_rate, ...}", true);
        if (entries == null) {
            return null;
        }
        known.lists = r.declare(entries, "list");
        r.checkCount(node, path, entries.size(), MAX_LISTS, "lists");
        Map<String, Scenario.ListRule> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            Block b = r.block(e.value(), e.path(), "{active_from, exit_rate, min_years, max_years}", LIST_KEYS);
            if (b == null) {
                continue;
            }
            // docs/SCENARIO.md: active_from may be left out; absent, the list exists from the first year
            Integer from = known.years == null ? Integer.valueOf(0) : Integer.valueOf(known.years.from());
            if (b.has("active_from")) {
                from = r.year(b.get("active_from"), b.path("active_from"));
                if (from != null) {
                    known.checkYear(b.get("active_from"), b.path("active_from"), from);
                }
            }
            Double exit = b.has("exit_rate")
                    ? r.number(b.get("exit_rate"), b.path("exit_rate"), Bound.NON_NEGATIVE)
                    : Double.valueOf(0);
            Double min = b.has("min_years")
                    ? r.number(b.get("min_years"), b.path("min_years"), Bound.NON_NEGATIVE)
                    : Double.valueOf(0);
            Double max = null;
            if (b.has("max_years")) {
                max = r.number(b.get("max_years"), b.path("max_years"), Bound.POSITIVE);
                if (max != null && min != null && max < min) {
                    problems.at(
                            b.get("max_years"),
                            b.path("max_years"),
                            "expected a number >= min_years (" + min + "), got " + max);
                }
            }
            if (from != null && exit != null && min != null) {
                out.put(e.key(), new Scenario.ListRule(e.key(), from, exit, min, max));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private Scenario.Scoring scoring(Block top) {
        String expected = "{initial, min, max, recovery, tiers}";
        Node node = r.required(top, "scoring", expected);
        Block b = node == null ? null : r.block(node, "scoring", expected, SCORING_KEYS);
        if (b == null) {
            return null;
        }
        Integer initial = requiredInteger(b, "initial");
        Integer min = requiredInteger(b, "min");
        Integer max = requiredInteger(b, "max");
        if (min != null && max != null && min >= max) {
            problems.at(b.get("max"), b.path("max"), "expected an integer > scoring.min (" + min + "), got " + max);
        } else if (min != null && max != null && initial != null && (initial < min || initial > max)) {
            problems.at(
                    b.get("initial"),
                    b.path("initial"),
                    "expected an integer in scoring.min..scoring.max (" + min + ".." + max + "), got " + initial);
        }
        Scenario.Recovery recovery =
                b.has("recovery") ? recovery(b.get("recovery"), b.path("recovery")) : new Scenario.Recovery(0, null);
        List<Scenario.Tier> tiers = tiers(b, min);
        if (initial == null || min == null || max == null || recovery == null || tiers == null) {
            return null;
        }
        return new Scenario.Scoring(initial, min, max, recovery, tiers);
    }

    private Integer requiredInteger(Block b, String key) {
        Node n = r.required(b, key, "an integer");
        return n == null ? null : score(n, b.path(key));
    }

    /** A score or a tier's minimum. */
    private Integer score(Node n, String path) {
        return r.integer(n, path, Limits.MAX_SCORE, "the engine keeps a table entry per score");
    }

    private Scenario.Recovery recovery(Node node, String path) {
        Block b = r.block(node, path, "{points_per_clean_year, expiry_years}", RECOVERY_KEYS);
        if (b == null) {
            return null;
        }
        Long points = b.has("points_per_clean_year")
                ? r.integer(
                        b.get("points_per_clean_year"),
                        b.path("points_per_clean_year"),
                        0,
                        Limits.MAX_POINTS,
                        "an integer in [0, " + Limits.MAX_POINTS + "] (at most the whole score range)")
                : Long.valueOf(0);
        Double expiry =
                b.has("expiry_years") ? r.number(b.get("expiry_years"), b.path("expiry_years"), Bound.POSITIVE) : null;
        if (points == null || (b.has("expiry_years") && expiry == null)) {
            return null;
        }
        return new Scenario.Recovery(points.intValue(), expiry);
    }

    /** Tiers highest first, minima strictly decreasing, the lowest reachable by every score (docs/MODEL.md 5). */
    private List<Scenario.Tier> tiers(Block scoring, Integer scoringMin) {
        Node node = r.required(scoring, "tiers", "a list of {name, min}, highest first");
        List<Node> items =
                node == null ? null : r.list(node, scoring.path("tiers"), "a list of {name, min}, highest first");
        if (items == null) {
            return null;
        }
        String path = scoring.path("tiers");
        if (items.isEmpty()) {
            problems.at(node, path, "expected at least one tier");
            return null;
        }
        r.checkCount(node, path, items.size(), MAX_TIERS, "tiers");
        known.tiers = new LinkedHashSet<>();
        List<Scenario.Tier> tiers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        Integer previous = null;
        Node lastMinNode = null;
        for (int i = 0; i < items.size(); i++) {
            String p = path + "[" + i + "]";
            Block t = r.block(items.get(i), p, "{name, min}", TIER_KEYS);
            if (t == null) {
                ok = false;
                previous = null;
                continue;
            }
            Node nameNode = r.required(t, "name", "a tier name");
            Node minNode = r.required(t, "min", "the tier's minimum score, an integer");
            String name = nameNode == null ? null : r.text(nameNode, t.path("name"), "a tier name");
            if (name != null) {
                known.tiers.add(name);
                if (!r.checkName(nameNode, t.path("name"), "tier", name)) {
                    name = null;
                } else if (!seen.add(name)) {
                    problems.at(nameNode, t.path("name"), "tier '" + name + "' is listed twice");
                    name = null;
                }
            }
            Integer min = minNode == null ? null : score(minNode, t.path("min"));
            if (min != null && previous != null && min >= previous) {
                problems.at(
                        minNode,
                        t.path("min"),
                        "expected an integer < " + previous
                                + " (the previous tier's min): tiers are listed highest first");
            }
            previous = min;
            lastMinNode = minNode;
            if (name == null || min == null) {
                ok = false;
            } else {
                tiers.add(new Scenario.Tier(name, min));
            }
        }
        if (ok && scoringMin != null && previous != null && previous > scoringMin) {
            problems.at(
                    lastMinNode,
                    path + "[" + (items.size() - 1) + "].min",
                    "expected the lowest tier's min <= scoring.min (" + scoringMin
                            + ") so that every score has a tier, got " + previous);
        }
        return ok ? List.copyOf(tiers) : null;
    }

    private Scenario.Rollout rollout(Node node, String path) {
        Block b = r.block(node, path, "{default: year, provinces: {province: year}}", ROLLOUT_KEYS);
        if (b == null) {
            return null;
        }
        Node d = r.required(b, "default", "the year scoring starts where no province is given");
        Integer year = d == null ? null : r.year(d, b.path("default"));
        if (year != null) {
            known.checkYear(d, b.path("default"), year);
        }
        Map<String, Integer> provinces = new LinkedHashMap<>();
        List<Entry> entries = b.has("provinces")
                ? r.entries(b.get("provinces"), b.path("provinces"), "a map of province: year", true)
                : List.of();
        if (entries == null) {
            return null;
        }
        known.checkProvinces(b.get("provinces"), b.path("provinces"), entries);
        for (Entry e : entries) {
            Integer y = r.year(e.value(), e.path());
            if (y != null) {
                known.checkYear(e.value(), e.path(), y);
                provinces.put(e.key(), y);
            }
        }
        return year == null ? null : new Scenario.Rollout(year, Collections.unmodifiableMap(provinces));
    }
}
