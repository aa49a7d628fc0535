package org.scoresim.engine.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.model.Metric;

/**
 * The fairness audit of docs/MODEL.md section 7, one {@link Row} per (year, sanction, attribute,
 * group): the group's size, the people sanctioned, the rate, the ratio of the rate to a named
 * reference group's with its 95% interval, the four-fifths verdict, the wrongful rate and share,
 * and the group's lock-in in the lowest tier.
 *
 * <p><b>Reference.</b> By default the group with the lowest rate above 0: a group with a rate of 0
 * would make every ratio infinite (or, read the other way, 0 and "failing" for every group, as one
 * province without a sampled case did before). Groups with a rate of 0 then get the ratio 0 with
 * an upper bound. A reference can be named instead ({@link #rows(Results, Options)}).
 *
 * <p><b>Interval.</b> The ratio r = (x/n) / (x0/n0) of two rates of simulated people (x of n
 * sanctioned in the group, x0 of n0 in the reference) gets the log-ratio (Katz) interval
 * exp(ln r ± 1.96 sqrt(1/x - 1/n + 1/x0 - 1/n0)), with 0.5 added to x and n when x is 0 (then the
 * lower bound is 0). It treats people as independent draws of the group's rate, which they are
 * for events drawn per person; a sanction that lands on every child of a household
 * ({@code target: children}) makes members' outcomes move together and the interval somewhat too
 * narrow for household attributes. AuditTest checks its coverage over seeds.
 *
 * <p><b>Verdict.</b> The four-fifths rule, read both ways as the ratio's band [0.8, 1.25]:
 * {@code fails} when the whole interval lies outside the band, {@code passes} when it lies inside,
 * {@code inconclusive} when it crosses 0.8 or 1.25; {@code reference} for the reference itself.
 *
 * <p>Rates and ratios are ratios of raw counts, so sampling scale cancels; counts are scaled to the
 * represented population as everywhere else.
 */
public final class Audit {
    public static final double FOUR_FIFTHS = 0.8;
    static final double Z95 = 1.959963984540054;

    /** Separates the attributes of an intersection and their values: {@code province,income}. */
    public static final String JOIN = ",";

    public static final String PASSES = "passes";
    public static final String FAILS = "fails";
    public static final String INCONCLUSIVE = "inconclusive";
    public static final String REFERENCE = "reference";

    private Audit() {}

    /**
     * What to audit: {@code reference} names the reference group (null: the lowest rate above 0;
     * an attribute without such a group keeps the default); {@code intersections}: also every
     * pair of attributes' combined groups.
     */
    public record Options(String reference, boolean intersections) {
        public static final Options DEFAULT = new Options(null, false);
    }

    /**
     * One (year, sanction, attribute, group). Counts are scaled to the represented population;
     * {@code simulatedPeople} and {@code simulatedSanctioned} are the people simulated, from which
     * the interval comes. {@code lowestTierYears}: year ends spent in the lowest tier per member from
     * the first year to this one; {@code lockedIn}: members in the lowest tier at each of the last 3
     * year ends (both the group's, the same for every sanction). Null where not defined.
     */
    public record Row(
            int year,
            String sanction,
            String attribute,
            String group,
            String reference,
            long people,
            long sanctioned,
            Double rate,
            Double ratio,
            Double ratioLo,
            Double ratioHi,
            String verdict,
            long wrongful,
            Double wrongfulRate,
            Double wrongfulShare,
            Double lowestTierYears,
            long lockedIn,
            long simulatedPeople,
            long simulatedSanctioned) {}

    /** A ratio of two rates with its 95% interval and verdict; all null where it is not defined. */
    public record Ratio(Double ratio, Double lo, Double hi, String verdict) {
        static final Ratio NONE = new Ratio(null, null, null, null);
    }

    /**
     * The rate x / n of a group over the reference's x0 / n0, with the log-ratio interval and the
     * four-fifths verdict (see the class comment). Pure in the four counts of simulated people.
     */
    public static Ratio compare(long x, long n, long x0, long n0) {
        if (n <= 0 || n0 <= 0 || x0 <= 0) {
            return Ratio.NONE;
        }
        double ratio = ((double) x / n) / ((double) x0 / n0);
        double xc = x == 0 ? 0.5 : x;
        double nc = x == 0 ? n + 0.5 : n;
        double se = Math.sqrt(Math.max(0, 1 / xc - 1 / nc + 1.0 / x0 - 1.0 / n0));
        double centre = Math.log((xc / nc) / ((double) x0 / n0));
        double lo = x == 0 ? 0 : Math.exp(centre - Z95 * se);
        double hi = Math.exp(centre + Z95 * se);
        return new Ratio(ratio, lo, hi, verdict(lo, hi));
    }

    /** The four-fifths verdict of an interval of the ratio. */
    public static String verdict(double lo, double hi) {
        double upper = 1 / FOUR_FIFTHS;
        if (hi < FOUR_FIFTHS || lo > upper) {
            return FAILS;
        }
        if (lo > FOUR_FIFTHS && hi < upper) {
            return PASSES;
        }
        return INCONCLUSIVE;
    }

    /**
     * The default reference among groups of (sanctioned, people) counts: the index of the lowest
     * rate above 0 (the first such group on ties), or -1 when no group has one.
     */
    public static int lowestPositive(long[] sanctioned, long[] people) {
        int best = -1;
        for (int g = 0; g < people.length; g++) {
            if (people[g] > 0
                    && sanctioned[g] > 0
                    && (best < 0 || (double) sanctioned[g] / people[g] < (double) sanctioned[best] / people[best])) {
                best = g;
            }
        }
        return best;
    }

    /** Every row, year by year, sanction by sanction, attribute by attribute (then intersections). */
    public static List<Row> rows(Results r, Options options) {
        List<Grouping> groupings = groupings(r, options.intersections());
        List<Row> out = new ArrayList<>();
        int lowest = r.tiers().size() - 1;
        for (int y = 0; y < r.years(); y++) {
            long[] population = r.rawCells(y, Metric.POPULATION, "");
            long[] locked = r.rawCells(y, Metric.LOCKED_IN, "");
            long[] lowestYears = new long[population.length];
            if (lowest >= 0) {
                String tier = r.tiers().get(lowest);
                for (int k = 0; k <= y; k++) {
                    long[] t = r.rawCells(k, Metric.TIER_END, tier);
                    for (int c = 0; c < t.length; c++) {
                        lowestYears[c] += t[c];
                    }
                }
            }
            for (String s : r.sanctions()) {
                long[] sanctioned = r.rawCells(y, Metric.SANCTIONED, s);
                long[] wrongful = r.rawCells(y, Metric.WRONGFUL, s);
                for (Grouping g : groupings) {
                    long[] n = g.sum(population);
                    long[] x = g.sum(sanctioned);
                    long[] w = g.sum(wrongful);
                    long[] li = g.sum(locked);
                    long[] ly = g.sum(lowestYears);
                    int ref = options.reference() == null ? -1 : g.groups.indexOf(options.reference());
                    ref = ref >= 0 ? ref : lowestPositive(x, n);
                    for (int v = 0; v < g.groups.size(); v++) {
                        Ratio ratio = ref < 0
                                ? Ratio.NONE
                                : v == ref
                                        ? (x[v] > 0 ? new Ratio(1.0, null, null, REFERENCE) : Ratio.NONE)
                                        : compare(x[v], n[v], x[ref], n[ref]);
                        out.add(new Row(
                                r.firstYear() + y,
                                s,
                                g.name,
                                g.groups.get(v),
                                ref < 0 ? null : g.groups.get(ref),
                                r.scale(n[v]),
                                r.scale(x[v]),
                                n[v] == 0 ? null : (double) x[v] / n[v],
                                ratio.ratio(),
                                ratio.lo(),
                                ratio.hi(),
                                ratio.verdict(),
                                r.scale(w[v]),
                                n[v] == 0 ? null : (double) w[v] / n[v],
                                x[v] == 0 ? null : (double) w[v] / x[v],
                                lowest < 0 || n[v] == 0 ? null : (double) ly[v] / n[v],
                                r.scale(li[v]),
                                n[v],
                                x[v]));
                    }
                }
            }
        }
        return out;
    }

    /**
     * summary.json's audit of one year (docs/OUTPUTS.md): per sanction and attribute, the reference
     * group and, per group, the rate, the wrongful share, the ratio, its interval and the verdict.
     */
    public static Map<String, Object> of(Results r, int y) {
        Map<String, Object> bySanction = new LinkedHashMap<>();
        for (Row row : rows(r, Options.DEFAULT)) {
            if (row.year() != r.firstYear() + y) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> byAttribute =
                    (Map<String, Object>) bySanction.computeIfAbsent(row.sanction(), k -> new LinkedHashMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) byAttribute.computeIfAbsent(row.attribute(), k -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("reference", row.reference());
                for (String key : List.of("rates", "wrongful_share", "ratio", "ratio95", "verdict")) {
                    e.put(key, new LinkedHashMap<String, Object>());
                }
                return e;
            });
            put(entry, "rates", row.group(), row.rate());
            put(entry, "wrongful_share", row.group(), row.wrongfulShare());
            put(entry, "ratio", row.group(), row.ratio());
            put(
                    entry,
                    "ratio95",
                    row.group(),
                    row.ratioHi() == null ? null : Arrays.asList(row.ratioLo(), row.ratioHi()));
            put(entry, "verdict", row.group(), row.verdict());
        }
        return bySanction;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> entry, String key, String group, Object value) {
        ((Map<String, Object>) entry.get(key)).put(group, value);
    }

    /** The attributes audited: each alone, then (on request) each pair, as sums of attribute cells. */
    private static List<Grouping> groupings(Results r, boolean intersections) {
        List<String> names = new ArrayList<>(r.attributes().keySet());
        List<Grouping> out = new ArrayList<>();
        int cells = r.cells();
        for (int a = 0; a < names.size(); a++) {
            int[] of = new int[cells];
            for (int c = 0; c < cells; c++) {
                of[c] = r.cellValue(c, a);
            }
            out.add(new Grouping(names.get(a), r.attributes().get(names.get(a)), of));
        }
        if (!intersections) {
            return out;
        }
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                List<String> va = r.attributes().get(names.get(a));
                List<String> vb = r.attributes().get(names.get(b));
                List<String> groups = new ArrayList<>();
                for (String x : va) {
                    for (String z : vb) {
                        groups.add(x + JOIN + z);
                    }
                }
                int[] of = new int[cells];
                for (int c = 0; c < cells; c++) {
                    of[c] = r.cellValue(c, a) * vb.size() + r.cellValue(c, b);
                }
                out.add(new Grouping(names.get(a) + JOIN + names.get(b), groups, of));
            }
        }
        return out;
    }

    /** Groups of one attribute (or pair): {@code of[cell]} is the cell's group. */
    private record Grouping(String name, List<String> groups, int[] of) {
        long[] sum(long[] byCell) {
            long[] s = new long[groups.size()];
            for (int c = 0; c < byCell.length; c++) {
                s[of[c]] += byCell[c];
            }
            return s;
        }
    }
}
