package org.scoresim.engine.results;

import java.util.ArrayList;
import java.util.List;
import org.scoresim.model.Metric;
import org.scoresim.model.Scenario;

/**
 * The model's figures beside each claim of the scenario ({@link Scenario.Claim}), such as the press's
 * "23 M people barred from travel in 2018" beside the people under a travel ban in 2018, the ticket
 * purchases blocked in 2018 and those blocked since 2013, which is what the official totals count.
 */
public final class ClaimFigures {
    /** A claim and the model's figures beside it, in the claim's order, scaled to the represented population. */
    public record Figures(Scenario.Claim claim, List<Long> model) {}

    private ClaimFigures() {}

    /** Every claim of the run's scenario about a year the run covers, in the scenario's order. */
    public static List<Figures> of(Results r) {
        List<Figures> out = new ArrayList<>();
        for (Scenario.Claim c : r.scenario().claims().values()) {
            int year = c.year() - r.firstYear();
            // validation keeps claims within the scenario's years; a claim outside them has no figure
            if (year >= 0 && year < r.years()) {
                out.add(new Figures(
                        c, c.beside().stream().map(b -> figure(r, b, year)).toList()));
            }
        }
        return out;
    }

    /** The metric summed over the figure's items and years (year index 0 = the first year). */
    static long figure(Results r, Scenario.Beside b, int year) {
        List<String> items = b.items().isEmpty() ? r.items(b.metric()) : b.items();
        int first = b.cumulative() ? 0 : year;
        if (b.metric() == Metric.FINES) {
            // fines are counted as fined events; the amount is the behaviour's fine times them
            double yuan = 0;
            for (int y = first; y <= year; y++) {
                for (String item : items) {
                    yuan += r.fines(y, item);
                }
            }
            return Math.round(yuan);
        }
        long raw = 0;
        for (int y = first; y <= year; y++) {
            for (String item : items) {
                raw += r.raw(y, b.metric().key(), item);
            }
        }
        return r.scale(raw);
    }
}
