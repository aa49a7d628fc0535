package org.scoresim.engine.kernel;

/**
 * The number of events of one behaviour a person of one attribute cell has over all years, drawn
 * by inverting its distribution function from one uniform (docs/MODEL.md 3).
 *
 * <p>Without frailty the count is Poisson with the cell's mean m. With frailty F ~ Gamma(k, 1/k)
 * it is Poisson with mean m F, and since the frailty multiplies the rate of every year alike and
 * enters nothing else, drawing F and then the count is the same as drawing the count from the
 * mixture: negative binomial with mean m and shape k, P(0) = (k / (k + m))^k. The distribution
 * function is tabulated once per distinct (m, k), so a person's count is a short scan of a table,
 * with no exponential and no Gamma quantile; past the table the recurrence goes on.
 */
final class Counts {
    private static final int LENGTH = 48;

    private final double[] cdf; // P(N <= n), n < cdf.length
    private final double ratioBase; // pmf(n + 1) / pmf(n) = (n + shapeTerm) / (n + 1) * ratioBase
    private final double shapeTerm;
    private final boolean poisson;
    private final double lastPmf;
    private final int[] guide; // guide[g]: the smallest n with g / GUIDE <= P(N <= n), where the scan starts
    private static final int GUIDE = 64;

    /** Counts with mean m; shape k > 0 for negative binomial, 0 for Poisson. Needs P(0) > 0. */
    Counts(double mean, double shape) {
        poisson = shape == 0;
        double p0 = none(mean, shape);
        ratioBase = poisson ? mean : mean / (mean + shape);
        shapeTerm = poisson ? 0 : shape;
        double[] c = new double[LENGTH];
        double pmf = p0;
        double cum = p0;
        int n = 0;
        c[0] = cum;
        while (n + 1 < LENGTH && cum < 1.0) {
            pmf *= next(n);
            n++;
            cum += pmf;
            c[n] = cum;
        }
        cdf = java.util.Arrays.copyOf(c, n + 1);
        lastPmf = pmf;
        guide = new int[GUIDE];
        for (int g = 0, m = 0; g < GUIDE; g++) {
            while (m < cdf.length - 1 && cdf[m] < (double) g / GUIDE) {
                m++;
            }
            guide[g] = m;
        }
    }

    /** Whether the table can be built: P(0) must not underflow. */
    static boolean tabulable(double mean, double shape) {
        return none(mean, shape) > 1e-200;
    }

    /** P(N = 0): exp(-m) for Poisson, (k / (k + m))^k for negative binomial. */
    private static double none(double mean, double shape) {
        return shape == 0 ? Math.exp(-mean) : Math.pow(shape / (shape + mean), shape);
    }

    private double next(int n) {
        return poisson ? ratioBase / (n + 1) : (n + shapeTerm) / (n + 1) * ratioBase;
    }

    /** P(no event). */
    double none() {
        return cdf[0];
    }

    /** The smallest n with u <= P(N <= n). */
    int draw(double u) {
        int last = cdf.length - 1;
        // every n below the guide's start has P(N <= n) < g / GUIDE <= u
        int n = guide[Math.min((int) (u * GUIDE), GUIDE - 1)];
        while (n < last && u > cdf[n]) {
            n++;
        }
        if (u <= cdf[n]) {
            return n;
        }
        double pmf = lastPmf;
        double cum = cdf[last];
        while (u > cum && pmf > 0) {
            pmf *= next(n);
            n++;
            cum += pmf;
        }
        return n;
    }
}
