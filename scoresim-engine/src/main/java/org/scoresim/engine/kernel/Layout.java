package org.scoresim.engine.kernel;

import java.util.EnumMap;
import java.util.Map;
import org.scoresim.model.Metric;

/**
 * Where each {@link Metric} lives in a block of counters: one block per (cell, year) in a
 * {@link Tally}, one per year in national totals. The blocks follow {@link Metric#all()}, each as
 * wide as the metric has items, so a new metric gets its place here without an edit. Sanctions and
 * rewards are both measures to the kernel, which counts them by measure bit (sanctions first, then
 * rewards): a sanction metric's block is as wide as all measures, and its reward twin reads the
 * part after the sanctions.
 */
public final class Layout implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    /** Reward metrics and the sanction metric whose measure-wide block they share. */
    private static final Map<Metric, Metric> TWIN = Map.of(
            Metric.REWARDED,
            Metric.SANCTIONED,
            Metric.REWARDED_NEW,
            Metric.SANCTIONED_NEW,
            Metric.REWARDED_END,
            Metric.SANCTIONED_END);

    final int years;
    final int cells;
    final int bins;
    final int binLow; // score of bin 0's lower edge
    final int tiers;
    final int behaviours;
    final int sanctions;
    final long[] plainMask; // Plan.plainMask
    final long blocking; // Plan.blockingMeasures
    private final Map<Metric, Integer> offset = new EnumMap<>(Metric.class);
    private final Map<Metric, Integer> items = new EnumMap<>(Metric.class);
    final int width;
    // the offsets the kernel writes to, by name
    final int population;
    final int lockedIn;
    final int travelBanned;
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

    Layout(Plan p) {
        years = p.years;
        cells = p.cells;
        binLow = Math.floorDiv(p.scoreMin, 10) * 10;
        bins = Math.floorDiv(p.scoreMax, 10) - Math.floorDiv(p.scoreMin, 10) + 1;
        tiers = p.tierNames.length;
        behaviours = p.behaviours;
        sanctions = p.sanctions;
        plainMask = p.plainMask;
        blocking = p.blockingMeasures;
        int at = 0;
        for (Metric m : Metric.all()) {
            int n = switch (m.items()) {
                case NONE -> 1;
                case BEHAVIOURS -> p.behaviours;
                case TIERS -> p.tierNames.length;
                case SANCTIONS -> p.sanctions;
                case REWARDS -> p.measures - p.sanctions;
                case MODES -> p.modes;
                case LISTS -> p.lists;
            };
            items.put(m, n);
            if (TWIN.containsKey(m)) {
                continue;
            }
            offset.put(m, at);
            at += m.items() == Metric.Items.SANCTIONS ? p.measures : n;
        }
        TWIN.forEach((reward, sanction) -> offset.put(reward, offset.get(sanction) + p.sanctions));
        width = at;
        population = offset(Metric.POPULATION);
        lockedIn = offset(Metric.LOCKED_IN);
        travelBanned = offset(Metric.TRAVEL_BANNED);
        offences = offset(Metric.OFFENCES);
        detected = offset(Metric.DETECTED);
        misattributed = offset(Metric.MISATTRIBUTED);
        fined = offset(Metric.FINES);
        tierEnd = offset(Metric.TIER_END);
        sanctioned = offset(Metric.SANCTIONED);
        sanctionedNew = offset(Metric.SANCTIONED_NEW);
        sanctionedEnd = offset(Metric.SANCTIONED_END);
        wrongful = offset(Metric.WRONGFUL);
        childrenAffected = offset(Metric.CHILDREN_AFFECTED);
        blocked = offset(Metric.BLOCKED);
        listedEnd = offset(Metric.LISTED_END);
        listedNew = offset(Metric.LISTED_NEW);
        delisted = offset(Metric.DELISTED);
        everListed = offset(Metric.EVER_LISTED);
    }

    /** The first counter of a metric inside a block. */
    int offset(Metric m) {
        return offset.get(m);
    }

    /** The counter of (metric, item index) inside a block. */
    public int slot(Metric m, int item) {
        if (item < 0 || item >= items.get(m)) {
            throw new IndexOutOfBoundsException("item " + item + " of " + m + ", which has " + items.get(m));
        }
        return offset.get(m) + item;
    }

    /** Counters per block. */
    public int width() {
        return width;
    }

    /** Bins of the score histogram, 10 points wide. */
    public int bins() {
        return bins;
    }

    /** The lower edge of the first score-histogram bin. */
    public int binLow() {
        return binLow;
    }

    /** The first counter of (cell, year) in a tally's cell counters. */
    public int base(int year, int cell) {
        return (cell * years + year) * width;
    }
}
