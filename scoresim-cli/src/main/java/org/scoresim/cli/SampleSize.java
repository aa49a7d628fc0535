package org.scoresim.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.scoresim.engine.kernel.Plan;

/**
 * A sample that draws no household on average (sample x households < 1) would run nothing and
 * write a run that looks normal, with zeros scaled by a huge factor: it is refused, with the
 * smallest sample that draws one household on average.
 */
final class SampleSize {
    private SampleSize() {}

    /** Null when the plan's sample draws a household on average, else the message for --sample. */
    static String problem(Plan plan, String option) {
        double expected = plan.sample() * plan.households();
        if (expected >= 1) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "%s %s draws no household: %s has %,d households, and that sample holds %.2g of them on"
                        + " average; the smallest useful sample is %s (one household on average)",
                option,
                number(plan.sample()),
                ConsoleText.of(plan.scenario().name()),
                plan.households(),
                expected,
                smallest(plan.households()));
    }

    /** 1 / households, rounded up to two significant digits. */
    static String smallest(long households) {
        return new BigDecimal(1.0 / Math.max(1, households))
                .round(new MathContext(2, RoundingMode.UP))
                .stripTrailingZeros()
                .toString()
                .replace("E", "e");
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toString().replace("E", "e");
    }
}
