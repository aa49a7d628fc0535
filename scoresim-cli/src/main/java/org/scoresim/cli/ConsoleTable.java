package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.scoresim.engine.Results;

/**
 * The per-year table of a run on stdout: one column per year, one row per figure, grouped as a
 * reader of MODEL.md section 7 expects. Counts are scaled to the represented population.
 */
final class ConsoleTable {
    private static final int LABEL = 34;
    private static final int COLUMN = 10;

    private ConsoleTable() {}

    static void print(Results r, PrintWriter out) {
        out.printf("%nscoresim: %s, seed %d, %s%n", r.scenarioName(), r.seed(),
                r.sample() >= 1 ? "every household" : String.format("%.4g%% sample of households (counts scaled)", 100 * r.sample()));
        header(r, out);
        row(out, r, "people", "population", "");
        section(out, "Behaviour (events)");
        for (String b : r.behaviours()) {
            row(out, r, b + ": offences", "offences", b);
            row(out, r, b + ": detected", "detected", b);
            if (anyNonZero(r, "misattributed", b)) {
                row(out, r, b + ": misattributed to", "misattributed", b);
            }
        }
        section(out, "Tiers at year end (people)");
        for (String t : r.tiers()) {
            row(out, r, t, "tier_end", t);
        }
        row(out, r, "locked in lowest tier 3 years", "locked_in", "");
        if (!r.lists().isEmpty()) {
            section(out, "Lists (people)");
            for (String l : r.lists()) {
                row(out, r, l + ": entries", "listed_new", l);
                row(out, r, l + ": exits", "delisted", l);
                row(out, r, l + ": on list at year end", "listed_end", l);
                row(out, r, l + ": ever listed", "ever_listed", l);
            }
        }
        if (!r.sanctions().isEmpty()) {
            section(out, "Sanctions (people, at any time in the year)");
            for (String s : r.sanctions()) {
                row(out, r, s, "sanctioned", s);
                if (anyNonZero(r, "wrongful", s)) {
                    row(out, r, s + ": wrongfully", "wrongful", s);
                }
            }
        }
        if (!r.modes().isEmpty()) {
            row(out, r, "under any travel ban (distinct)", "travel_banned", "");
            section(out, "Blocked ticket purchases (attempts, not people)");
            for (String m : r.modes()) {
                row(out, r, m, "blocked", m);
            }
        }
        if (!r.rewards().isEmpty()) {
            section(out, "Rewards (people, at any time in the year)");
            for (String w : r.rewards()) {
                row(out, r, w, "rewarded", w);
            }
        }
        ClaimTable.print(r, out);
    }

    private static boolean anyNonZero(Results r, String metric, String item) {
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

    private static void row(PrintWriter out, Results r, String label, String metric, String item) {
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
