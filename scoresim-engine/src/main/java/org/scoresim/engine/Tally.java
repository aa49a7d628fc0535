package org.scoresim.engine;

/**
 * Integer counters of one or many households: per (year, attribute cell, metric slot), plus the
 * national year-end score histogram. Merging adds counters, so it is associative, commutative and
 * exact: threads, Spark partitions and resumed chunks combine alike (ARCHITECTURE.md).
 *
 * <p>The kernel writes only to cells; breakdowns by attribute value and national figures are
 * marginals taken afterwards ({@link Results}). People in the default state (no attributed event
 * ever) are counted once per person-year in {@code DEFAULT_*} slots and expanded at the end.
 */
public final class Tally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final Layout layout;
    final long[] counts; // [(year * cells + cell) * width + slot]
    final long[] scoreHist; // [year * bins + bin]
    long households;
    long people;

    Tally(Layout layout) {
        this.layout = layout;
        this.counts = new long[layout.years * layout.cells * layout.width];
        this.scoreHist = new long[layout.years * layout.bins];
    }

    public static Tally empty(Plan plan) {
        return new Tally(new Layout(plan));
    }

    int base(int year, int cell) {
        return (year * layout.cells + cell) * layout.width;
    }

    /** Adds another tally of the same plan. */
    public Tally merge(Tally other) {
        if (other.counts.length != counts.length || other.scoreHist.length != scoreHist.length) {
            throw new IllegalArgumentException("tallies of different plans");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < scoreHist.length; i++) {
            scoreHist[i] += other.scoreHist[i];
        }
        households += other.households;
        people += other.people;
        return this;
    }

    /** National totals per (year, slot), default state not expanded: for variance groups. */
    long[] national() {
        int w = layout.width;
        long[] out = new long[layout.years * w];
        for (int y = 0; y < layout.years; y++) {
            for (int c = 0; c < layout.cells; c++) {
                int b = base(y, c);
                for (int k = 0; k < w; k++) {
                    out[y * w + k] += counts[b + k];
                }
            }
        }
        return out;
    }

    public long households() {
        return households;
    }

    public long people() {
        return people;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tally t && java.util.Arrays.equals(counts, t.counts)
                && java.util.Arrays.equals(scoreHist, t.scoreHist) && households == t.households && people == t.people;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }

    /** Where each metric lives inside a cell's block of counters. */
    static final class Layout implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int years;
        final int cells;
        final int bins;
        final int binLow; // score of bin 0's lower edge
        final int population = 0;
        final int defaultAdult = 1;
        final int defaultChild = 2;
        final int lockedIn = 3;
        final int offences;
        final int detected;
        final int misattributed;
        final int fined;
        final int tierEnd;
        final int sanctioned;
        final int sanctionedNew;
        final int sanctionedEnd;
        final int wrongful;
        final int childrenAffected;
        final int blocked;
        final int listedEnd;
        final int listedNew;
        final int delisted;
        final int everListed;
        final int width;

        Layout(Plan p) {
            years = p.years;
            cells = p.cells;
            binLow = Math.floorDiv(p.scoreMin, 10) * 10;
            bins = Math.floorDiv(p.scoreMax, 10) - Math.floorDiv(p.scoreMin, 10) + 1;
            int at = 4;
            offences = at;
            at += p.behaviours;
            detected = at;
            at += p.behaviours;
            misattributed = at;
            at += p.behaviours;
            fined = at;
            at += p.behaviours;
            tierEnd = at;
            at += p.tierNames.length;
            sanctioned = at;
            at += p.measures;
            sanctionedNew = at;
            at += p.measures;
            sanctionedEnd = at;
            at += p.measures;
            wrongful = at;
            at += p.measures;
            childrenAffected = at;
            at += p.measures;
            blocked = at;
            at += p.modes;
            listedEnd = at;
            at += p.lists;
            listedNew = at;
            at += p.lists;
            delisted = at;
            at += p.lists;
            everListed = at;
            at += p.lists;
            width = at;
        }
    }
}
