package org.scoresim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;

/**
 * Statistical assertions against closed forms. A count must lie within {@link #Z} standard errors
 * of its expectation: wide enough to pass for any fixed seed (a 5-sigma miss has probability
 * below 1e-6), narrow enough at a few hundred thousand people to catch a factor 2, a missed year
 * or a wrong sign in the engine.
 */
public final class Expect {
    public static final double Z = 5.0;

    private Expect() {}

    /** {@code count} of n independent trials of probability p. */
    public static void binomial(String what, long count, long n, double p) {
        near(what, count, n * p, Math.sqrt(n * p * (1 - p)));
    }

    /** A sum of Poisson counts of total mean {@code mean} (or of counts with variance at most their mean). */
    public static void poisson(String what, long count, double mean) {
        near(what, count, mean, Math.sqrt(mean));
    }

    /** {@code |observed - expected| <= Z sd}; sd is floored at 1 so that an expected 0 means exactly 0 for counts. */
    public static void near(String what, double observed, double expected, double sd) {
        double tolerance = Z * Math.max(sd, 1.0);
        assertThat(observed)
                .as("%s: observed %.1f, expected %.1f +- %.1f (%.0f sd)", what, observed, expected, tolerance, Z)
                .isBetween(expected - tolerance, expected + tolerance);
    }

    /** E[g(T)] for T ~ Exp(rate), by Simpson's rule on [0, 60 / rate]. */
    public static double exponentialMean(double rate, DoubleUnaryOperator g) {
        int n = 200_000;
        double end = 60.0 / rate;
        double h = end / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * g.applyAsDouble(t) * rate * Math.exp(-rate * t);
        }
        return sum * h / 3;
    }
}
