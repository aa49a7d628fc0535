package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.Sim;

/**
 * The kernel walks a chunk's households along the sample's Weyl sequence as integers
 * ({@link RandomStream#sampleLimit}): it must pick exactly the households {@link Kernel#sampled}
 * picks, and simulate them as one by one.
 */
class SampleRangeTest {
    static final double[] FRACTIONS = {1e-9, 0.001, 0.01, 0.25, 0.3, 0.5, 0.999, 1 - 0x1p-53};

    @Test
    void theIntegerTestIsTheUniformsTestAtItsEdges() {
        for (double f : FRACTIONS) {
            long limit = RandomStream.sampleLimit(f);
            for (long d = -5000; d <= 5000; d += 1) {
                long bits = limit + d;
                boolean byUniform = (bits >>> 11) * 0x1.0p-53 < f;
                assertThat(Long.compareUnsigned(bits, limit) < 0)
                        .as("fraction %s, bits %x", f, bits)
                        .isEqualTo(byUniform);
            }
            assertThat(Long.compareUnsigned(0L, limit) < 0)
                    .as("the smallest uniform is in, f = %s", f)
                    .isTrue();
            assertThat(Long.compareUnsigned(-1L, limit) < 0)
                    .as("the largest is out, f = %s", f)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.05, 0.5})
    void aRangeSimulatesTheSampledHouseholdsOneByOne(double fraction) {
        Plan plan = Sim.plan(Sim.resource("scenarios/minimal.yaml"), 3, fraction);
        RandomStream rng = new RandomStream(plan.seed);
        long limit = RandomStream.sampleLimit(fraction);
        Kernel byRange = new Kernel(plan);
        Kernel oneByOne = new Kernel(plan);
        Tally a = Tally.empty(plan);
        Tally b = Tally.empty(plan);
        long from = 123_457;
        long to = from + 200_000;
        byRange.simulate(from, to, a, () -> false);
        long sampled = 0;
        for (long h = from; h < to; h++) {
            boolean in = oneByOne.sampled(h);
            assertThat(Long.compareUnsigned(rng.sampleBits(h), limit) < 0).isEqualTo(in);
            sampled += in ? 1 : 0;
            oneByOne.simulate(h, b);
        }
        assertThat(a).isEqualTo(b);
        assertThat(a.households()).isEqualTo(sampled).isPositive();
    }
}
