package org.scoresim.experiments.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scoresim.experiments.sweep.SweepStatistics.Output;

/**
 * The indices of an analysis, from each run's value of each output. A point's value is the mean
 * over its replications. With two replications or more, the replications also give the noise
 * floor: the part of the output's variance that the runs' own randomness could explain. For Sobol
 * indices it is the mean variance between replications of a point, divided by R (the mean's
 * variance) and by the variance of the output over the design; an index whose interval reaches
 * down to it cannot be told from noise. (With common random numbers the noise of two points is
 * correlated, which makes the true floor lower still: this one is on the safe side.) For Morris it
 * is the mean absolute elementary effect that noise alone would give.
 */
public final class SensitivityResults {
    /** The years reported: one year, or a span summed or averaged. */
    public record Years(int from, int to, boolean mean) {
        public String label() {
            return from == to ? Integer.toString(from) : from + ".." + to + (mean ? " mean" : " sum");
        }
    }

    /** A key's Sobol indices for an output; {@code noiseFloor} null with one replication. */
    public record SobolEntry(String key, Output output, Sobol.Indices indices, Double noiseFloor) {
        /** Whether the first-order interval reaches down to the noise floor (false without one). */
        public boolean firstWithinNoise() {
            return noiseFloor != null && !(indices.firstLo() > noiseFloor);
        }

        /** Whether the total-order interval reaches down to the noise floor (false without one). */
        public boolean totalWithinNoise() {
            return noiseFloor != null && !(indices.totalLo() > noiseFloor);
        }
    }

    /** A key's Morris effects for an output, in the output's units per whole range. */
    public record MorrisEntry(String key, Output output, Morris.Effects effects, Double noiseFloor) {
        public boolean withinNoise() {
            return noiseFloor != null && !(effects.muStarLo() > noiseFloor);
        }
    }

    /** Per output: the mean and the standard deviation of its point values over the design. */
    public record Spread(Output output, double mean, double sd) {}

    private final List<SobolEntry> sobol;
    private final List<MorrisEntry> morris;
    private final List<Spread> spreads;

    private SensitivityResults(List<SobolEntry> sobol, List<MorrisEntry> morris, List<Spread> spreads) {
        this.sobol = List.copyOf(sobol);
        this.morris = List.copyOf(morris);
        this.spreads = List.copyOf(spreads);
    }

    /** Sobol entries, output by output, keys in the design's order; empty for Morris. */
    public List<SobolEntry> sobol() {
        return sobol;
    }

    /** Morris entries, output by output; empty for Sobol. */
    public List<MorrisEntry> morris() {
        return morris;
    }

    public List<Spread> spreads() {
        return spreads;
    }

    /**
     * The indices of every output: {@code values} gives, per output, each point's values over the
     * replications ({@code [point][replication]}). Bootstrap resamples are drawn from {@code seed}.
     */
    public static SensitivityResults compute(SensitivityDesign design, Map<Output, double[][]> values, long seed) {
        List<SobolEntry> sobol = new ArrayList<>();
        List<MorrisEntry> morris = new ArrayList<>();
        List<Spread> spreads = new ArrayList<>();
        int k = design.factors().size();
        for (Map.Entry<Output, double[][]> e : values.entrySet()) {
            double[][] v = e.getValue();
            double[] f = new double[v.length];
            double noise = 0;
            int reps = v.length == 0 ? 0 : v[0].length;
            for (int p = 0; p < v.length; p++) {
                f[p] = mean(v[p]);
                noise += variance(v[p]);
            }
            noise /= v.length;
            spreads.add(new Spread(e.getKey(), mean(f), Math.sqrt(variance(f))));
            if (design.method() == SensitivityDesign.Method.SOBOL) {
                List<Sobol.Indices> ix = Sobol.indices(f, k, seed);
                Double floor = null;
                if (reps >= 2) {
                    double var = abVariance(f, k);
                    floor = var > 0 ? noise / reps / var : null;
                }
                for (int i = 0; i < k; i++) {
                    sobol.add(new SobolEntry(design.factors().get(i).key(), e.getKey(), ix.get(i), floor));
                }
            } else {
                List<Morris.Effects> fx = Morris.effects(design.unit(), f, k, seed);
                // |N(0, 2 s^2 / R)| has mean sqrt(2 s^2 / R) sqrt(2 / pi); an effect divides by DELTA
                Double floor = reps >= 2 ? Math.sqrt(2 * noise / reps) * Math.sqrt(2 / Math.PI) / Morris.DELTA : null;
                for (int i = 0; i < k; i++) {
                    morris.add(new MorrisEntry(design.factors().get(i).key(), e.getKey(), fx.get(i), floor));
                }
            }
        }
        return new SensitivityResults(sobol, morris, spreads);
    }

    /** The variance of f over the rows of A and B (divisor 2N, as the estimators use it). */
    static double abVariance(double[] f, int k) {
        int w = Sobol.perRow(k);
        int n = f.length / w;
        double[] ab = new double[2 * n];
        for (int j = 0; j < n; j++) {
            ab[2 * j] = f[j * w];
            ab[2 * j + 1] = f[j * w + 1];
        }
        double m = mean(ab);
        double ss = 0;
        for (double x : ab) {
            ss += (x - m) * (x - m);
        }
        return ss / ab.length;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /** Sample variance (n - 1); 0 for fewer than two values. */
    static double variance(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss / (x.length - 1);
    }
}
