package org.scoresim.experiments.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007), for screening many keys
 * with few runs. Each of r trajectories starts at a random point of a grid of {@value #LEVELS}
 * levels per key in [0, 1] and moves one key at a time, in a random order, by
 * {@code DELTA} = L / (2 (L - 1)) (up where it can, else down): k + 1 points per trajectory. A key's
 * elementary effect is (f(after) - f(before)) / (+-DELTA), in units of the output per whole range;
 * mu* is the mean of their absolute values (with a bootstrap 95% interval over trajectories), mu
 * their mean and sigma their standard deviation (high: the key interacts or acts non-linearly).
 */
public final class Morris {
    /** Grid levels per key. */
    public static final int LEVELS = 4;

    /** The step, as a share of the range. */
    public static final double DELTA = LEVELS / (2.0 * (LEVELS - 1));

    /** One key's effects. */
    public record Effects(double muStar, double muStarLo, double muStarHi, double mu, double sigma) {}

    private Morris() {}

    /** The r (k + 1) points in [0, 1]^k, trajectory by trajectory, drawn from {@code seed}. */
    public static double[][] design(int k, int r, long seed) {
        if (k < 1 || r < 2) {
            throw new IllegalArgumentException(
                    "a Morris design needs a key and 2 trajectories or more, got " + k + " and " + r);
        }
        RandomGenerator random = new MersenneTwister(seed);
        double[][] points = new double[r * (k + 1)][];
        for (int t = 0; t < r; t++) {
            double[] x = new double[k];
            for (int i = 0; i < k; i++) {
                x[i] = random.nextInt(LEVELS) / (double) (LEVELS - 1);
            }
            int[] order = new int[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = order[i];
                order[i] = order[j];
                order[j] = s;
            }
            int row = t * (k + 1);
            points[row] = x.clone();
            for (int s = 0; s < k; s++) {
                int i = order[s];
                x[i] = x[i] + DELTA <= 1 + 1e-12 ? x[i] + DELTA : x[i] - DELTA;
                points[row + s + 1] = x.clone();
            }
        }
        return points;
    }

    /** The effects of each of k keys from the model's values at the {@link #design} points (in its order). */
    public static List<Effects> effects(double[][] design, double[] f, int k, long seed) {
        int r = f.length / (k + 1);
        if (r * (k + 1) != f.length || design.length != f.length || r < 2) {
            throw new IllegalArgumentException(f.length + " values are not a Morris design of " + k + " keys");
        }
        double[][] ee = new double[k][r];
        for (int t = 0; t < r; t++) {
            int row = t * (k + 1);
            for (int s = 0; s < k; s++) {
                double[] before = design[row + s];
                double[] after = design[row + s + 1];
                for (int i = 0; i < k; i++) {
                    double step = after[i] - before[i];
                    if (step != 0) {
                        ee[i][t] = (f[row + s + 1] - f[row + s]) / step;
                    }
                }
            }
        }
        RandomGenerator random = new MersenneTwister(seed);
        List<Effects> out = new ArrayList<>();
        double[][] boot = new double[k][Sobol.RESAMPLES];
        for (int b = 0; b < Sobol.RESAMPLES; b++) {
            int[] rows = new int[r];
            for (int t = 0; t < r; t++) {
                rows[t] = random.nextInt(r);
            }
            for (int i = 0; i < k; i++) {
                double sum = 0;
                for (int t : rows) {
                    sum += Math.abs(ee[i][t]);
                }
                boot[i][b] = sum / r;
            }
        }
        for (int i = 0; i < k; i++) {
            double abs = 0;
            double sum = 0;
            for (double e : ee[i]) {
                abs += Math.abs(e);
                sum += e;
            }
            double mu = sum / r;
            double ss = 0;
            for (double e : ee[i]) {
                ss += (e - mu) * (e - mu);
            }
            out.add(new Effects(
                    abs / r,
                    Sobol.percentile(boot[i], 0.025),
                    Sobol.percentile(boot[i], 0.975),
                    mu,
                    Math.sqrt(ss / (r - 1))));
        }
        return out;
    }
}
