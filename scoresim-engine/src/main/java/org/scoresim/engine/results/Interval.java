package org.scoresim.engine.results;

/**
 * The 95% interval of a count of a sampled run (docs/OUTPUTS.md, "Intervals").
 *
 * <p>How households are sampled decides the estimator. A household is in the sample when its
 * point of a seeded Weyl sequence falls below the sample fraction, so every range of households
 * holds almost exactly that fraction of them: the sample behaves as a simple random sample of a
 * fixed size from households that live independent lives, not as independent coin flips. The
 * variance groups (contiguous ranges of chunks) therefore hold samples of unequal but known sizes
 * (n_g sampled households, counted exactly), and a group's total is compared with its share of the
 * whole: {@code s² = Σ (Y_g - n_g Y/n)² / n_g / (G - 1)} estimates the variance of one household's
 * contribution and {@code (1 - f) n s²} that of the sampled total (f the sample fraction; the
 * finite-population factor makes the interval zero-wide for a run of every household). With
 * groups of equal size this is the classic random-groups estimator {@code G/(G-1) Σ (Y_g - Ȳ)²}
 * (times 1 - f).
 *
 * <p>A count resting on few simulated people or events is skewed and its estimated variance is
 * as noisy as the count itself, so the interval is a quasi-Poisson score interval: the
 * expected sampled count λ is in the interval when {@code (k - λ)² <= z² φ λ}, with k the
 * sampled count and the dispersion {@code φ = max(V/k, (1 - f)(1 - k/n))}: never below what
 * the sampling of whole households gives a count of people or events (each household adds a whole
 * number, so its contribution varies at least as a 0/1 one of the same mean). For a large count
 * this is {@code k ± z √V}; for k = 0 it is {@code [0, z² (1 - f)]}.
 */
public final class Interval {
    /** The normal quantile of a two-sided 95% interval. */
    public static final double Z = 1.96;

    /**
     * Fewer simulated people or events than this and a figure is marked as resting on few: its
     * interval is wide and its value a handful of lives.
     */
    public static final long FEW = 30;

    private Interval() {}

    /**
     * The estimated variance of the sampled total {@code Σ totals[g]}, from the groups' totals and
     * their sampled households; groups without households are left out. NaN with fewer than two
     * groups.
     */
    public static double variance(long[] totals, long[] households, double sample) {
        int groups = 0;
        long n = 0;
        long y = 0;
        for (int g = 0; g < totals.length; g++) {
            if (households[g] > 0) {
                groups++;
                n += households[g];
                y += totals[g];
            }
        }
        if (groups < 2) {
            return Double.NaN;
        }
        double mean = (double) y / n;
        double ss = 0;
        for (int g = 0; g < totals.length; g++) {
            if (households[g] > 0) {
                double residual = totals[g] - households[g] * mean;
                ss += residual * residual / households[g];
            }
        }
        return Math.max(0, 1 - sample) * n * ss / (groups - 1);
    }

    /**
     * The 95% interval {lo, hi} of the expected sampled count, given the sampled count k, its
     * estimated variance and the sampled households n (quasi-Poisson score interval; see the
     * class comment). Divide by the sample fraction for the population's count.
     */
    public static double[] sampled(long k, double variance, long households, double sample) {
        if (Double.isNaN(variance)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double floor = Math.max(0, 1 - sample) * (households > 0 ? Math.max(0, 1 - (double) k / households) : 1);
        double dispersion = k > 0 ? Math.max(variance / k, floor) : floor;
        double c = Z * Z * dispersion;
        double root = Math.sqrt(c * k + c * c / 4);
        return new double[] {Math.max(0, k + c / 2 - root), k + c / 2 + root};
    }

    /**
     * The 95% interval {lo, hi} of a difference of two counts on the same households (a paired
     * comparison), from the groups' differences: {@code d ± z √V}, V never below what {@code moved}
     * simulated people or events changing sides alone would give ({@code (1 - f) moved}), and for
     * none moved as wide as the score interval of a count of 0. In sampled units.
     */
    public static double[] difference(long d, double variance, long moved, double sample) {
        if (Double.isNaN(variance)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double f = Math.max(0, 1 - sample);
        double half = moved > 0 ? Z * Math.sqrt(Math.max(variance, f * moved)) : Z * Z * f;
        return new double[] {d - half, d + half};
    }
}
