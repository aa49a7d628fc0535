package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.special.Gamma;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Limits;

/**
 * docs/MODEL.md 3: frailty is Gamma with shape k and mean 1, drawn once per person and behaviour.
 * Counts are then negative binomial: mean r, variance r + r^2 / k, and
 * P(no event in t years) = E[exp(-r t F)] = (1 + r t / k)^-k.
 */
class FrailtyTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 1, 2, 5})
    void theQuantileTableHasMeanOneAndVarianceOneOverK(double k) {
        Frailty f = new Frailty(k);
        int n = 1 << 21;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double x = f.quantile((i + 0.5) / n);
            assertThat(x).isNotNegative();
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / n;
        double variance = sum2 / n - mean * mean;
        assertThat(mean).as("mean, shape %s", k).isCloseTo(1.0, Offset.offset(1e-3));
        assertThat(variance).as("variance, shape %s", k).isCloseTo(1 / k, Offset.offset(0.02 / k));
    }

    @Test
    void theQuantileIsIncreasing() {
        Frailty f = new Frailty(0.5);
        double previous = -1;
        for (int i = 1; i < 100_000; i++) {
            double x = f.quantile(i / 100_000.0);
            assertThat(x).isGreaterThanOrEqualTo(previous);
            previous = x;
        }
        assertThat(f.quantile(1 - 1e-12)).isGreaterThan(f.quantile(0.999));
    }

    /**
     * The shapes validation accepts (docs/BOUNDS.md) are those whose table Commons Math computes
     * accurately: at both ends the table's quantiles have the tail probabilities they stand for,
     * and none is above the bound validation takes for the largest frailty.
     */
    @ParameterizedTest
    @ValueSource(doubles = {Limits.MIN_HETEROGENEITY, 0.02, 1, 100, Limits.MAX_HETEROGENEITY})
    void theTableIsAccurateOverTheShapesValidationAccepts(double k) {
        Frailty f = new Frailty(k);
        // the body: within 1e-9 of the true quantile (at small shapes most of it is below 1e-12, where
        // only the absolute error matters: it moves a mean of 2^17 events by 1e-4)
        double near = 1e-9;
        for (double u : new double[] {0.25, 0.5, 0.9, 0.99}) {
            double x = f.quantile(u);
            assertThat(Gamma.regularizedGammaP(k, k * (x + near)))
                    .as("P(F <= quantile(%s) + 1e-9), shape %s", u, k)
                    .isGreaterThanOrEqualTo(u - 1e-3);
            assertThat(x <= near ? 0 : Gamma.regularizedGammaP(k, k * (x - near)))
                    .as("P(F <= quantile(%s) - 1e-9), shape %s", u, k)
                    .isLessThanOrEqualTo(u + 1e-3);
        }
        for (int bits = 10; bits <= Limits.FRAILTY_TAIL_BITS; bits += 5) {
            double tail = Math.pow(2, -bits);
            double x = f.quantile(1 - tail);
            assertThat(Math.log(Gamma.regularizedGammaQ(k, k * x) / tail))
                    .as("log P(F > quantile(1 - 2^-%s)) / 2^-%s, shape %s", bits, bits, k)
                    .isCloseTo(0, Offset.offset(0.01));
        }
        assertThat(f.quantile(Math.nextDown(1.0)))
                .as("the largest frailty, shape %s", k)
                .isLessThanOrEqualTo(Limits.frailtyFactor(k));
    }

    static final double K = 0.5;
    static final double RATE = 1.0;

    static final String SCENARIO = """
            name: frailty
            years: {from: 2013, to: 2014}
            population:
              size: 300000
              households:
                adults: {1: 1.0}
                children: {0: 1.0}
              attributes:
                province: {only: 1.0}
            channels:
              police: {coverage: 1.0}
            behaviours:
              offence:
                who: adults
                rate: %s
                heterogeneity: %s
                detection:
                  - {channel: police, probability: 1.0}
                points: -50
            scoring:
              initial: 1000
              min: 0
              max: 1000
              tiers:
                - {name: A, min: 1000}
                - {name: B, min: 0}
            """.formatted(RATE, K);

    @Test
    void frailtyIsDrawnOncePerPersonNotPerYear() {
        Results r = Sim.run(SCENARIO);
        long n = r.people();
        // (1 + r t / k)^-k: 3^-0.5 = 0.577 after one year, 5^-0.5 = 0.447 after two
        // (a frailty redrawn every year would give 3^-1 = 0.333; no frailty exp(-2) = 0.135)
        Expect.binomial("never offended by end of 2013", r.raw(0, "tier_end", "A"), n, Math.pow(1 + RATE / K, -K));
        Expect.binomial("never offended by end of 2014", r.raw(1, "tier_end", "A"), n, Math.pow(1 + 2 * RATE / K, -K));
        // offences: the mean is unchanged, the spread is that of the negative binomial
        Expect.near(
                "offences 2013", r.raw(0, "offences", "offence"), n * RATE, Math.sqrt(n * (RATE + RATE * RATE / K)));
    }

    @Test
    void individualCountsAreOverDispersed() {
        Plan plan = Sim.plan(SCENARIO, Sim.SEED, 1.0);
        Kernel kernel = new Kernel(plan);
        Tally tally = Tally.empty(plan);
        int households = 200_000;
        long[] counts = new long[1];
        double sum = 0;
        double sum2 = 0;
        Trace counter = new Trace() {
            @Override
            public void person(int person, boolean adult, int cell) {}

            @Override
            public void event(
                    int person,
                    int year,
                    double day,
                    int behaviour,
                    int channel,
                    boolean detected,
                    boolean misattributed,
                    boolean attributed,
                    int points,
                    int scoreAfter) {
                if (year == 0) {
                    counts[0]++;
                }
            }

            @Override
            public void list(int person, int year, double day, int list, boolean entered) {}

            @Override
            public void yearEnd(
                    int person, int year, int score, int tier, long any, long end, int lists, int[] blocked) {}
        };
        for (long h = 0; h < households; h++) {
            counts[0] = 0;
            kernel.trace(h, tally, counter);
            sum += counts[0];
            sum2 += counts[0] * counts[0];
        }
        double mean = sum / households;
        double variance = (sum2 - households * mean * mean) / (households - 1);
        double expected = RATE + RATE * RATE / K;
        Expect.near("mean events per person", mean * households, RATE * households, Math.sqrt(expected * households));
        assertThat(variance).as("over-dispersed: variance > mean").isGreaterThan(1.5 * mean);
        assertThat(variance)
                .as("negative binomial variance r + r^2/k")
                .isCloseTo(expected, Offset.offset(0.05 * expected));
    }
}
