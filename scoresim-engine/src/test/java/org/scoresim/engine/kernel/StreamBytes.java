package org.scoresim.engine.kernel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the random stream as the kernel keys it to standard output, as raw 64-bit words (little
 * endian), for a test battery such as dieharder ({@code dieharder -a -g 200}) or PractRand
 * ({@code RNG_test stdin64}); docs/MODEL-NOTES.md, "The generator". Layouts:
 * <ul>
 *   <li>{@code households}: the first draw of every household's first key (households 0, 1, 2, ...),
 *       the stream across consecutive household keys;</li>
 *   <li>{@code events}: the first draw of consecutive event keys of one person
 *       ({@link Draws#DETECTED}, event 0, 1, 2, ...);</li>
 *   <li>{@code slots}: consecutive slots of one key.</li>
 * </ul>
 * Arguments: the layout, then optionally the seed (1) and the number of words (unbounded).
 */
public final class StreamBytes {
    private StreamBytes() {}

    public static void main(String[] args) throws IOException {
        String layout = args.length > 0 ? args[0] : "households";
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        long words = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        byte[] buffer = new byte[8];
        RandomStream rng = new RandomStream(seed);
        rng.household(0);
        long key = rng.key(0, 0, Draws.PERSON, 0);
        for (long i = 0; i < words; i++) {
            long bits = word(layout, rng, key, i);
            for (int b = 0; b < 8; b++) {
                buffer[b] = (byte) (bits >>> (8 * b));
            }
            out.write(buffer);
            if (System.out.checkError()) {
                return; // the reader has had enough
            }
        }
        out.flush();
    }

    /** Word i of a layout. */
    static long word(String layout, RandomStream rng, long key, long i) {
        switch (layout) {
            case "households" -> {
                rng.household(i);
                return RandomStream.bits(rng.key(0, 0, Draws.COMPOSE, 0), Draws.SIZE);
            }
            case "events" -> {
                return RandomStream.bits(rng.key(0, 0, Draws.DETECTED, Draws.detectedIndex(0, (int) i)), 2);
            }
            case "slots" -> {
                return RandomStream.bits(key, (int) i);
            }
            default -> throw new IllegalArgumentException("layout: households, events or slots, got " + layout);
        }
    }
}
