package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A smoke test of the random stream as the kernel keys it (docs/MODEL-NOTES.md, "The generator"),
 * not a certification: across consecutive households, consecutive event keys and consecutive slots
 * of one key, the bytes are uniform (chi-square over 256 values), every one of the 64 bits is set
 * half the time, and consecutive words are uncorrelated (as uniforms, and bit by bit between
 * neighbours). Critical values at 10^-6: a good generator fails once in a million seeds.
 */
class RandomStreamTest {
    private static final int WORDS = 1 << 18;
    private static final double ALPHA = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"households", "events", "slots"})
    void theStreamLooksUniformAndIndependent(String layout) {
        RandomStream rng = new RandomStream(1);
        rng.household(0);
        long key = rng.key(0, 0, Draws.PERSON, 0);
        long[] w = new long[WORDS];
        for (int i = 0; i < WORDS; i++) {
            w[i] = StreamBytes.word(layout, rng, key, i);
        }
        // bytes: chi-square with 255 degrees of freedom
        long[] bytes = new long[256];
        for (long x : w) {
            for (int b = 0; b < 8; b++) {
                bytes[(int) ((x >>> (8 * b)) & 0xFF)]++;
            }
        }
        double expected = WORDS * 8 / 256.0;
        double chi = 0;
        for (long n : bytes) {
            chi += (n - expected) * (n - expected) / expected;
        }
        assertThat(chi).as("bytes").isLessThan(new ChiSquaredDistribution(255).inverseCumulativeProbability(1 - ALPHA));
        // each bit set half the time, and equal to the same bit of the next word half the time
        double z = new NormalDistribution().inverseCumulativeProbability(1 - ALPHA / 2 / 128);
        double sd = Math.sqrt(WORDS * 0.25);
        for (int bit = 0; bit < 64; bit++) {
            long ones = 0;
            long same = 0;
            for (int i = 0; i < WORDS; i++) {
                ones += (w[i] >>> bit) & 1;
                if (i + 1 < WORDS) {
                    same += 1 - (((w[i] ^ w[i + 1]) >>> bit) & 1);
                }
            }
            assertThat(Math.abs(ones - WORDS / 2.0) / sd).as("bit %d set", bit).isLessThan(z);
            assertThat(Math.abs(same - (WORDS - 1) / 2.0) / sd)
                    .as("bit %d as the next word's", bit)
                    .isLessThan(z);
        }
        // serial correlation of the uniforms, lags 1 to 3: about normal with sd 1 / sqrt(n)
        double[] u = new double[WORDS];
        for (int i = 0; i < WORDS; i++) {
            u[i] = (w[i] >>> 11) * 0x1.0p-53 - 0.5;
        }
        double zc = new NormalDistribution().inverseCumulativeProbability(1 - ALPHA / 2 / 3);
        for (int lag = 1; lag <= 3; lag++) {
            double sum = 0;
            for (int i = 0; i + lag < WORDS; i++) {
                sum += u[i] * u[i + lag];
            }
            double r = sum / (WORDS - lag) / (1.0 / 12);
            assertThat(Math.abs(r) * Math.sqrt(WORDS))
                    .as("correlation at lag %d", lag)
                    .isLessThan(zc);
        }
    }
}
