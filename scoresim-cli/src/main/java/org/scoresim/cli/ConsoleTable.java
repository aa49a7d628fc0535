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
    /** The label column is at least this wide, and wider when a label needs it: labels are never cut. */
    private static final int LABEL = 34;

    private static final int COLUMN = 10;

    private ConsoleTable() {}

    static void print(Results r, PrintWriter printer) {
        print(r, printer, true);
    }

    /**
     * The table; for a sampled run, with {@code intervals} each row is followed by a line of the
     * half-widths of its 95% intervals ({@link Uncertainty}), and a figure resting on few simulated
     * people or events is marked with {@value Uncertainty#FEW_MARK} whether or not intervals are shown.
     */
    static void print(Results r, PrintWriter printer, boolean intervals) {
        printer.printf(
                "%nscoresim: %s, seed %d, %s%n",
                ConsoleText.of(r.scenarioName()),
                r.seed(),
                r.sample() >= 1
                        ? "every household"
                        : String.format("%.4g%% sample of households (counts scaled)", 100 * r.sample()));
        Sheet out = new Sheet();
        out.intervals = intervals && r.sample() < 1;
        row(out, r, Metric.POPULATION, "");
        section(out, "Behaviour (events)");
        for (String b : r.behaviours()) {
            // a behaviour that earns points is a good deed, one that costs points (or none) an offence
            boolean good = r.scenario().behaviours().get(b).points() > 0;
            row(out, r, b + (good ? ": good deeds" : ": offences"), Metric.OFFENCES, b);
            row(out, r, Metric.DETECTED, b);
            if (anyNonZero(r, Metric.MISATTRIBUTED, b)) {
                row(out, r, Metric.MISATTRIBUTED, b);
            }
        }
        fines(out, r);
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
        out.print(r, printer);
        Uncertainty.footnote(r, out.intervals, out.few, printer);
        ClaimTable.print(r, printer);
    }

    /** Fines charged, per behaviour that carries one, in the metric's unit (yuan). */
    private static void fines(Sheet out, Results r) {
        List<String> fined = new ArrayList<>();
        for (String b : r.behaviours()) {
            for (int y = 0; y < r.years(); y++) {
                if (r.fines(y, b) != 0) {
                    fined.add(b);
                    break;
                }
            }
        }
        if (fined.isEmpty()) {
            return;
        }
        section(out, "Fines charged (" + Metric.FINES.unit().word() + ")");
        for (String b : fined) {
            String[] line = new String[1 + r.years()];
            line[0] = "  " + ConsoleText.of(Metric.FINES.label(b));
            for (int y = 0; y < r.years(); y++) {
                line[1 + y] = Uncertainty.mark(r, y, Metric.FINES, b) + compact(Math.round(r.fines(y, b)));
                out.few |= r.restsOnFew(y, Metric.FINES, b);
            }
            out.lines.add(line);
            if (out.intervals) {
                out.lines.add(Uncertainty.line(r, Metric.FINES, b));
            }
        }
    }

    private static boolean anyNonZero(Results r, Metric metric, String item) {
        for (int y = 0; y < r.years(); y++) {
            if (r.raw(y, metric, item) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void section(Sheet out, String title) {
        out.lines.add(new String[] {title});
    }

    private static void row(Sheet out, Results r, Metric metric, String item) {
        row(out, r, metric.label(item), metric, item);
    }

    private static void row(Sheet out, Results r, String label, Metric metric, String item) {
        String[] line = new String[1 + r.years()];
        line[0] = "  " + ConsoleText.of(label);
        for (int y = 0; y < r.years(); y++) {
            line[1 + y] = Uncertainty.mark(r, y, metric, item) + compact(r.scale(r.raw(y, metric, item)));
            out.few |= r.restsOnFew(y, metric, item);
        }
        out.lines.add(line);
        if (out.intervals) {
            out.lines.add(Uncertainty.line(r, metric, item));
        }
    }

    /** The table's lines, printed once all are known, so that the label column fits the longest label. */
    private static final class Sheet {
        final List<String[]> lines = new ArrayList<>();
        boolean intervals;
        boolean few;

        void print(Results r, PrintWriter out) {
            int width = LABEL;
            for (String[] line : lines) {
                if (line.length > 1) {
                    width = Math.max(width, line[0].length() + 3);
                }
            }
            StringBuilder header = new StringBuilder(" ".repeat(width));
            for (int y = 0; y < r.years(); y++) {
                header.append(String.format("%" + COLUMN + "d", r.firstYear() + y));
            }
            out.println(header);
            for (String[] line : lines) {
                if (line.length == 1) {
                    out.println(line[0]);
                    continue;
                }
                StringBuilder b = new StringBuilder(String.format("%-" + width + "s", line[0]));
                for (int k = 1; k < line.length; k++) {
                    b.append(String.format("%" + COLUMN + "s", line[k]));
                }
                out.println(b);
            }
        }
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
