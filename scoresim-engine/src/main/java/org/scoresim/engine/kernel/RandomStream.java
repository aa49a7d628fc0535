package org.scoresim.engine.kernel;

/**
 * Counter-based random numbers (docs/MODEL.md section 8). A draw is a pure function of
 * (seed, household, person, year, purpose, index, slot): no generator state is carried from one
 * draw to the next, so any household, person or year can be re-simulated alone, in any order, on
 * any thread or machine, and skipping a draw never shifts another.
 *
 * <p>The mixing function is SplitMix64's finaliser (Steele, Lea and Flood 2014), applied to keys
 * built by adding odd constants: the slots 0, 1, 2, ... of one key are exactly the SplitMix64
 * sequence seeded with the key, which its authors report passes TestU01's BigCrush. The stream as
 * the kernel keys it has a smoke test here (RandomStreamTest) and a dieharder run on record, not a
 * BigCrush run (docs/MODEL-NOTES.md, "The generator"). Which draw uses which key and slot is
 * {@link Draws}.
 *
 * <p>Mutable only in the household key; one instance per worker thread.
 */
final class RandomStream {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long HOUSEHOLD_SALT = 0x632BE59BD9B4E019L;
    private static final long KEY_SALT = 0xD1B54A32D192ED03L;
    private static final double TO_UNIT = 0x1.0p-53;

    private final long seedKey;
    private final long sampleKey;
    private long householdKey;

    RandomStream(long seed) {
        this.seedKey = mix(seed ^ 0x5CEDC0DE5CEDC0DEL);
        this.sampleKey = mix(seedKey ^ 0x5A3D1E5A3D1E5A3DL);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Selects the household whose draws follow. */
    void household(long household) {
        householdKey = mix(seedKey + mix(household * GOLDEN + HOUSEHOLD_SALT));
    }

    /**
     * The key of one family of draws of the current household ({@link Draws}: the packing is
     * injective for person &lt; 256, year &lt; 512, purpose &lt; 256 and index &lt; 2^39).
     */
    long key(int person, int year, int purpose, long index) {
        return mix(householdKey + Draws.pack(person, year, purpose, index) * KEY_SALT);
    }

    /**
     * The number deciding whether a household is in a {@code --sample f}: the household is in
     * when this is below f. It is the fractional part of (seed key + household x golden ratio),
     * a Weyl sequence: one multiplication, because it is evaluated for every household of the
     * population, and evenly spread, so a sample holds close to f of every stretch of households.
     * Household indices carry no information (each household draws everything from its own
     * stream), so an even spread is an unbiased sample. Pure in (seed, household), hence nested.
     */
    double sampleUniform(long household) {
        return ((sampleKey + household * GOLDEN) >>> 11) * TO_UNIT;
    }

    /**
     * The Weyl sequence's term of household h before it is scaled: {@link #sampleUniform} is
     * {@code (sampleBits(h) >>> 11) * 2^-53}, and the term of h + 1 is this plus {@link #GOLDEN}.
     */
    long sampleBits(long household) {
        return sampleKey + household * GOLDEN;
    }

    /**
     * The integer form of the test {@code sampleUniform(h) < f} for 0 < f < 1: it holds exactly
     * when {@code sampleBits(h)}, unsigned, is below this. (j x 2^-53 < f for an integer j when j
     * is below ceil(f x 2^53), and j = bits >>> 11 is below that when bits is below it x 2^11.)
     */
    static long sampleLimit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            return -1L; // every household (unsigned: the largest value)
        }
        return ((long) Math.ceil(fraction * 0x1.0p53)) << 11;
    }

    /** 64 random bits of one slot of a key: two uniforms of 32 bits each, see {@link #high} and {@link #low}. */
    static long bits(long key, int slot) {
        return mix(key + (slot + 1L) * GOLDEN);
    }

    /** A uniform number in (0, 1) from the high 32 bits of {@link #bits}. */
    static double high(long bits) {
        return ((bits >>> 32) + 0.5) * 0x1.0p-32;
    }

    /** A uniform number in (0, 1) from the low 32 bits of {@link #bits}, independent of {@link #high}. */
    static double low(long bits) {
        return ((bits & 0xFFFFFFFFL) + 0.5) * 0x1.0p-32;
    }

    /** A uniform number in (0, 1), never 0 or 1. */
    static double uniform(long key, int slot) {
        return ((mix(key + (slot + 1L) * GOLDEN) >>> 11) + 0.5) * TO_UNIT;
    }
}
