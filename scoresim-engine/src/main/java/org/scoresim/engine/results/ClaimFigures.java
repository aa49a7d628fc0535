package org.scoresim.engine.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The claims with the model's figures beside them, as the report and the dashboard show them:
     * per claim its name, year, by, claimed, wording, source, explanation, and beside it per figure
     * its label, metric, unit, items, cumulative and the model's figure.
     */
    public static List<Map<String, Object>> maps(Results results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Figures f : of(results)) {
            Scenario.Claim c = f.claim();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("year", c.year());
            m.put("by", c.by());
            m.put("claimed", c.claimed());
            m.put("wording", c.wording());
            m.put("source", c.source());
            m.put("explanation", c.explanation());
            List<Map<String, Object>> beside = new ArrayList<>();
            for (int i = 0; i < c.beside().size(); i++) {
                Scenario.Beside b = c.beside().get(i);
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("label", b.label());
                figure.put("metric", b.metric().key());
                figure.put("unit", b.metric().unit().word());
                figure.put("items", b.items());
                figure.put("cumulative", b.cumulative());
                figure.put("model", f.model().get(i));
                beside.add(figure);
            }
            m.put("beside", beside);
            out.add(m);
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
