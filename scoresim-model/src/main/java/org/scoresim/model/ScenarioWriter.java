package org.scoresim.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Prints a {@link Scenario} back as canonical YAML (CONTRIBUTING.md): every key in the order of
 * docs/SCENARIO.md, defaults written out, maps in the scenario's order, numbers as {@link Double#toString}
 * so they read back bit for bit. {@code ScenarioParser.parse(toYaml(s), ...)} equals {@code s}, and
 * {@link #hash} identifies a scenario in results.
 *
 * <p>Map order is kept, not sorted: attribute values are drawn in their order and output columns follow
 * it, so two scenarios differing only in order may give different results and get different hashes.
 */
public final class ScenarioWriter {
    /** Texts written without quotes: they cannot be mistaken for YAML syntax. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** Plain words YAML reads as null, which the parser rejects as names. */
    private static final Pattern NULL_WORD = Pattern.compile("null|Null|NULL");

    private ScenarioWriter() {}

    public static String toYaml(Scenario s) {
        StringBuilder y = simulated(s);
        claims(y, s.claims());
        if (s.sample() != null) { // how runs default, not what they simulate: left out of the hash too
            y.append("sample: ").append(number(s.sample())).append('\n');
        }
        return y.toString();
    }

    /** Everything but the claims: what a run simulates. */
    private static StringBuilder simulated(Scenario s) {
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(text(s.name())).append('\n');
        if (s.description() != null) {
            y.append("description: ").append(quoted(s.description())).append('\n');
        }
        y.append("years: {from: ")
                .append(s.years().from())
                .append(", to: ")
                .append(s.years().to())
                .append("}\n");
        population(y, s.population());
        y.append("channels:").append(s.channels().isEmpty() ? " {}" : "").append('\n');
        s.channels().values().forEach(c -> {
            y.append("  ").append(text(c.name())).append(":\n");
            y.append("    coverage: ").append(curve(c.coverage())).append('\n');
            if (!c.coverageByProvince().isEmpty()) {
                y.append("    coverage_by_province: ")
                        .append(flow(c.coverageByProvince(), ScenarioWriter::curve))
                        .append('\n');
            }
            y.append("    false_match: ").append(number(c.falseMatch())).append('\n');
        });
        y.append("behaviours:").append(s.behaviours().isEmpty() ? " {}" : "").append('\n');
        s.behaviours().values().forEach(b -> behaviour(y, b));
        if (s.rollout() != null) {
            y.append("rollout:\n  default: ").append(s.rollout().defaultYear()).append('\n');
            if (!s.rollout().provinces().isEmpty()) {
                y.append("  provinces: ")
                        .append(flow(s.rollout().provinces(), String::valueOf))
                        .append('\n');
            }
        }
        scoring(y, s.scoring());
        y.append("lists:").append(s.lists().isEmpty() ? " {}" : "").append('\n');
        s.lists().values().forEach(l -> {
            y.append("  ")
                    .append(text(l.name()))
                    .append(": {active_from: ")
                    .append(l.activeFrom())
                    .append(", exit_rate: ")
                    .append(number(l.exitRate()))
                    .append(", min_years: ")
                    .append(number(l.minYears()));
            if (l.maxYears() != null) {
                y.append(", max_years: ").append(number(l.maxYears()));
            }
            y.append("}\n");
        });
        measures(y, "sanctions", s.sanctions());
        measures(y, "rewards", s.rewards());
        y.append("travel:").append(s.travel().isEmpty() ? " {}" : "").append('\n');
        s.travel().values().forEach(m -> {
            y.append("  ").append(text(m.name())).append(": {trips_per_year: ").append(curve(m.tripsPerYear()));
            if (!m.multipliers().isEmpty()) {
                y.append(", multipliers: ").append(flow(m.multipliers(), v -> flow(v, ScenarioWriter::number)));
            }
            y.append(", blocked_by: ").append(text(m.blockedBy())).append("}\n");
        });
        return y;
    }

    /**
     * SHA-256 of the canonical YAML, in hex: the scenario's identity in results. The claims are left
     * out: they are set beside the results and change none of them, so a scenario keeps its identity
     * when a claim is added or reworded.
     */
    public static String hash(Scenario s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(simulated(s).toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void population(StringBuilder y, Scenario.Population p) {
        y.append("population:\n  size: ").append(p.size()).append('\n');
        y.append("  households:\n");
        y.append("    adults: ")
                .append(flow(p.adults(), ScenarioWriter::number))
                .append('\n');
        y.append("    children: ")
                .append(flow(p.children(), ScenarioWriter::number))
                .append('\n');
        y.append("  attributes:").append(p.attributes().isEmpty() ? " {}" : "").append('\n');
        p.attributes()
                .forEach((name, values) -> y.append("    ")
                        .append(text(name))
                        .append(": ")
                        .append(flow(values, ScenarioWriter::number))
                        .append('\n'));
        // written only when it differs from the default, so that scenarios without it keep their hash
        if (!p.householdAttributes()
                .equals(Scenario.Population.defaultHouseholdAttributes(
                        p.attributes().keySet()))) {
            y.append("  household_attributes: [")
                    .append(String.join(
                            ", ",
                            p.householdAttributes().stream()
                                    .map(ScenarioWriter::text)
                                    .toList()))
                    .append("]\n");
        }
    }

    private static void behaviour(StringBuilder y, Scenario.Behaviour b) {
        y.append("  ").append(text(b.name())).append(":\n");
        y.append("    who: ")
                .append(b.who().name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        y.append("    rate: ").append(curve(b.rate())).append('\n');
        if (b.heterogeneity() > 0) {
            y.append("    heterogeneity: ").append(number(b.heterogeneity())).append('\n');
        }
        if (!b.multipliers().isEmpty()) {
            y.append("    multipliers: ")
                    .append(flow(b.multipliers(), v -> flow(v, ScenarioWriter::number)))
                    .append('\n');
        }
        y.append("    deterrence: ").append(number(b.deterrence())).append('\n');
        y.append("    detection:").append(b.detection().isEmpty() ? " []" : "").append('\n');
        b.detection()
                .forEach(d -> y.append("      - {channel: ")
                        .append(text(d.channel()))
                        .append(", probability: ")
                        .append(number(d.probability()))
                        .append("}\n"));
        y.append("    points: ").append(b.points()).append('\n');
        y.append("    fine: ").append(number(b.fine())).append('\n');
        y.append("    lists: ").append(names(b.lists())).append('\n');
    }

    private static void scoring(StringBuilder y, Scenario.Scoring s) {
        y.append("scoring:\n");
        y.append("  initial: ").append(s.initial()).append('\n');
        y.append("  min: ").append(s.min()).append('\n');
        y.append("  max: ").append(s.max()).append('\n');
        y.append("  recovery: {points_per_clean_year: ").append(s.recovery().pointsPerCleanYear());
        if (s.recovery().expiryYears() != null) {
            y.append(", expiry_years: ").append(number(s.recovery().expiryYears()));
        }
        y.append("}\n  tiers:\n");
        s.tiers()
                .forEach(t -> y.append("    - {name: ")
                        .append(text(t.name()))
                        .append(", min: ")
                        .append(t.min())
                        .append("}\n"));
    }

    private static void measures(StringBuilder y, String block, Map<String, Scenario.Measure> measures) {
        y.append(block).append(':').append(measures.isEmpty() ? " {}" : "").append('\n');
        measures.values().forEach(m -> {
            y.append("  ").append(text(m.name())).append(":\n");
            List<String> when = new ArrayList<>();
            if (!m.when().tiers().isEmpty()) {
                when.add("tiers: " + names(m.when().tiers()));
            }
            if (!m.when().lists().isEmpty()) {
                when.add("lists: " + names(m.when().lists()));
            }
            if (!m.when().behaviours().isEmpty()) {
                when.add("behaviours: " + names(m.when().behaviours()));
            }
            y.append("    when: {").append(String.join(", ", when)).append("}\n");
            if (m.durationDays() != null) {
                y.append("    duration_days: ").append(number(m.durationDays())).append('\n');
            }
            if (m.activeFrom() != null) {
                y.append("    active_from: ").append(m.activeFrom()).append('\n');
            }
            y.append("    enforcement: ").append(curve(m.enforcement())).append('\n');
            y.append("    target: ")
                    .append(m.target().name().toLowerCase(java.util.Locale.ROOT))
                    .append('\n');
        });
    }

    /** Written only when there are claims, so that scenarios without any print as before. */
    private static void claims(StringBuilder y, Map<String, Scenario.Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        y.append("claims:\n");
        claims.values().forEach(c -> {
            y.append("  ").append(text(c.name())).append(":\n");
            y.append("    year: ").append(c.year()).append('\n');
            y.append("    claimed: ").append(number(c.claimed())).append('\n');
            y.append("    by: ").append(quoted(c.by())).append('\n');
            y.append("    wording: ").append(quoted(c.wording())).append('\n');
            y.append("    source: ").append(quoted(c.source())).append('\n');
            if (c.explanation() != null) {
                y.append("    explanation: ").append(quoted(c.explanation())).append('\n');
            }
            y.append("    beside:\n");
            c.beside().forEach(b -> {
                y.append("      - {label: ")
                        .append(quoted(b.label()))
                        .append(", metric: ")
                        .append(b.metric().key());
                if (!b.items().isEmpty()) {
                    y.append(", items: ").append(names(b.items()));
                }
                y.append(", cumulative: ").append(b.cumulative()).append("}\n");
            });
        });
    }

    /** A plain number for {@link Curve#constant} (its one point at year 0), else the {year: value} map. */
    static String curve(Curve c) {
        if (c.isConstant() && c.points().firstKey() == 0) {
            return number(c.points().firstEntry().getValue());
        }
        return flow(c.points(), ScenarioWriter::number);
    }

    /** Shortest text that reads back to the same double. */
    static String number(double v) {
        return Double.toString(v);
    }

    private static <K, V> String flow(Map<K, V> map, Function<V, String> value) {
        StringBuilder b = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(k instanceof String s ? text(s) : String.valueOf(k))
                    .append(": ")
                    .append(value.apply(v));
        });
        return b.append('}').toString();
    }

    private static String names(List<String> names) {
        return "[" + String.join(", ", names.stream().map(ScenarioWriter::text).toList()) + "]";
    }

    /** A name or other text: plain when safe, otherwise double-quoted (the parser reads the text either way). */
    static String text(String s) {
        return PLAIN.matcher(s).matches() && !NULL_WORD.matcher(s).matches() ? s : quoted(s);
    }

    /** A YAML double-quoted string; characters YAML does not print are escaped. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    // YAML 1.1 folds NEL, LS and PS like line breaks, so they are escaped too
                    boolean printable = (c >= 0x20 && c < 0x7f)
                            || Character.isSurrogate(c)
                            || (c >= 0xa0 && c <= 0xfffd && c != 0xfeff && c != 0x2028 && c != 0x2029);
                    if (printable) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
