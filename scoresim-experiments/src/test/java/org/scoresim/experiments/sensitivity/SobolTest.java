package org.scoresim.experiments.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/** The Sobol estimators against functions whose indices are known in closed form. */
class SobolTest {
    static double[] evaluate(double[][] design, ToDoubleFunction<double[]> f) {
        double[] y = new double[design.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(design[i]);
        }
        return y;
    }

    /** Ishigami, a = 7, b = 0.1, on [-pi, pi]^3 (unit points mapped there). */
    static double ishigami(double[] u) {
        double x1 = -Math.PI + 2 * Math.PI * u[0];
        double x2 = -Math.PI + 2 * Math.PI * u[1];
        double x3 = -Math.PI + 2 * Math.PI * u[2];
        return Math.sin(x1) + 7 * Math.sin(x2) * Math.sin(x2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
    }

    /**
     * The published indices of Ishigami (a = 7, b = 0.1): S = 0.3139, 0.4424, 0; ST = 0.5576,
     * 0.4424, 0.2437. Each lies in its bootstrap interval, and the interval is narrow.
     */
    @Test
    void ishigamiIndicesAreThePublishedOnes() {
        int n = 16384;
        double[][] design = Sobol.design(3, n, 1);
        assertThat(design).hasNumberOfRows(n * 5);
        List<Sobol.Indices> ix = Sobol.indices(evaluate(design, SobolTest::ishigami), 3, 42);
        double[] s = {0.3139, 0.4424, 0.0};
        double[] st = {0.5576, 0.4424, 0.2437};
        for (int i = 0; i < 3; i++) {
            Sobol.Indices x = ix.get(i);
            assertThat(s[i])
                    .as("S%d in [%f, %f]", i + 1, x.firstLo(), x.firstHi())
                    .isBetween(x.firstLo(), x.firstHi());
            assertThat(st[i])
                    .as("ST%d in [%f, %f]", i + 1, x.totalLo(), x.totalHi())
                    .isBetween(x.totalLo(), x.totalHi());
            assertThat(x.firstHi() - x.firstLo()).isLessThan(0.1);
            assertThat(x.totalHi() - x.totalLo()).isLessThan(0.1);
            assertThat(x.first()).isCloseTo(s[i], org.assertj.core.data.Offset.offset(0.03));
            assertThat(x.total()).isCloseTo(st[i], org.assertj.core.data.Offset.offset(0.03));
        }
    }

    /** y = x1 + 2 x2 + 3 x3 on [0, 1]^3: S_i = ST_i = a_i^2 / sum a^2 = 1/14, 4/14, 9/14. */
    static double linear(double[] u) {
        return u[0] + 2 * u[1] + 3 * u[2];
    }

    @Test
    void linearModelIndicesAreItsSquaredWeights() {
        List<Sobol.Indices> ix = Sobol.indices(evaluate(Sobol.design(3, 1024, 1), SobolTest::linear), 3, 7);
        double[] exact = {1 / 14.0, 4 / 14.0, 9 / 14.0};
        for (int i = 0; i < 3; i++) {
            Sobol.Indices x = ix.get(i);
            assertThat(exact[i]).isBetween(x.firstLo(), x.firstHi());
            assertThat(exact[i]).isBetween(x.totalLo(), x.totalHi());
        }
    }

    /** A key the function ignores has both indices exactly 0, with the interval [0, 0]. */
    @Test
    void anIgnoredKeyHasZeroIndices() {
        List<Sobol.Indices> ix = Sobol.indices(evaluate(Sobol.design(2, 64, 1), u -> 5 * u[0] * u[0]), 2, 1);
        Sobol.Indices none = ix.get(1);
        assertThat(List.of(none.first(), none.firstLo(), none.firstHi(), none.total(), none.totalLo(), none.totalHi()))
                .containsOnly(0.0);
        assertThat(ix.get(0).total()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
    }

    /**
     * The intervals' coverage: over 200 seeds of independent uniform samples (the estimators do not
     * care how the rows were drawn), the 95% intervals of the linear model's indices hold the exact
     * values in at least 90% of them (a percentile bootstrap under-covers a little at small N).
     */
    @Test
    void intervalsCoverTheExactIndicesOverSeeds() {
        int seeds = 200;
        int n = 256;
        int k = 3;
        double[] exact = {1 / 14.0, 4 / 14.0, 9 / 14.0};
        int[] coveredFirst = new int[k];
        int[] coveredTotal = new int[k];
        for (int seed = 0; seed < seeds; seed++) {
            MersenneTwister random = new MersenneTwister(seed);
            double[][] design = new double[n * (k + 2)][];
            for (int j = 0; j < n; j++) {
                double[] a = new double[k];
                double[] b = new double[k];
                for (int i = 0; i < k; i++) {
                    a[i] = random.nextDouble();
                    b[i] = random.nextDouble();
                }
                design[j * (k + 2)] = a;
                design[j * (k + 2) + 1] = b;
                for (int i = 0; i < k; i++) {
                    double[] ab = a.clone();
                    ab[i] = b[i];
                    design[j * (k + 2) + 2 + i] = ab;
                }
            }
            List<Sobol.Indices> ix = Sobol.indices(evaluate(design, SobolTest::linear), k, 1000 + seed);
            for (int i = 0; i < k; i++) {
                Sobol.Indices x = ix.get(i);
                coveredFirst[i] += exact[i] >= x.firstLo() && exact[i] <= x.firstHi() ? 1 : 0;
                coveredTotal[i] += exact[i] >= x.totalLo() && exact[i] <= x.totalHi() ? 1 : 0;
            }
        }
        for (int i = 0; i < k; i++) {
            assertThat(coveredFirst[i]).as("first order, key %d", i).isGreaterThanOrEqualTo(180);
            assertThat(coveredTotal[i]).as("total order, key %d", i).isGreaterThanOrEqualTo(180);
        }
    }

    @Test
    void designRefusesTooFewSamplesAndValuesOfTheWrongLength() {
        assertThatThrownBy(() -> Sobol.design(2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sobol.indices(new double[7], 2, 1))
                .hasMessageContaining("7 values are not a Sobol design of 2 keys");
    }

    /**
     * At small N no row of A shares a key's value with the same row of B (which would make AB_i
     * equal A and tell nothing of key i): the first points of a plain Sobol sequence do, the shifted
     * ones do not.
     */
    @Test
    void smallDesignsDoNotRepeatAKeyBetweenAAndB() {
        for (int k = 1; k <= 6; k++) {
            double[][] d = Sobol.design(k, 8, 1);
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < k; i++) {
                    assertThat(d[j * (k + 2)][i]).isNotEqualTo(d[j * (k + 2) + 1][i]);
                }
            }
        }
    }

    /** A, B and AB_i: AB_i is A with column i from B, and the rows of A and B differ. */
    @Test
    void designRowsAreSaltellis() {
        double[][] d = Sobol.design(3, 8, 1);
        for (int j = 0; j < 8; j++) {
            double[] a = d[j * 5];
            double[] b = d[j * 5 + 1];
            for (int i = 0; i < 3; i++) {
                double[] ab = d[j * 5 + 2 + i];
                for (int c = 0; c < 3; c++) {
                    assertThat(ab[c]).isEqualTo(c == i ? b[c] : a[c]);
                }
            }
        }
    }
}
