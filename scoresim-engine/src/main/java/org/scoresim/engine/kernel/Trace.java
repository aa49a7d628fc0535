package org.scoresim.engine.kernel;

/**
 * Listens to one household's life as the kernel simulates it, for {@code explain}. Off (null) in
 * runs. Days are absolute: {@code year * 365 + day of year}, years counted from the first year.
 */
public interface Trace {
    /** A member of the household: adults come first. {@code cell} encodes the attributes. */
    void person(int person, boolean adult, int cell);

    /**
     * An event of a behaviour: the person's own (detected or not, attributed or not) or one
     * misattributed to them. {@code channel} is the first channel that detected it, or -1.
     * {@code scoreAfter} is the score after the event for attributed events, else the score then.
     */
    void event(
            int person,
            int year,
            double day,
            int behaviour,
            int channel,
            boolean detected,
            boolean misattributed,
            boolean attributed,
            int points,
            int scoreAfter);

    /** Entry on ({@code entered}) or exit from a list. */
    void list(int person, int year, double day, int list, boolean entered);

    /** The year-end state: score, tier, measures active at any instant and at the end, lists held. */
    void yearEnd(
            int person, int year, int score, int tier, long anyMeasures, long endMeasures, int lists, int[] blocked);
}
