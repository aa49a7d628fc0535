package org.scoresim.engine;

import java.util.Collection;

/**
 * Picks an index with given weights from one uniform in constant time and without branches to
 * mispredict (Walker's alias method, built by Vose's algorithm in {@link Plan#alias}).
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
        Plan.alias(w, prob, alias, 0);
    }

    /** The index for a uniform u in [0, 1). */
    int pick(double u) {
        double x = u * n;
        int k = Math.min((int) x, n - 1);
        int self = (int) (Double.doubleToRawLongBits((x - k) - prob[k]) >>> 63); // x - k < prob[k], without a branch
        return alias[k] + self * (k - alias[k]);
    }
}
