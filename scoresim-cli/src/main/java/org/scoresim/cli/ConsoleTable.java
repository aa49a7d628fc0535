package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;

/**
 * The per-year table of a run on stdout: one column per year, one row per figure, grouped as a
 * reader of docs/MODEL.md section 7 expects. Counts are scaled to the represented population.
 */
final class ConsoleTable {
    private static final int LABEL = 34;
    private static final int COLUMN = 10;

    private ConsoleTable() {}

    static void print(Results r, PrintWriter out) {
        out.printf(
                "%nscoresim: %s, seed %d, %s%n",
                ConsoleText.of(r.scenarioName()),
                r.seed(),
                r.sample() >= 1
                        ? "every household"
                        : String.format("%.4g%% sample of households (counts scaled)", 100 * r.sample()));
        header(r, out);
        row(out, r, Metric.POPULATION, "");
        section(out, "Behaviour (events)");
        for (String b : r.behaviours()) {
            row(out, r, Metric.OFFENCES, b);
            row(out, r, Metric.DETECTED, b);
            if (anyNonZero(r, Metric.MISATTRIBUTED, b)) {
                row(out, r, Metric.MISATTRIBUTED, b);
            }
        }
        section(out, "Tiers at year end (people)");
        for (String t : r.tiers()) {
            row(out, r, Metric.TIER_END, t);
        }
        row(out, r, Metric.LOCKED_IN, "");
        if (!r.lists().isEmpty()) {
            section(out, "Lists (people)");
            for (String l : r.lists()) {
                for (Metric m : List.of(Metric.LISTED_NEW, Metric.DELISTED, Metric.LISTED_END, Metric.EVER_LISTED)) {
                    row(out, r, m, l);
                }
            }
        }
        if (!r.sanctions().isEmpty()) {
            section(out, "Sanctions (people, at any time in the year)");
            for (String s : r.sanctions()) {
                row(out, r, Metric.SANCTIONED, s);
                if (anyNonZero(r, Metric.WRONGFUL, s)) {
                    row(out, r, Metric.WRONGFUL, s);
                }
            }
        }
        if (!r.modes().isEmpty()) {
            row(out, r, Metric.TRAVEL_BANNED, "");
            section(out, "Blocked ticket purchases (attempts, not people)");
            for (String m : r.modes()) {
                row(out, r, Metric.BLOCKED, m);
            }
        }
        if (!r.rewards().isEmpty()) {
            section(out, "Rewards (people, at any time in the year)");
            for (String w : r.rewards()) {
                row(out, r, Metric.REWARDED, w);
            }
        }
        ClaimTable.print(r, out);
    }

    private static boolean anyNonZero(Results r, Metric metric, String item) {
        for (int y = 0; y < r.years(); y++) {
            if (r.raw(y, metric, item) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void header(Results r, PrintWriter out) {
        StringBuilder b = new StringBuilder(String.format("%-" + LABEL + "s", ""));
        for (int y = 0; y < r.years(); y++) {
            b.append(String.format("%" + COLUMN + "d", r.firstYear() + y));
        }
        out.println(b);
    }

    private static void section(PrintWriter out, String title) {
        out.println(title);
    }

    private static void row(PrintWriter out, Results r, Metric metric, String item) {
        String label = metric.label(item);
        List<String> cells = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            cells.add(compact(r.scale(r.raw(y, metric, item))));
        }
        String l = "  " + label;
        if (l.length() > LABEL - 1) {
            l = l.substring(0, LABEL - 2) + "~";
        }
        StringBuilder b = new StringBuilder(String.format("%-" + LABEL + "s", l));
        for (String c : cells) {
            b.append(String.format("%" + COLUMN + "s", c));
        }
        out.println(b);
    }

    /** 12,345 below 100,000; then 1.23M; then 1.234B. */
    static String compact(long n) {
        if (Math.abs(n) < 100_000) {
            return String.format("%,d", n);
        }
        if (Math.abs(n) < 1_000_000_000L) {
            return String.format("%.2fM", n / 1e6);
        }
        return String.format("%.3fB", n / 1e9);
    }
}
