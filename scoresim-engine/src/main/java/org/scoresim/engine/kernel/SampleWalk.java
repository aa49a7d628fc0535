package org.scoresim.engine.kernel;

/**
 * The households of a {@code --sample f} in a range, found without looking at every household.
 * Household h is in the sample when the Weyl sequence's term {@code x(h) = sampleBits(h)} is below
 * the limit L, unsigned ({@link RandomStream#sampleLimit}), and {@code x(h + d) = x(h) + d G}.
 *
 * <p>By the three-gap theorem of the rotation of a circle (Slater 1950; N. B. Slater, "The
 * distribution of the integers N for which {θN} &lt; φ", Proc. Cambridge Phil. Soc. 46, 1950),
 * the gaps between consecutive visits of the interval [0, L) take at most three values: d1, the
 * first d &gt; 0 whose step {@code d G mod 2^64} moves forward by less than L, d2, the first whose
 * step moves back by less than L, and d1 + d2. (A return d must move by less than L either way,
 * so it is at least d1 or at least d2.) So from a sampled household the next one is found by
 * trying at most three steps, in increasing order, instead of testing each of the 1 / f
 * households in between: the sample loop of a 1% run tests three households per sampled one
 * instead of a hundred. SampleWalkTest checks it against the household-by-household test.
 */
final class SampleWalk {
    /** The steps are searched up to this many households; past it, households are tested one by one. */
    static final long SEARCH = 1L << 20;

    private final long limit;
    private final boolean all; // the whole population
    private final long[] gaps; // the return gaps, in increasing order (empty: test one by one)
    private final long[] steps; // gap x G

    SampleWalk(double fraction) {
        limit = RandomStream.sampleLimit(fraction);
        all = !(fraction < 1);
        long forward = 0;
        long backward = 0;
        if (fraction > 0 && fraction < 1) {
            long z = 0;
            for (long d = 1; d <= SEARCH && (forward == 0 || backward == 0); d++) {
                z += RandomStream.GOLDEN;
                if (forward == 0 && Long.compareUnsigned(z, limit) < 0) {
                    forward = d;
                }
                if (backward == 0 && Long.compareUnsigned(-z, limit) < 0) {
                    backward = d;
                }
            }
        }
        if (forward == 0 || backward == 0) {
            gaps = new long[0];
        } else {
            gaps = new long[] {Math.min(forward, backward), Math.max(forward, backward), forward + backward};
        }
        steps = new long[gaps.length];
        for (int i = 0; i < gaps.length; i++) {
            steps[i] = gaps[i] * RandomStream.GOLDEN;
        }
    }

    /** Whether the term x of the sequence is in the sample. */
    boolean in(long x) {
        return all || Long.compareUnsigned(x, limit) < 0;
    }

    /** The first household from h on (h itself included) in the sample, or {@code to} when none is before it. */
    long first(RandomStream rng, long h, long to) {
        long x = rng.sampleBits(h);
        while (h < to && !in(x)) {
            h++;
            x += RandomStream.GOLDEN;
        }
        return h;
    }

    /**
     * The next household after the sampled household h whose term is x, or {@code to} when none
     * is before it.
     */
    long next(long h, long x, long to) {
        for (int i = 0; i < gaps.length; i++) {
            if (h + gaps[i] >= to) {
                return to;
            }
            if (in(x + steps[i])) {
                return h + gaps[i];
            }
        }
        // one by one (no steps: a fraction too small to search, or the whole population)
        for (h++, x += RandomStream.GOLDEN; h < to; h++, x += RandomStream.GOLDEN) {
            if (in(x)) {
                return h;
            }
        }
        return to;
    }
}
