package org.scoresim.engine.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables from which {@link Events} draws a person's events over all years at once (docs/MODEL.md
 * 3 and 4), part of the compiled {@link Plan}: per (province, behaviour) how many events a unit
 * rate gives over the horizon and in which years they fall (alias tables), the detection
 * probability of each year as an integer threshold, the first instant an event can change
 * anything; per (cell, behaviour) the distribution of the count; per (province, role) the same for
 * events misattributed to the person.
 */
final class Horizon {
    // expected events over all years at unit factor
    final double[] rate; // [p * behaviours + b]
    // the years as an alias table (Walker/Vose: column k holds year k with probability yearProb,
    // else year yearAlias), by (province, behaviour)
    final double[] yearProb; // [(p * behaviours + b) * years + k]
    final int[] yearAlias; // [(p * behaviours + b) * years + k]
    final double[] yearProbInverse; // 1 / yearProb (0 where it is 0)
    final double[] yearRestInverse; // 1 / (1 - yearProb) (0 where that is 0)
    // integer thresholds for 32-bit draws j: j < limit exactly when the uniform j / 2^32 is below
    // yearProb (alias), or when (j + 0.5) / 2^32 is below the year's detection probability
    final long[] yearLimit; // [(p * behaviours + b) * years + k]
    final long[] detectedLimit; // [(p * behaviours + b) * years + y]
    // the first instant at which an attributed event of b changes anything for a person of
    // province p (points or a fine once scoring is rolled out, a list or a triggered measure once
    // in force); earlier events are only counted
    final double[] effectFrom; // [p * behaviours + b]
    // a person's count of events of b over all years: its distribution by cell (null: too large a
    // mean to tabulate, drawn from frailty and Poisson)
    final Counts[] counts; // [cell * behaviours + b]
    // P(no event of b in all years) as a test of the 32 bits j of the uniform (j + 0.5) / 2^32,
    // read first: no event when j < limit (never, for a mean too large to tabulate)
    final long[] noEventLimit; // [cell * behaviours + b]
    // events misattributed to a person of (province, role): expected number over all years, and
    // the cumulative share of each year (the last is 1)
    final double[] misRate; // [p * 2 + role]
    final double[] misYearCum; // [(p * 2 + role) * years + y]

    Horizon(Plan plan) {
        int provinces = plan.provinces;
        int behaviours = plan.behaviours;
        int years = plan.years;
        rate = new double[provinces * behaviours];
        yearProb = new double[provinces * behaviours * years];
        yearAlias = new int[provinces * behaviours * years];
        yearProbInverse = new double[provinces * behaviours * years];
        yearRestInverse = new double[provinces * behaviours * years];
        yearLimit = new long[provinces * behaviours * years];
        detectedLimit = new long[provinces * behaviours * years];
        double[] shares = new double[years];
        for (int p = 0; p < provinces; p++) {
            for (int b = 0; b < behaviours; b++) {
                int at = p * behaviours + b;
                double[] perYear = new double[years];
                for (int y = 0; y < years; y++) {
                    perYear[y] = plan.ownRate[plan.behaviourAt(y, p, b)];
                    double detected = plan.detectedShare[plan.behaviourAt(y, p, b)];
                    detectedLimit[at * years + y] = (long) Math.ceil(detected * 0x1.0p32 - 0.5);
                }
                rate[at] = cumulativeShares(perYear, shares, 0);
                Alias.build(perYear, yearProb, yearAlias, at * years);
                for (int y = 0; y < years; y++) {
                    double q = yearProb[at * years + y];
                    yearLimit[at * years + y] = (long) Math.ceil(q * 0x1.0p32);
                    yearProbInverse[at * years + y] = q > 0 ? 1.0 / q : 0.0;
                    yearRestInverse[at * years + y] = q < 1 ? 1.0 / (1.0 - q) : 0.0;
                }
            }
        }
        effectFrom = new double[provinces * behaviours];
        for (int p = 0; p < provinces; p++) {
            for (int b = 0; b < behaviours; b++) {
                double from = plan.behaviourPoints[b] != 0 || plan.behaviourFine[b] > 0
                        ? plan.rolloutTime[p]
                        : Double.POSITIVE_INFINITY;
                for (int l = 0; l < plan.lists; l++) {
                    if ((plan.behaviourLists[b] & (1 << l)) != 0) {
                        from = Math.min(from, plan.listActiveTime[l]);
                    }
                }
                for (int m = 0; m < plan.measures; m++) {
                    if ((plan.behaviourTriggers[b] & (1L << m)) != 0) {
                        from = Math.min(from, plan.measureActiveTime[m]);
                    }
                }
                effectFrom[p * behaviours + b] = from;
            }
        }
        counts = new Counts[plan.cells * behaviours];
        double[] noEvent = new double[plan.cells * behaviours]; // P(no event in all years), -1: not tabulated
        Map<List<Double>, Counts> distinct = new HashMap<>();
        for (int c = 0; c < plan.cells; c++) {
            for (int b = 0; b < behaviours; b++) {
                // the same product as a person's mean in Events, so the same double
                double mean = plan.cellMultiplier[b * plan.cells + c] * rate[plan.provinceOf(c) * behaviours + b];
                double shape =
                        plan.scenario.behaviours().get(plan.behaviourNames[b]).heterogeneity();
                noEvent[c * behaviours + b] = -1.0;
                if (Counts.tabulable(mean, shape)) {
                    counts[c * behaviours + b] =
                            distinct.computeIfAbsent(List.of(mean, shape), k -> new Counts(mean, shape));
                    noEvent[c * behaviours + b] = counts[c * behaviours + b].none();
                }
            }
        }
        noEventLimit = new long[noEvent.length];
        for (int i = 0; i < noEvent.length; i++) {
            // (j + 0.5) / 2^32 <= q exactly when j <= q 2^32 - 0.5 (both sides exact in a double)
            noEventLimit[i] = noEvent[i] < 0 ? -1 : (long) Math.floor(noEvent[i] * 0x1.0p32 - 0.5) + 1;
        }
        misRate = new double[provinces * 2];
        misYearCum = new double[provinces * 2 * years];
        for (int p = 0; p < provinces; p++) {
            for (int role = 0; role < 2; role++) {
                double[] perYear = new double[years];
                for (int y = 0; y < years; y++) {
                    perYear[y] = plan.misTotal[plan.misAt(y, p, role)];
                }
                misRate[p * 2 + role] = cumulativeShares(perYear, misYearCum, (p * 2 + role) * years);
            }
        }
    }

    /**
     * Writes the cumulative shares of {@code perYear} into {@code out} from {@code offset} (the last
     * exactly 1; all 1 when the total is 0) and returns the total.
     */
    private static double cumulativeShares(double[] perYear, double[] out, int offset) {
        double total = 0;
        for (double r : perYear) {
            total += r;
        }
        double acc = 0;
        for (int y = 0; y < perYear.length; y++) {
            acc += perYear[y];
            out[offset + y] = total > 0 ? acc / total : 1.0;
        }
        out[offset + perYear.length - 1] = 1.0;
        return total;
    }
}
