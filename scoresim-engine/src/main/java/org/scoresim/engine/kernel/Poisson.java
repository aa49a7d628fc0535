package org.scoresim.engine.kernel;

/**
 * Poisson draws from counter-based uniforms. Small means use inversion of one uniform (the
 * common case: most person-years have means far below 1); large means use Hoermann's PTRS
 * transformed rejection (1993), drawing further uniforms from the same key.
 */
final class Poisson {
    private static final double INVERSION_LIMIT = 30.0;
    private static final double[] RECIPROCAL = new double[64]; // 1 / k: a multiplication instead of a division

    static {
        for (int k = 1; k < RECIPROCAL.length; k++) {
            RECIPROCAL[k] = 1.0 / k;
        }
    }

    private Poisson() {}

    /** A Poisson(mean) count from the draws of {@code key}, starting at {@code slot}. */
    static int draw(double mean, long key, int slot) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < INVERSION_LIMIT) {
            return invert(mean, RandomStream.uniform(key, slot));
        }
        return ptrs(mean, key, slot);
    }

    /** Inversion given P(0) = exp(-mean) already known, for callers that cached it. */
    static int invert(double mean, double u) {
        double p = Math.exp(-mean);
        return invert(mean, u, p);
    }

    static int invert(double mean, double u, double p0) {
        double p = p0;
        double cdf = p;
        int k = 0;
        while (u > cdf) {
            k++;
            p *= k < RECIPROCAL.length ? mean * RECIPROCAL[k] : mean / k;
            cdf += p;
            if (p < 1e-300 && k > mean) {
                break;
            }
        }
        return k;
    }

    private static int ptrs(double mean, long key, int slot) {
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        for (int i = 0; ; i += 2) {
            double u = RandomStream.uniform(key, slot + i) - 0.5;
            double v = RandomStream.uniform(key, slot + i + 1);
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double lhs = Math.log(v * invalpha / (a / (us * us) + b));
            double rhs = -mean + k * loglam - logFactorial(k);
            if (lhs <= rhs) {
                return (int) k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < 2) {
            return 0;
        }
        if (k < 16) {
            double f = 1;
            for (int i = 2; i <= k; i++) {
                f *= i;
            }
            return Math.log(f);
        }
        double x = k + 1.0;
        // Stirling series for log Gamma(x), accurate to ~1e-10 for x >= 17.
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }
}
