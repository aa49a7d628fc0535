package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleWalk} jumps from sampled household to sampled household by the three gaps of the
 * Weyl sequence: it must find exactly the households the one-by-one test finds, for any seed,
 * fraction and range.
 */
class SampleWalkTest {
    static final double[] FRACTIONS = {
        1e-9, 1e-6, 0.001, 0.00137, 0.01, 0.05, 0.25, 0.3, 0.5, 0.61, 0.999, 1 - 0x1p-53, 1
    };

    @Test
    void theJumpsFindEverySampledHouseholdAndNoOther() {
        for (long seed : new long[] {1, 2, 42, -7, 123_456_789}) {
            RandomStream rng = new RandomStream(seed);
            for (double f : FRACTIONS) {
                SampleWalk walk = new SampleWalk(f);
                long limit = RandomStream.sampleLimit(f);
                long from = Math.floorMod(seed * 7919, 1_000_003) + 17;
                long to = from + (f < 1e-5 ? 300_000 : 2_000_000);
                List<Long> expected = new ArrayList<>();
                for (long h = from; h < to; h++) {
                    if (f >= 1 || Long.compareUnsigned(rng.sampleBits(h), limit) < 0) {
                        expected.add(h);
                    }
                }
                List<Long> found = new ArrayList<>();
                for (long h = walk.first(rng, from, to); h < to; h = walk.next(h, rng.sampleBits(h), to)) {
                    found.add(h);
                }
                assertThat(found).as("seed %s, fraction %s", seed, f).isEqualTo(expected);
            }
        }
    }

    @Test
    void aRangeEndingRightAfterASampledHouseholdStopsThere() {
        RandomStream rng = new RandomStream(3);
        SampleWalk walk = new SampleWalk(0.01);
        long h = walk.first(rng, 0, Long.MAX_VALUE);
        assertThat(walk.next(h, rng.sampleBits(h), h + 1)).isEqualTo(h + 1);
        assertThat(walk.first(rng, h + 1, h + 1)).isEqualTo(h + 1);
    }
}
