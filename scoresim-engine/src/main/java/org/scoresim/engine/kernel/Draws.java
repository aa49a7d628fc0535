package org.scoresim.engine.kernel;

import org.scoresim.model.Limits;

/**
 * The map of a household's random draws (docs/MODEL-NOTES.md, "The draw map"): every purpose and
 * slot the kernel draws from, in one place, so that no two draws of a household share a number.
 *
 * <p>A draw is 64 bits of one <em>slot</em> of one <em>key</em> of the household's stream
 * ({@link RandomStream#bits}, or the 53 high bits of them, {@link RandomStream#uniform}); some draws
 * use the 64 bits as two 32-bit halves ({@link RandomStream#high}, {@link RandomStream#low}) for
 * two things. A key is (person, year, purpose, index), packed by {@link #pack} into 64 bits without
 * overlap, then mixed. The families:
 *
 * <table>
 *   <caption>Purposes, keys and slots</caption>
 *   <tr><th>purpose</th><th>key (person, year, index)</th><th>slots</th></tr>
 *   <tr><td>{@link #COMPOSE}</td><td>(0, 0, 0)</td><td>{@link #SIZE}: adults (high half), children
 *       (low half); {@link #householdAttribute}(a) = 1 + a: household attribute a (high half)</td></tr>
 *   <tr><td>{@link #PERSON}</td><td>(p, 0, 0)</td><td>with na attributes and nb behaviours:
 *       {@link #personAttribute}(a) = a / 2 (half a % 2), in [0, na/2); {@link #frailty}(b) = na + b,
 *       in [na, na + nb); {@link #count}(b) = na + nb + b / 2 (half b % 2), in
 *       [na + nb, na + nb + nb/2); {@link #incomingCount} = na + 2 nb</td></tr>
 *   <tr><td>{@link #POINTS}</td><td>(p, 0, b)</td><td>slot i: event i of behaviour b (year and
 *       instant from the high half, detection mark from the low half)</td></tr>
 *   <tr><td>{@link #LARGE_COUNT}</td><td>(p, 0, b), b &lt;= nb</td><td>the whole family: one Poisson
 *       draw (PTRS, slots 0, 1, ...) of a count too large to tabulate; index nb: misattributed events
 *       received</td></tr>
 *   <tr><td>{@link #DETECTED}</td><td>(p, 0, {@link #detectedIndex}(b, i))</td><td>own detected
 *       event i of b: {@link #detection}(j), {@link #falseMatch}(j) for the behaviour's detection
 *       entry j; {@link #listStay}(l)</td></tr>
 *   <tr><td>{@link #INCOMING_EVENT}</td><td>(p, 0, i)</td><td>misattributed event i received:
 *       {@link #EVENT_TIME}, {@link #EVENT_PAIR} (behaviour and channel); {@link #listStay}(l)</td></tr>
 *   <tr><td>{@link #TRAVEL}</td><td>(p, y, mode)</td><td>the whole family: one Poisson draw of the
 *       year's blocked purchases of the mode</td></tr>
 * </table>
 *
 * <p>The slots of an event key: detection entries 0 to 18 at 2 .. 39 (two each), list stays at
 * 40 .. 71 (one per list, {@link Limits#MAX_LISTS} lists), detection entries from 19 on after them,
 * at 72 .. 161 ({@link Limits#MAX_DETECTIONS} entries). Entries 19 and later once drew from the
 * list stays' slots; the first 19 keep the slots they always had, so no scenario with fewer than 20
 * detection entries on a behaviour draws differently. {@code DrawMapTest} enumerates every draw
 * of a household at the validator's largest counts and checks that no two share a slot of a key.
 */
final class Draws {
    private Draws() {}

    // purposes: the key's purpose byte
    static final int COMPOSE = 2;
    static final int PERSON = 3;
    static final int TRAVEL = 9;
    static final int POINTS = 21;
    static final int LARGE_COUNT = 22;
    static final int DETECTED = 23;
    static final int INCOMING_EVENT = 25;

    // the fields of a key: bits 56..63 the person, 48..55 and 39 the year, 40..47 the purpose,
    // 0..38 the index (the year's ninth bit sits above the index, so keys of years below 256 are
    // those of the earlier 8-bit year field)
    static final int PERSON_SHIFT = 56;
    static final int YEAR_SHIFT = 48;
    static final int YEAR_HIGH_SHIFT = 39;
    static final int PURPOSE_SHIFT = 40;
    static final int PERSONS = 1 << 8;
    static final int YEARS = 1 << 9;
    static final int PURPOSES = 1 << 8;
    static final long INDICES = 1L << 39;

    /** The key fields packed without overlap: injective for person, year, purpose and index below their bounds. */
    static long pack(int person, int year, int purpose, long index) {
        return ((long) person << PERSON_SHIFT)
                | ((long) (year & 0xFF) << YEAR_SHIFT)
                | ((long) (year >>> 8) << YEAR_HIGH_SHIFT)
                | ((long) purpose << PURPOSE_SHIFT)
                | index;
    }

    // COMPOSE
    /** The household's size: adults from the high half, children from the low half. */
    static final int SIZE = 0;

    /** Household attribute a (those of population.household_attributes; province and setting by default), high half. */
    static int householdAttribute(int a) {
        return 1 + a;
    }

    // PERSON
    /** Personal attribute a: the high half of this slot for even a, the low half for odd a. */
    static int personAttribute(int a) {
        return a >> 1;
    }

    /** Frailty of behaviour b, for a count too large to tabulate (na attributes). */
    static int frailty(int attributes, int b) {
        return attributes + b;
    }

    /** The count of behaviour b over all years: high half for even b, low half for odd b. */
    static int count(int attributes, int behaviours, int b) {
        return attributes + behaviours + (b >> 1);
    }

    /** The count of misattributed events received over all years. */
    static int incomingCount(int attributes, int behaviours) {
        return attributes + 2 * behaviours;
    }

    // DETECTED
    /** The index of own event i of behaviour b. */
    static long detectedIndex(int b, int i) {
        return ((long) b << 32) | i;
    }

    /** Detection entries whose slots lie before the list stays. */
    static final int EARLY_ENTRIES = 19;

    /** The first slot of the list stays of an event key. */
    static final int LIST_STAY = 2 + 2 * EARLY_ENTRIES;

    /** The first slot of the detection entries from {@link #EARLY_ENTRIES} on. */
    static final int LATE_DETECTION = LIST_STAY + Limits.MAX_LISTS;

    /** The slot deciding whether a behaviour's detection entry j registers a detected event. */
    static int detection(int entry) {
        return entry < EARLY_ENTRIES ? 2 + 2 * entry : LATE_DETECTION + 2 * (entry - EARLY_ENTRIES);
    }

    /** The slot deciding whether detection entry j named the wrong person. */
    static int falseMatch(int entry) {
        return detection(entry) + 1;
    }

    /** The slot of the stay on list l that an attributed event starts (own or received). */
    static int listStay(int list) {
        return LIST_STAY + list;
    }

    // INCOMING_EVENT
    /** A received event's year and instant. */
    static final int EVENT_TIME = 0;

    /** A received event's (behaviour, channel) pair. */
    static final int EVENT_PAIR = 1;
}
