package org.scoresim.engine.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The interval estimator of docs/OUTPUTS.md "Intervals", on cases computed by hand. */
class IntervalTest {
    @Test
    void equalGroupsGiveTheRandomGroupsEstimatorTimesTheFinitePopulationFactor() {
        long[] totals = {10, 14, 12, 8};
        long[] households = {100, 100, 100, 100};
        // random groups: G/(G-1) Σ (Y_g - Ȳ)², Ȳ = 11: 4/3 * (1 + 9 + 1 + 9) = 80/3
        double old = 4.0 / 3 * (1 + 9 + 1 + 9);
        assertThat(Interval.variance(totals, households, 0.1)).isCloseTo(0.9 * old, within(1e-9));
        assertThat(Interval.variance(totals, households, 1.0)).isZero();
    }

    @Test
    void unequalGroupsAreComparedWithTheirShareOfTheSample() {
        // groups of 300 and 400 households, each holding exactly its share of the total: no spread
        long[] proportional = {30, 40, 30, 40};
        long[] households = {300, 400, 300, 400};
        assertThat(Interval.variance(proportional, households, 0.01)).isZero();
        // the random-groups estimator would see the sizes as noise: 4/3 * 4 * 25 = 133.3
        // a spread around the shares: mean 0.1 per household, residuals -2, +2, +2, -2
        long[] spread = {28, 42, 32, 38};
        double ss = 4.0 / 300 + 4.0 / 400 + 4.0 / 300 + 4.0 / 400; // Σ r² / n_g
        double expected = 0.99 * 1400 * ss / 3;
        assertThat(Interval.variance(spread, households, 0.01)).isCloseTo(expected, within(1e-9));
        // empty groups are left out; fewer than two groups give no variance
        assertThat(Interval.variance(new long[] {28, 0, 42}, new long[] {300, 0, 400}, 0.01))
                .isCloseTo(0.99 * 700 * (4.0 / 300 + 4.0 / 400), within(1e-9));
        assertThat(Interval.variance(new long[] {28, 0}, new long[] {300, 0}, 0.01))
                .isNaN();
    }

    @Test
    void aLargeCountGetsTheNormalInterval() {
        long k = 1_000_000;
        double v = 4_000_000; // sd 2,000, a dispersion of 4 (people in households of several)
        double[] lohi = Interval.sampled(k, v, 10_000_000, 0.01);
        // c = z² V / k = 15.4: the score interval k + c/2 ± √(c k + c²/4) is k ± z √V shifted by c/2
        assertThat(lohi[0]).isCloseTo(k - 1.96 * 2000, within(8.0));
        assertThat(lohi[1]).isCloseTo(k + 1.96 * 2000, within(8.0));
        assertThat((lohi[0] + lohi[1]) / 2 - k).isCloseTo(1.96 * 1.96 * 4 / 2, within(1e-6));
    }

    @Test
    void aCountOfNoneReachesUpToTheScoreBound() {
        double[] lohi = Interval.sampled(0, 0, 10_000, 0.1);
        assertThat(lohi[0]).isZero();
        assertThat(lohi[1]).isCloseTo(1.96 * 1.96 * 0.9, within(1e-9));
    }

    @Test
    void aSmallCountIsNeverNarrowerThanThePoissonScoreInterval() {
        // 4 simulated people: the groups' variance (0.5) is below the floor 0.9 * 4 * (1 - 4/10,000)
        long k = 4;
        double[] lohi = Interval.sampled(k, 0.5, 10_000, 0.1);
        double c = 1.96 * 1.96 * 0.9 * (1 - 4.0 / 10_000);
        double root = Math.sqrt(c * k + c * c / 4);
        assertThat(lohi[0]).isCloseTo(k + c / 2 - root, within(1e-9));
        assertThat(lohi[1]).isCloseTo(k + c / 2 + root, within(1e-9));
        // skewed as a Poisson interval is: further up than down
        assertThat(lohi[1] - k).isGreaterThan(k - lohi[0]);
        // a count spread over clustered households is wider still
        double[] clustered = Interval.sampled(k, 12, 10_000, 0.1);
        assertThat(clustered[1]).isGreaterThan(lohi[1]);
        // every household: no interval at all
        assertThat(Interval.sampled(k, 0, 10_000, 1.0)).containsExactly(4.0, 4.0);
    }

    @Test
    void aPairedDifferenceHasTheGroupsSpreadOrThePoissonFloor() {
        assertThat(Interval.difference(-50, 400, 60, 0.1)).containsExactly(-50 - 1.96 * 20, -50 + 1.96 * 20);
        // 60 people moved, one way each: variance at least 0.9 * 60
        assertThat(Interval.difference(-50, 10, 60, 0.1)[1]).isCloseTo(-50 + 1.96 * Math.sqrt(54), within(1e-9));
        // none moved: as wide as the score interval of a count of 0
        assertThat(Interval.difference(0, 0, 0, 0.1)).containsExactly(-1.96 * 1.96 * 0.9, 1.96 * 1.96 * 0.9);
        assertThat(Interval.difference(3, Double.NaN, 3, 0.1)[0]).isNaN();
    }
}
