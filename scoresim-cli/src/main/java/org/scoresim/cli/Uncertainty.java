package org.scoresim.cli;

import java.io.PrintWriter;
import org.scoresim.engine.results.Interval;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;

/**
 * The uncertainty of a sampled run in the console table: a line of 95% half-widths under each
 * row, and a mark on the figures resting on few simulated people or events (docs/OUTPUTS.md,
 * "Intervals").
 */
final class Uncertainty {
    /** Marks a figure resting on fewer than {@link Interval#FEW} simulated people or events. */
    static final String FEW_MARK = "~";

    private Uncertainty() {}

    /** The mark put before a figure: {@value #FEW_MARK} when it rests on few, else nothing. */
    static String mark(Results r, int year, Metric metric, String item) {
        return r.restsOnFew(year, metric, item) ? FEW_MARK : "";
    }

    /** The line under a row: each year's half-width of the 95% interval. */
    static String[] line(Results r, Metric metric, String item) {
        String[] line = new String[1 + r.years()];
        line[0] = "    ± 95%";
        for (int y = 0; y < r.years(); y++) {
            double[] lohi = r.interval(y, metric, item);
            long figure = metric == Metric.FINES ? Math.round(r.fines(y, item)) : r.scale(r.raw(y, metric, item));
            line[1 + y] = halfWidth(figure, lohi);
        }
        return line;
    }

    /**
     * A half-width as read beside its figure: a percentage of a figure of 100,000 or more
     * ({@code ±0.04%}), else a count ({@code ±3,400}); the upper end for a figure of 0
     * ({@code ≤72}); blank when not defined.
     */
    static String halfWidth(long figure, double[] lohi) {
        if (Double.isNaN(lohi[0]) || Double.isNaN(lohi[1])) {
            return "";
        }
        if (figure == 0) {
            return "≤" + ConsoleTable.compact(Math.round(lohi[1]));
        }
        double half = (lohi[1] - lohi[0]) / 2;
        if (Math.abs(figure) >= 100_000) {
            double percent = 100 * half / Math.abs(figure);
            return "±" + (percent < 0.1 ? String.format("%.2f%%", percent) : String.format("%.1f%%", percent));
        }
        return "±" + ConsoleTable.compact(Math.round(half));
    }

    /** The lines under the table: what the ± lines and the mark mean. */
    static void footnote(Results r, boolean intervals, boolean few, PrintWriter out) {
        if (r.sample() >= 1) {
            return;
        }
        if (intervals) {
            out.println(
                    "± 95%: half-width of each figure's 95% interval (≤: its upper end, for a 0); --no-intervals hides these lines.");
        }
        if (few) {
            out.printf(
                    "%s rests on fewer than %d simulated people or events: a handful of lives, read it as an order of magnitude.%n",
                    FEW_MARK, Interval.FEW);
        }
    }
}
