package org.scoresim.engine;

/**
 * Some chunks of a run, simulated: their merged tally and their variance groups' national totals,
 * what a task of a distributed engine sends back. Chunks and groups are the {@link Runner}'s, which
 * depend only on the plan, and a chunk's national totals are those Runner.run adds to its group, so
 * partial runs that cover every chunk once merge, in any grouping and order, into exactly the
 * Results of the local engine (integer sums; MODEL.md 8).
 */
public final class PartialRun implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final Tally tally;
    private final long[][] groups = new long[Runner.GROUPS][];
    private int chunks;

    /** No chunks yet. */
    public PartialRun(Plan plan) {
        this.tally = Tally.empty(plan);
    }

    /** Simulates chunk {@code i} of the plan ({@link Runner#simulateChunk}) and adds it. */
    public PartialRun simulate(Plan plan, int i) {
        Runner chunking = new Runner(plan, 1);
        if (i < 0 || i >= chunking.chunks()) {
            throw new IllegalArgumentException("chunk " + i + " of " + chunking.chunks());
        }
        Tally t = Runner.simulateChunk(plan, chunking.chunkStart(i), chunking.chunkEnd(i));
        add(groups, chunking.groupOf(i), t.national());
        tally.merge(t);
        chunks++;
        return this;
    }

    /** Adds another partial run of the same plan (other chunks). */
    public PartialRun merge(PartialRun other) {
        for (int g = 0; g < groups.length; g++) {
            if (other.groups[g] != null) {
                add(groups, g, other.groups[g]);
            }
        }
        tally.merge(other.tally);
        chunks += other.chunks;
        return this;
    }

    private static void add(long[][] groups, int g, long[] national) {
        if (groups[g] == null) {
            groups[g] = national.clone();
            return;
        }
        for (int k = 0; k < national.length; k++) {
            groups[g][k] += national[k];
        }
    }

    /** Chunks simulated. */
    public int chunks() {
        return chunks;
    }

    /** People simulated times the plan's years. */
    public long personYears(Plan plan) {
        return tally.people * plan.years;
    }

    /** The merged tally. */
    public Tally tally() {
        return tally;
    }

    /**
     * The run's results, once every chunk is in.
     *
     * @throws IllegalStateException when chunks are missing (or counted twice)
     */
    public Results results(Plan plan, double seconds, String engine) {
        int expected = new Runner(plan, 1).chunks();
        if (chunks != expected) {
            throw new IllegalStateException("merged " + chunks + " chunks of " + expected);
        }
        return new Results(plan, tally, groups, seconds, engine);
    }
}
