package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.Expect;

/** Poisson draws from counter-based uniforms: inversion below 30, PTRS above (Hoermann 1993). */
class PoissonTest {
    static final int DRAWS = 400_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 3, 29.9, 30, 50, 500})
    void meanVarianceAndDistribution(double mean) {
        int[] x = new int[DRAWS];
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            x[i] = Poisson.draw(mean, RandomStream.mix(0x1234_5678L + i), 0);
            assertThat(x[i]).isNotNegative();
            sum += x[i];
        }
        double m = sum / DRAWS;
        double ss = 0;
        for (int v : x) {
            ss += (v - m) * (v - m);
        }
        double variance = ss / (DRAWS - 1);
        Expect.near("mean of Poisson(" + mean + ")", m * DRAWS, mean * DRAWS, Math.sqrt(mean * DRAWS));
        // the standard error of a sample variance: sqrt((mu4 - sigma^4) / n), mu4 = mean (1 + 3 mean)
        Expect.near(
                "variance of Poisson(" + mean + ") x n",
                variance * DRAWS,
                mean * DRAWS,
                Math.sqrt((mean + 2 * mean * mean) * DRAWS));
        // the distribution function at its 10%, 50% and 90% points, and P(0)
        PoissonDistribution exact = new PoissonDistribution(null, mean, 1e-12, 10_000_000);
        for (double q : new double[] {0.1, 0.5, 0.9}) {
            int k = exact.inverseCumulativeProbability(q);
            long below = java.util.Arrays.stream(x).filter(v -> v <= k).count();
            Expect.binomial("P(X <= " + k + ") of Poisson(" + mean + ")", below, DRAWS, exact.cumulativeProbability(k));
        }
        long zeros = java.util.Arrays.stream(x).filter(v -> v == 0).count();
        Expect.binomial("P(X = 0) of Poisson(" + mean + ")", zeros, DRAWS, Math.exp(-mean));
    }

    @Test
    void aMeanOfZeroOrLessDrawsNothing() {
        assertThat(Poisson.draw(0.0, 42, 0)).isZero();
        assertThat(Poisson.draw(-1.0, 42, 0)).isZero();
    }

    @Test
    void aSmallMeanDrawIsTheInversionOfItsOwnSlot() {
        // one uniform, that of (key, slot): nothing else enters, so a household re-simulated alone draws the same
        for (long key = 0; key < 2_000; key++) {
            for (double mean : new double[] {0.5, 7, 29.9}) {
                assertThat(Poisson.draw(mean, key, 3)).isEqualTo(Poisson.invert(mean, RandomStream.uniform(key, 3)));
            }
        }
    }

    @Test
    void drawsFromOtherSlotsOfAKeyAreUncorrelated() {
        // PTRS takes further uniforms from the slots after its first: draws that start far enough apart are independent
        int n = 20_000;
        double mean = 2000;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (long key = 0; key < n; key++) {
            double x = Poisson.draw(mean, RandomStream.mix(key), 0);
            double y = Poisson.draw(mean, RandomStream.mix(key), 500);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = sxy / n - sx / n * sy / n;
        double r = cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
        assertThat(Math.abs(r))
                .as("correlation of draws at slots 0 and 500 over %d keys", n)
                .isLessThan(5 / Math.sqrt(n));
        Expect.near("mean of the draws", sx / n, mean, Math.sqrt(mean / n));
    }

    @Test
    void inversionIsMonotoneInTheMean() {
        // a thinned trip process (enforcement < 1) must never block more with the same uniform
        for (int i = 0; i < 10_000; i++) {
            double u = RandomStream.uniform(RandomStream.mix(i), 0);
            assertThat(Poisson.invert(1.0, u)).isLessThanOrEqualTo(Poisson.invert(2.0, u));
        }
    }

    @Test
    void logFactorialIsExact() {
        for (long k = 0; k <= 5000; k++) {
            double expected = CombinatoricsUtils.factorialLog((int) k);
            assertThat(Poisson.logFactorial(k))
                    .as("log %d!", k)
                    .isCloseTo(expected, Offset.offset(1e-9 * Math.max(1, expected)));
        }
    }
}
