package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The samplers against exact distributions, as a sampler library tests its samplers: {@link Counts}
 * (Poisson and negative binomial by inversion of a table) and {@link Alias} (Walker's alias table),
 * each by the exact inverse of its distribution function where it has one, and by a chi-square
 * test of many draws from the stream as the kernel keys it (a fixed key, so the test is
 * reproducible; the critical value is at 10^-6, so a correct sampler fails it once in a million
 * keys). The kernel's second alias pick (the year of an event, integer thresholds in
 * {@link Events}) agrees with {@link Alias#pick} draw for draw.
 */
class SamplersTest {
    private static final int DRAWS = 200_000;

    /** P(N = n) of the count: Poisson (shape 0) or negative binomial with mean m and shape k, from log-Gamma. */
    static double pmf(double mean, double shape, int n) {
        if (shape == 0) {
            return Math.exp(-mean + n * Math.log(mean) - Gamma.logGamma(n + 1.0));
        }
        return Math.exp(Gamma.logGamma(n + shape)
                - Gamma.logGamma(shape)
                - Gamma.logGamma(n + 1.0)
                + shape * Math.log(shape / (shape + mean))
                + n * Math.log(mean / (shape + mean)));
    }

    /** 32-bit uniforms as the kernel draws counts: the high half of a slot of a fixed key. */
    private static double[] uniforms(int n, long seed) {
        RandomStream rng = new RandomStream(seed);
        rng.household(7);
        long key = rng.key(0, 0, Draws.PERSON, 0);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = RandomStream.high(RandomStream.bits(key, i));
        }
        return u;
    }

    /** The chi-square statistic of counts against expected frequencies, bins with fewer than 5 expected pooled. */
    private static void assertChiSquare(long[] observed, double[] probability, int draws) {
        List<double[]> bins = new ArrayList<>(); // {observed, expected}
        double o = 0;
        double e = 0;
        for (int i = 0; i < observed.length; i++) {
            o += observed[i];
            e += probability[i] * draws;
            if (e >= 5) {
                bins.add(new double[] {o, e});
                o = 0;
                e = 0;
            }
        }
        if (e > 0 || o > 0) {
            if (bins.isEmpty()) {
                bins.add(new double[] {o, e});
            } else {
                bins.get(bins.size() - 1)[0] += o;
                bins.get(bins.size() - 1)[1] += e;
            }
        }
        if (bins.size() < 2) {
            return; // one bin: nothing to test
        }
        double chi = 0;
        for (double[] b : bins) {
            chi += (b[0] - b[1]) * (b[0] - b[1]) / b[1];
        }
        double critical = new ChiSquaredDistribution(bins.size() - 1).inverseCumulativeProbability(1 - 1e-6);
        assertThat(chi).as("chi-square over %d bins", bins.size()).isLessThan(critical);
    }

    @ParameterizedTest
    @CsvSource({
        "0.001, 0", "0.3, 0", "2.5, 0", "30, 0", "300, 0", // Poisson, up to a table ending long before the mean
        "0.3, 0.5", "5, 2", "10, 0.001", "40, 0.05", "400, 10000" // negative binomial, extreme shapes
    })
    void countsFollowTheirDistributionExactly(double mean, double shape) {
        assertThat(Counts.tabulable(mean, shape)).isTrue();
        Counts counts = new Counts(mean, shape);
        assertThat(counts.none()).isCloseTo(pmf(mean, shape, 0), org.assertj.core.data.Percentage.withPercentage(1e-9));
        // the inverse: draw(u) is the smallest n with u <= F(n), F accumulated exactly here
        double cdf = 0;
        int last = (int) (mean * 3 + 20 * Math.sqrt(mean / Math.min(1, shape == 0 ? 1 : shape) + 1) + 40);
        for (int n = 0; n < last && cdf < 1 - 1e-9; n++) {
            cdf += pmf(mean, shape, n);
            if (cdf < 1e-12 || cdf > 1 - 1e-9) {
                continue;
            }
            // just inside and just outside n's share of [0, 1): a relative margin for rounding
            double margin = 1e-9 * cdf;
            assertThat(counts.draw(cdf - margin)).as("F^-1(F(%d) - eps)", n).isLessThanOrEqualTo(n);
            assertThat(counts.draw(cdf + margin)).as("F^-1(F(%d) + eps)", n).isGreaterThan(n);
        }
        // many draws from the stream: the frequencies of every count
        double[] u = uniforms(DRAWS, 1);
        int max = 0;
        int[] drawn = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            drawn[i] = counts.draw(u[i]);
            max = Math.max(max, drawn[i]);
        }
        long[] observed = new long[max + 2];
        for (int d : drawn) {
            observed[d]++;
        }
        double[] p = new double[max + 2];
        double sum = 0;
        for (int n = 0; n <= max; n++) {
            p[n] = pmf(mean, shape, n);
            sum += p[n];
        }
        p[max + 1] = Math.max(0, 1 - sum);
        assertChiSquare(observed, p, DRAWS);
    }

    @Test
    void extremeCounts() {
        // a mean so small that only the last uniforms give an event
        Counts rare = new Counts(1e-12, 0);
        assertThat(rare.draw(0.999999)).isZero();
        assertThat(rare.draw(1 - 0x1.0p-33)).isZero();
        assertThat(rare.draw(1 - 1e-13)).isEqualTo(1);
        // the largest Poisson mean with a table, and the first without
        assertThat(Counts.tabulable(460, 0)).isTrue();
        assertThat(Counts.tabulable(461, 0)).isFalse();
        Counts large = new Counts(460, 0);
        PoissonDistribution exact = new PoissonDistribution(null, 460, 1e-15, 10_000_000);
        for (double q : new double[] {1e-6, 0.01, 0.5, 0.99, 1 - 1e-6}) {
            assertThat(large.draw(q))
                    .as("quantile %s", q)
                    .isBetween(exact.inverseCumulativeProbability(q) - 1, exact.inverseCumulativeProbability(q) + 1);
        }
        // a negative binomial with a tiny shape: most people never, a few very often
        Counts skewed = new Counts(10, 0.001);
        assertThat(skewed.none())
                .isCloseTo(Math.pow(0.001 / 10.001, 0.001), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(skewed.draw(0.999999999)).isGreaterThan(1000);
    }

    /** The probability an alias table gives outcome i: the share of its column kept plus the columns that alias to it. */
    private static double[] implied(double[] prob, int[] alias) {
        int n = prob.length;
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] += prob[k] / n;
            p[alias[k]] += (1 - prob[k]) / n;
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "1", // one outcome
                "0.3, 0.7",
                "0, 1, 0", // zero weights never picked
                "5, 0, 0, 0, 1e-300", // extreme ratios
                "1, 1, 1, 1, 1, 1, 1, 1",
                "0.01, 2, 0.5, 0, 7, 3, 0.25, 1e-9, 11, 0"
            })
    void aliasTablesPickWithTheirWeights(String text) {
        double[] w = java.util.Arrays.stream(text.split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim()))
                .toArray();
        int n = w.length;
        double total = java.util.Arrays.stream(w).sum();
        double[] prob = new double[n];
        int[] alias = new int[n];
        Alias.build(w, prob, alias, 0);
        double[] p = implied(prob, alias);
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).as("P(%d)", i).isCloseTo(w[i] / total, org.assertj.core.data.Offset.offset(1e-14));
            if (w[i] == 0) {
                for (int k = 0; k < n; k++) {
                    assertThat(prob[k] == 0 || k != i)
                            .as("a zero weight keeps no share of its column")
                            .isTrue();
                    assertThat(alias[k] != i || prob[k] == 1)
                            .as("no column aliases to a zero weight")
                            .isTrue();
                }
            }
        }
        List<Double> weights = new ArrayList<>();
        for (double x : w) {
            weights.add(x);
        }
        Alias table = new Alias(weights);
        double[] u = uniforms(DRAWS, 2);
        long[] observed = new long[n];
        for (double x : u) {
            observed[table.pick(x)]++;
        }
        for (int i = 0; i < n; i++) {
            if (w[i] == 0) {
                assertThat(observed[i]).as("draws of zero weight %d", i).isZero();
            }
        }
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = w[i] / total;
        }
        assertChiSquare(observed, expected, DRAWS);
        // the ends of [0, 1)
        assertThat(table.pick(0.0)).isBetween(0, n - 1);
        assertThat(table.pick(Math.nextDown(1.0))).isBetween(0, n - 1);
    }

    /**
     * The year of an event (Events.points) is picked from the high 32 bits j of a draw by integer
     * comparison with Horizon's thresholds: column k = floor(j x years / 2^32), kept when the
     * fraction's 32 bits are below ceil(prob x 2^32). It is the alias pick of the uniform j / 2^32,
     * exactly: at every column's threshold and on either side of it, and on random draws.
     */
    @Test
    void theIntegerYearPickIsTheAliasPick() {
        Plan plan = Plan.compile(FastPathTest.bundled("china-2013-2020.yaml", java.util.Map.of()), 1, 1.0);
        Horizon h = plan.horizon;
        int years = plan.years;
        java.util.Random random = new java.util.Random(5);
        int checked = 0;
        for (int pb = 0; pb < plan.provinces * plan.behaviours; pb++) {
            List<Double> weights = new ArrayList<>();
            for (int y = 0; y < years; y++) {
                weights.add(plan.ownRate[plan.behaviourAt(y, pb / plan.behaviours, pb % plan.behaviours)]);
            }
            Alias table = new Alias(weights);
            List<Long> draws = new ArrayList<>();
            for (int k = 0; k < years; k++) {
                // the j whose fraction in column k is at the threshold
                long atLimit = (((long) k << 32) + h.yearLimit[pb * years + k]) / years;
                for (long d = -2; d <= 2; d++) {
                    long j = atLimit + d;
                    if (j >= 0 && j < (1L << 32)) {
                        draws.add(j);
                    }
                }
            }
            for (int i = 0; i < 2000; i++) {
                draws.add(random.nextLong() >>> 32);
            }
            for (long j : draws) {
                // Events.points
                long x = j * years;
                int k = (int) (x >>> 32);
                long frac = x & 0xFFFFFFFFL;
                int a = h.yearAlias[pb * years + k];
                int integer = a + (int) ((frac - h.yearLimit[pb * years + k]) >>> 63) * (k - a);
                // Alias.pick on the same table
                assertThat(integer).as("draw %d of table %d", j, pb).isEqualTo(table.pick(j * 0x1.0p-32));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }
}
