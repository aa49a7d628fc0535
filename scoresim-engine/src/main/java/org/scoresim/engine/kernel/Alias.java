package org.scoresim.engine.kernel;

import java.util.Collection;

/**
 * Picks an index with given weights from one uniform in constant time and without branches to
 * mispredict (Walker's alias method, built by Vose's algorithm).
 */
final class Alias {
    private final double[] prob;
    private final int[] alias;
    private final int n;

    Alias(Collection<Double> weights) {
        n = weights.size();
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        prob = new double[n];
        alias = new int[n];
        build(w, prob, alias, 0);
    }

    /** The index for a uniform u in [0, 1). */
    int pick(double u) {
        double x = u * n;
        int k = Math.min((int) x, n - 1);
        int self = (int) (Double.doubleToRawLongBits((x - k) - prob[k]) >>> 63); // x - k < prob[k], without a branch
        return alias[k] + self * (k - alias[k]);
    }

    /**
     * Vose's alias table of the weights (uniform when they are all 0): picking column k uniformly,
     * then k with probability {@code prob[k]}, else {@code alias[k]}, picks i with probability
     * weight i / total.
     */
    static void build(double[] weights, double[] prob, int[] alias, int offset) {
        int n = weights.length;
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = total > 0 ? weights[i] * n / total : 1.0;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int l = small[--ns];
            int g = large[--nl];
            prob[offset + l] = scaled[l];
            alias[offset + l] = g;
            scaled[g] = scaled[g] + scaled[l] - 1.0;
            if (scaled[g] < 1.0) {
                small[ns++] = g;
            } else {
                large[nl++] = g;
            }
        }
        while (nl > 0) {
            int g = large[--nl];
            prob[offset + g] = 1.0;
            alias[offset + g] = g;
        }
        while (ns > 0) { // rounding leftovers
            int l = small[--ns];
            prob[offset + l] = 1.0;
            alias[offset + l] = l;
        }
    }
}
