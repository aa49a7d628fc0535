package org.scoresim.model;

/**
 * The range a number of a scenario must lie in, named as the messages name it. Upper ends come
 * from {@link Limits}; bounds that depend on other values of the scenario (a rate, trips, a fine
 * over the population) are checked by {@link Exposure}.
 */
enum Bound {
    ANY("a number"),
    NON_NEGATIVE("a number >= 0"),
    POSITIVE("a number > 0"),
    /** Probabilities, coverage, enforcement, deterrence (docs/MODEL.md sections 3, 4, 6). */
    UNIT("a number in [0, 1]"),
    /** {@code false_match}: a channel that misattributes every detection would attribute nothing to the offender. */
    BELOW_ONE("a number in [0, 1)"),
    /** Household sizes and attribute values: relative weights the engine sums and scales. */
    WEIGHT("a weight in [0, " + Limits.show(Limits.MAX_WEIGHT) + "]"),
    /** The Gamma shape of frailty (MODEL.md 3). */
    HETEROGENEITY(
            "a Gamma shape in [" + Limits.show(Limits.MIN_HETEROGENEITY) + ", "
                    + Limits.show(Limits.MAX_HETEROGENEITY)
                    + "] (where the frailty's quantiles are computed accurately and quickly; leave heterogeneity out for none)"),
    /** A fine per event: amounts are summed exactly to the cent. */
    FINE("a fine in [0, " + Limits.show(Limits.MAX_AMOUNT) + "] (amounts are exact to the cent up to 2^53 cents)"),
    /** How long a behaviour trigger holds a measure: at least one tick of the engine's clock. */
    DURATION("a number of days >= " + Limits.show(Limits.MIN_DURATION_DAYS)
            + " (a shorter one ends at the instant it starts, on the engine's clock)"),
    /** A published figure, set beside counts that are exact up to 2^53. */
    EXACT("a number in [0, " + Limits.show(Limits.EXACT) + "] (exact in a double)"),
    /** A scenario's default sample: a share of its households, some of them. */
    SHARE("a share of households in (0, 1]");

    final String expected;

    Bound(String expected) {
        this.expected = expected;
    }

    boolean accepts(double v) {
        return switch (this) {
            case ANY -> true;
            case NON_NEGATIVE -> v >= 0;
            case POSITIVE -> v > 0;
            case UNIT -> v >= 0 && v <= 1;
            case BELOW_ONE -> v >= 0 && v < 1;
            case WEIGHT -> v >= 0 && v <= Limits.MAX_WEIGHT;
            case HETEROGENEITY -> v >= Limits.MIN_HETEROGENEITY && v <= Limits.MAX_HETEROGENEITY;
            case FINE -> v >= 0 && v <= Limits.MAX_AMOUNT;
            case DURATION -> v >= Limits.MIN_DURATION_DAYS;
            case EXACT -> v >= 0 && v <= Limits.EXACT;
            case SHARE -> v > 0 && v <= 1;
        };
    }
}
