package org.scoresim.experiments.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Morris trajectories and effects against functions whose elementary effects are known exactly. */
class MorrisTest {
    /** Each trajectory moves every key once, by +-DELTA, one key per step, staying in [0, 1]. */
    @Test
    void trajectoriesMoveOneKeyAtATimeByDelta() {
        int k = 4;
        double[][] d = Morris.design(k, 20, 3);
        assertThat(d).hasNumberOfRows(20 * (k + 1));
        for (int t = 0; t < 20; t++) {
            boolean[] moved = new boolean[k];
            for (int s = 0; s < k; s++) {
                double[] a = d[t * (k + 1) + s];
                double[] b = d[t * (k + 1) + s + 1];
                int changed = 0;
                for (int i = 0; i < k; i++) {
                    assertThat(b[i]).isBetween(0.0, 1.0);
                    if (a[i] != b[i]) {
                        changed++;
                        assertThat(Math.abs(b[i] - a[i])).isCloseTo(Morris.DELTA, within(1e-12));
                        assertThat(moved[i]).isFalse();
                        moved[i] = true;
                    }
                }
                assertThat(changed).isEqualTo(1);
            }
        }
    }

    /** y = 3 x1 - 2 x2 + 0 x3: every effect is the weight, so mu* = |a|, mu = a, sigma = 0. */
    @Test
    void linearModelEffectsAreItsWeights() {
        double[][] d = Morris.design(3, 10, 5);
        double[] y = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            y[i] = 3 * d[i][0] - 2 * d[i][1];
        }
        List<Morris.Effects> fx = Morris.effects(d, y, 3, 1);
        double[] a = {3, -2, 0};
        for (int i = 0; i < 3; i++) {
            Morris.Effects e = fx.get(i);
            assertThat(e.muStar()).isCloseTo(Math.abs(a[i]), within(1e-9));
            assertThat(e.mu()).isCloseTo(a[i], within(1e-9));
            assertThat(e.sigma()).isCloseTo(0, within(1e-9));
            assertThat(e.muStarLo()).isCloseTo(Math.abs(a[i]), within(1e-9));
            assertThat(e.muStarHi()).isCloseTo(Math.abs(a[i]), within(1e-9));
        }
    }

    /**
     * y = x1^2 on 4 levels with DELTA = 2/3: a step between x and x + DELTA has the effect
     * ((x + DELTA)^2 - x^2) / DELTA = 2x + DELTA, which is 2/3 from 0 and 4/3 from 1/3; so every
     * effect is one of those two, mu* is their mean over the trajectories, and sigma is not 0.
     */
    @Test
    void squareHasTheTwoPossibleEffects() {
        double[][] d = Morris.design(2, 30, 9);
        double[] y = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            y[i] = d[i][0] * d[i][0];
        }
        int low = 0;
        for (int t = 0; t < 30; t++) {
            for (int s = 0; s < 2; s++) {
                double[] a = d[t * 3 + s];
                double[] b = d[t * 3 + s + 1];
                if (a[0] != b[0]) {
                    low += Math.min(a[0], b[0]) == 0 ? 1 : 0;
                }
            }
        }
        double expected = (low * (2 / 3.0) + (30 - low) * (4 / 3.0)) / 30;
        Morris.Effects e = Morris.effects(d, y, 2, 1).get(0);
        assertThat(e.muStar()).isCloseTo(expected, within(1e-9));
        assertThat(e.sigma()).isGreaterThan(0);
        assertThat(e.muStarLo()).isLessThanOrEqualTo(e.muStar());
        assertThat(e.muStarHi()).isGreaterThanOrEqualTo(e.muStar());
        Morris.Effects none = Morris.effects(d, y, 2, 1).get(1);
        assertThat(none.muStar()).isZero();
        assertThat(none.sigma()).isZero();
    }
}
