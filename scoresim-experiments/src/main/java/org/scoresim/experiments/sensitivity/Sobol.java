package org.scoresim.experiments.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Sobol indices by Saltelli sampling. A Sobol sequence of dimension 2k gives N rows; its first k
 * columns are the matrix A, its last k the matrix B, and AB_i is A with column i taken from B. The
 * model is evaluated at the rows of A, B and every AB_i: N (k + 2) evaluations, laid out row by row
 * ({@link #design}). With V the variance of f over the rows of A and B together:
 *
 * <ul>
 *   <li>first order (Saltelli et al. 2010, eq. (b) of table 2): S_i = mean(f(B) (f(AB_i) - f(A))) / V;
 *   <li>total order (Jansen 1999): ST_i = mean((f(A) - f(AB_i))^2) / (2 V).
 * </ul>
 *
 * The values are centred on their mean first (which changes neither index in expectation, and
 * keeps the first-order estimator's variance down). Both come with percentile bootstrap 95%
 * intervals over the N rows, resampled with replacement.
 */
public final class Sobol {
    /** Bootstrap resamples for the intervals. */
    public static final int RESAMPLES = 1000;

    /** One key's indices and their bootstrap 95% intervals. */
    public record Indices(double first, double firstLo, double firstHi, double total, double totalLo, double totalHi) {}

    private Sobol() {}

    /** Evaluations per row of the design for k keys: A, B and k rows AB_i. */
    public static int perRow(int k) {
        return k + 2;
    }

    /**
     * The N (k + 2) points in [0, 1]^k, row by row: A_j, B_j, AB_j^1, ..., AB_j^k. The sequence's
     * first point (all zeros) is skipped, and every dimension is shifted by its own random amount
     * modulo 1 (a Cranley-Patterson rotation drawn from {@code seed}): without it, the first few
     * points of a Sobol sequence repeat coordinates across dimensions (the first is 0.5 in every
     * one), so that at small N a row of A and of B share a key's value and AB_i equals A, telling
     * nothing of key i.
     */
    public static double[][] design(int k, int n, long seed) {
        if (k < 1 || n < 2) {
            throw new IllegalArgumentException(
                    "a Sobol design needs a key and 2 samples or more, got " + k + " and " + n);
        }
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.nextVector();
        RandomGenerator random = new MersenneTwister(seed);
        double[] shift = new double[2 * k];
        for (int d = 0; d < shift.length; d++) {
            shift[d] = random.nextDouble();
        }
        double[][] a = new double[n][];
        double[][] b = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] v = sobol.nextVector();
            for (int d = 0; d < v.length; d++) {
                v[d] = (v[d] + shift[d]) % 1.0;
            }
            a[j] = Arrays.copyOfRange(v, 0, k);
            b[j] = Arrays.copyOfRange(v, k, 2 * k);
        }
        // B's rows in a random order: each half of the sequence stays evenly spread, but a row of B
        // is no longer tied to the same row of A (at small N the dimensions of a Sobol sequence are
        // strongly correlated, which biases f(A) - f(AB_i))
        for (int j = n - 1; j > 0; j--) {
            int r = random.nextInt(j + 1);
            double[] t = b[j];
            b[j] = b[r];
            b[r] = t;
        }
        double[][] points = new double[n * perRow(k)][];
        for (int j = 0; j < n; j++) {
            int row = j * perRow(k);
            points[row] = a[j];
            points[row + 1] = b[j];
            for (int i = 0; i < k; i++) {
                double[] ab = a[j].clone();
                ab[i] = b[j][i];
                points[row + 2 + i] = ab;
            }
        }
        return points;
    }

    /**
     * The indices of each of k keys from the model's values at the {@link #design} points (in its
     * order), with bootstrap intervals drawn from {@code seed}. NaN when the output does not vary at all.
     */
    public static List<Indices> indices(double[] f, int k, long seed) {
        int n = f.length / perRow(k);
        if (n * perRow(k) != f.length || n < 2) {
            throw new IllegalArgumentException(f.length + " values are not a Sobol design of " + k + " keys");
        }
        // centred first: the first-order estimator multiplies raw values, and a large mean beside a
        // small spread (counts in the millions varying by a few percent) would swamp it with noise
        double centre = 0;
        for (double x : f) {
            centre += x;
        }
        centre /= f.length;
        double[] g = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            g[i] = f[i] - centre;
        }
        f = g;
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        double[][] point = estimate(f, k, all);
        RandomGenerator random = new MersenneTwister(seed);
        double[][][] boot = new double[RESAMPLES][][];
        int[] rows = new int[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int j = 0; j < n; j++) {
                rows[j] = random.nextInt(n);
            }
            boot[b] = estimate(f, k, rows);
        }
        List<Indices> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] first = new double[RESAMPLES];
            double[] total = new double[RESAMPLES];
            for (int b = 0; b < RESAMPLES; b++) {
                first[b] = boot[b][0][i];
                total[b] = boot[b][1][i];
            }
            out.add(new Indices(
                    point[0][i],
                    percentile(first, 0.025),
                    percentile(first, 0.975),
                    point[1][i],
                    percentile(total, 0.025),
                    percentile(total, 0.975)));
        }
        return out;
    }

    /** First-order and total-order estimates of every key over the given rows (a row may repeat). */
    static double[][] estimate(double[] f, int k, int[] rows) {
        int n = rows.length;
        int w = perRow(k);
        double sum = 0;
        for (int j : rows) {
            sum += f[j * w] + f[j * w + 1];
        }
        double mean = sum / (2.0 * n);
        double ss = 0;
        for (int j : rows) {
            double a = f[j * w] - mean;
            double b = f[j * w + 1] - mean;
            ss += a * a + b * b;
        }
        double v = ss / (2.0 * n);
        double[] first = new double[k];
        double[] total = new double[k];
        for (int i = 0; i < k; i++) {
            double s1 = 0;
            double st = 0;
            for (int j : rows) {
                double fa = f[j * w];
                double fb = f[j * w + 1];
                double fab = f[j * w + 2 + i];
                s1 += fb * (fab - fa);
                st += (fa - fab) * (fa - fab);
            }
            first[i] = v > 0 ? s1 / n / v : Double.NaN;
            total[i] = v > 0 ? st / (2.0 * n) / v : Double.NaN;
        }
        return new double[][] {first, total};
    }

    /** The p-quantile of the values (linear between order statistics); NaN when any is NaN. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        for (double x : s) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
        }
        Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
