package org.scoresim.engine.run;

import org.scoresim.engine.kernel.Plan;

/**
 * How a plan's households are cut into chunks, the unit of work of every engine, and how chunks
 * fall into variance groups. Both depend only on the plan (never on threads or machines), so any
 * engine merges the same chunks into the same results (docs/MODEL.md 8).
 */
public final class Chunks {
    /** Variance groups: contiguous, equal ranges of chunks. */
    public static final int GROUPS = 64;
    /** Sampled households per chunk at most (about). */
    private static final long MAX_CHUNK_WORK = 25_000;

    private final long households;
    private final long size;
    private final int count;

    public Chunks(Plan plan) {
        this(plan, MAX_CHUNK_WORK);
    }

    /** Chunks of about {@code work} sampled households at most (tests: many chunks of a small run). */
    Chunks(Plan plan, long work) {
        this.households = plan.households();
        this.size = size(plan, work);
        this.count = (int) ((households + size - 1) / size);
    }

    /** Households per chunk: at least 64 chunks when possible, each about {@code work} sampled households at most. */
    private static long size(Plan plan, long work) {
        long bySample = (long) Math.ceil(work / plan.sample());
        long byGroups = (plan.households() + GROUPS - 1) / GROUPS;
        return Math.max(1, Math.min(bySample, byGroups));
    }

    /** The number of chunks. */
    public int count() {
        return count;
    }

    /** The first household of chunk i. */
    public long start(int i) {
        return Math.min(households, i * size);
    }

    /** The household after the last of chunk i. */
    public long end(int i) {
        return Math.min(households, (i + 1) * size);
    }

    /** The variance group of chunk i. */
    public int groupOf(int i) {
        return (int) ((long) i * GROUPS / Math.max(1, count));
    }

    /** Throws IllegalArgumentException unless 0 <= i < count. */
    void check(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("chunk " + i + " of " + count);
        }
    }
}
