package org.scoresim.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The largest numbers a scenario may hold, each derived from what the engine represents and
 * simulates, so that whatever validates runs, in bounded time and memory, with right numbers.
 * docs/BOUNDS.md gives each derivation; validation ({@link Bound}, {@link Exposure}) checks them.
 */
public final class Limits {
    private Limits() {}

    /** People of a household at most (16 adults and 16 children): the engine's per-household arrays. */
    public static final int MAX_HOUSEHOLD = 32;

    /** Behaviours of a scenario at most: a person's measures and triggers are bits of a {@code long}. */
    public static final int MAX_BEHAVIOURS = 64;

    /** Detection channels of a scenario at most. */
    public static final int MAX_CHANNELS = 64;

    /**
     * Detection entries of one behaviour at most: each names a different channel. The engine's
     * draw map (its {@code Draws}) gives an event's key two slots per entry, up to this many.
     */
    public static final int MAX_DETECTIONS = MAX_CHANNELS;

    /** Lists at most: a person's lists are bits of an {@code int}, and the draw map has a list-stay slot per list. */
    public static final int MAX_LISTS = 32;

    /** Sanctions and rewards together at most: a person's measures are bits of a {@code long}. */
    public static final int MAX_MEASURES = 64;

    /** Travel modes at most. */
    public static final int MAX_MODES = 16;

    /** Entries of the engine's per-household event arrays: int-indexed, grown by doubling from 64. */
    public static final int HOUSEHOLD_EVENTS = 1 << 30;

    /**
     * Expected events of one behaviour per person over all years, own (at the frailty's highest
     * quantile) and misattributed to the person together: 32 members x 64 behaviours x 2^17 = 2^28,
     * a quarter of {@link #HOUSEHOLD_EVENTS}, the rest left for draws above their means.
     */
    public static final int MAX_EVENTS = 1 << 17;

    /** Where the engine's frailty table ends: the Gamma quantile at 1 - 2^-40. */
    public static final int FRAILTY_TAIL_BITS = 40;

    /**
     * Gamma shapes of frailty (heterogeneity) whose quantiles Commons Math computes accurately
     * and quickly: the tail is off by 9% at 1e-4 (exact from 2e-4), and a table takes 0.1 s at
     * 1e4, 0.5 s at 1e6 and 21 s at 1e9 (1e12 does not end).
     */
    public static final double MIN_HETEROGENEITY = 1e-3;

    public static final double MAX_HETEROGENEITY = 1e4;

    /** Years a scenario may span ({@code years}: 1900..2200). */
    public static final int MAX_YEARS = 301;

    /**
     * The shortest duration that moves the engine's clock: instants are days since the first
     * year's start, below 301 x 365 < 2^17, where doubles lie at most 2^-35 apart, so that 2^-34
     * (5.83e-11 rounded up) moves any of them. A shorter sanction would end at the instant it
     * starts.
     */
    public static final double MIN_DURATION_DAYS = ceil(0x1p-34);

    /** Integers up to 2^53 are exact in a double: summary.json's numbers, results.duckdb's DOUBLE column. */
    public static final double EXACT = 0x1p53;

    /** Amounts in currency exact to the cent in a double: 2^53 cents. */
    public static final double MAX_AMOUNT = floor(EXACT / 100);

    /** Blocked purchases of a person in a year are an int; 2^30 leaves room for draws above their mean. */
    public static final double MAX_BLOCKED = 0x1p30;

    /**
     * A weight is multiplied by the number of values (at most 20,000 of an attribute) and by
     * household sizes (at most 16), and summed: below the largest double over 2^15, none of it
     * overflows.
     */
    public static final double MAX_WEIGHT = floor(Double.MAX_VALUE / 0x1p15);

    /**
     * Scores, tier minima: the engine keeps a table entry per score and a histogram bin per 10
     * points per year in every tally; +-2^15 keeps them at most 6,555 bins a year.
     */
    public static final int MAX_SCORE = 1 << 15;

    /** Points of an event and of a clean year: at most the whole score range (more is clamped the same). */
    public static final int MAX_POINTS = 2 * MAX_SCORE;

    /**
     * An upper bound of the Gamma(k, 1/k) quantile at 1 - 2^-40, the largest frailty the engine
     * draws (Chernoff: P(F >= x) <= (x e^(1-x))^k for x > 1, so the quantile is below the x > 1
     * with k (x - 1 - ln x) = 40 ln 2).
     */
    public static double frailtyFactor(double shape) {
        double c = FRAILTY_TAIL_BITS * Math.log(2) / shape;
        // Newton from the right of the root of the convex x - 1 - ln x - c stays right of it
        double x = 2 * (c + 1);
        for (int i = 0; i < 100; i++) {
            double next = x - (x - 1 - Math.log(x) - c) / (1 - 1 / x);
            if (!(next < x)) {
                break;
            }
            x = next;
        }
        return x * (1 + 1e-12);
    }

    /** A derived bound rounded down to three significant digits, as messages print it. */
    static double floor(double v) {
        return new BigDecimal(v).round(new MathContext(3, RoundingMode.FLOOR)).doubleValue();
    }

    /** A derived lower bound rounded up to three significant digits. */
    static double ceil(double v) {
        return new BigDecimal(v).round(new MathContext(3, RoundingMode.CEILING)).doubleValue();
    }

    /** A number for a message, exactly, as written plainly or as 5.48e303, whichever reads shorter. */
    static String show(double v) {
        return text(BigDecimal.valueOf(v));
    }

    /** A computed figure for a message, to six significant digits. */
    static String figure(double v) {
        return text(new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)));
    }

    private static String text(BigDecimal d) {
        BigDecimal v = d.stripTrailingZeros();
        String plain = v.toPlainString();
        String scientific = v.toString().replace("E+", "e").replace("E", "e");
        return plain.length() <= scientific.length() + 4 ? plain : scientific;
    }
}
