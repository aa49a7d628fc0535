package org.scoresim.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.scoresim.engine.results.Audit;
import org.scoresim.engine.results.Results;

/**
 * The audit rows of a run (docs/OUTPUTS.md, table {@code audit}) as {@code audit} and the dashboard
 * show them: from a run in memory or read back from its results.duckdb, filtered, and measured
 * against another reference group when one is named. Ratios against a named reference come from the
 * simulated counts each row keeps, with {@link Audit#compare}, so they equal a run's own.
 */
public final class AuditRows {
    private AuditRows() {}

    /** A run's rows, intersections of every pair of attributes included, as results.duckdb holds them. */
    public static List<Audit.Row> of(Results r) {
        return Audit.rows(r, new Audit.Options(null, true));
    }

    /** The rows that pass {@code keep}, in their order. */
    public static List<Audit.Row> filter(List<Audit.Row> rows, Predicate<Audit.Row> keep) {
        return rows.stream().filter(keep).toList();
    }

    /**
     * The rows measured against {@code reference} wherever a (year, sanction, attribute) has a group
     * of that name; the others keep theirs (their default: the lowest rate above 0).
     */
    public static List<Audit.Row> against(List<Audit.Row> rows, String reference) {
        Map<String, Audit.Row> named = new LinkedHashMap<>();
        for (Audit.Row a : rows) {
            if (a.group().equals(reference)) {
                named.put(key(a), a);
            }
        }
        List<Audit.Row> out = new ArrayList<>(rows.size());
        for (Audit.Row a : rows) {
            Audit.Row ref = named.get(key(a));
            if (ref == null) {
                out.add(a);
                continue;
            }
            Audit.Ratio ratio = a == ref
                    ? (ref.simulatedSanctioned() > 0
                            ? new Audit.Ratio(1.0, null, null, Audit.REFERENCE)
                            : new Audit.Ratio(null, null, null, null))
                    : Audit.compare(
                            a.simulatedSanctioned(),
                            a.simulatedPeople(),
                            ref.simulatedSanctioned(),
                            ref.simulatedPeople());
            out.add(new Audit.Row(
                    a.year(),
                    a.sanction(),
                    a.attribute(),
                    a.group(),
                    reference,
                    a.people(),
                    a.sanctioned(),
                    a.rate(),
                    ratio.ratio(),
                    ratio.lo(),
                    ratio.hi(),
                    ratio.verdict(),
                    a.wrongful(),
                    a.wrongfulRate(),
                    a.wrongfulShare(),
                    a.lowestTierYears(),
                    a.lockedIn(),
                    a.simulatedPeople(),
                    a.simulatedSanctioned()));
        }
        return out;
    }

    private static String key(Audit.Row a) {
        return a.year() + "\u0000" + a.sanction() + "\u0000" + a.attribute();
    }

    /** A row as JSON-ready map with the column names of results.duckdb (docs/OUTPUTS.md). */
    public static Map<String, Object> toMap(Audit.Row a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", a.year());
        m.put("sanction", a.sanction());
        m.put("attribute", a.attribute());
        m.put("value", a.group());
        m.put("reference", a.reference());
        m.put("people", a.people());
        m.put("sanctioned", a.sanctioned());
        m.put("rate", a.rate());
        m.put("ratio", a.ratio());
        m.put("ratio_lo", a.ratioLo());
        m.put("ratio_hi", a.ratioHi());
        m.put("verdict", a.verdict());
        m.put("wrongful", a.wrongful());
        m.put("wrongful_rate", a.wrongfulRate());
        m.put("wrongful_share", a.wrongfulShare());
        m.put("lowest_tier_years", a.lowestTierYears());
        m.put("locked_in", a.lockedIn());
        m.put("simulated_people", a.simulatedPeople());
        m.put("simulated_sanctioned", a.simulatedSanctioned());
        return m;
    }
}
