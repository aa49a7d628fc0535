package org.scoresim.engine.kernel;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * Individual frailty of a behaviour: Gamma with shape k and mean 1 (docs/MODEL.md section 3), drawn
 * by inverting its distribution function from one uniform. The inverse is tabulated once per
 * behaviour (Commons Math computes the table) so that the per-person draw is a table look-up and
 * a linear interpolation, allocation-free: 4096 points on u in [0, 1 - 2^-8) and 2048 points on
 * -log2(1-u) in [8, 40] for the upper tail, where the repeat offenders are.
 */
final class Frailty {
    private static final int BODY = 4096;
    private static final int TAIL = 2048;
    private static final double BODY_END = 1.0 - 1.0 / 256;
    private static final double TAIL_START = 8;
    private static final double TAIL_END = 40;
    private static final double BODY_SCALE = BODY / BODY_END;

    private final double[] body = new double[BODY + 1];
    private final double[] tail = new double[TAIL + 1];

    Frailty(double shape) {
        GammaDistribution g = new GammaDistribution(null, shape, 1.0 / shape, 1e-12);
        for (int i = 0; i <= BODY; i++) {
            double u = BODY_END * i / BODY;
            body[i] = i == 0 ? 0.0 : g.inverseCumulativeProbability(u);
        }
        for (int i = 0; i <= TAIL; i++) {
            double t = TAIL_START + (TAIL_END - TAIL_START) * i / TAIL;
            tail[i] = g.inverseCumulativeProbability(1.0 - Math.pow(2, -t));
        }
    }

    double quantile(double u) {
        if (u < BODY_END) {
            double x = u * BODY_SCALE;
            int i = (int) x;
            double w = x - i;
            return body[i] + w * (body[i + 1] - body[i]);
        }
        double t = -Math.log(1.0 - u) / Math.log(2);
        double x = (Math.min(t, TAIL_END) - TAIL_START) / (TAIL_END - TAIL_START) * TAIL;
        int i = Math.min((int) x, TAIL - 1);
        double w = x - i;
        return tail[i] + w * (tail[i + 1] - tail[i]);
    }
}
