package org.scoresim.engine.run;

import org.scoresim.engine.kernel.Tally;

/**
 * The national totals of each variance group of a run (see {@link Chunks#groupOf}) and its sampled
 * households, added up as chunks finish, in any order, from any thread: integer sums, so the
 * result is exact. A group's vector is {@link Tally#national()} followed by the households.
 */
final class VarianceGroups implements java.io.Serializable {
    private static final long serialVersionUID = 2L;

    private final long[][] totals = new long[Chunks.GROUPS][];

    /** What a tally adds to its group: its national totals, then its households. */
    static long[] of(Tally tally) {
        return org.scoresim.engine.results.Results.groupTotals(tally);
    }

    /** Adds national totals to group g. */
    synchronized void add(int g, long[] national) {
        if (totals[g] == null) {
            totals[g] = new long[national.length];
        }
        for (int k = 0; k < national.length; k++) {
            totals[g][k] += national[k];
        }
    }

    /** Adds the difference {@code after - before} (one chunk of a worker's running tally) to group g. */
    synchronized void addDifference(int g, long[] after, long[] before) {
        if (totals[g] == null) {
            totals[g] = new long[after.length];
        }
        for (int k = 0; k < after.length; k++) {
            totals[g][k] += after[k] - before[k];
        }
    }

    /** Adds another run's groups. */
    synchronized void add(VarianceGroups other) {
        for (int g = 0; g < totals.length; g++) {
            if (other.totals[g] != null) {
                add(g, other.totals[g]);
            }
        }
    }

    /** Each group's totals, null for a group without chunks (a copy). */
    synchronized long[][] totals() {
        long[][] copy = new long[totals.length][];
        for (int g = 0; g < totals.length; g++) {
            copy[g] = totals[g] == null ? null : totals[g].clone();
        }
        return copy;
    }
}
