package org.scoresim.model;

/** The range a number of a scenario must lie in, named as the messages name it. */
enum Bound {
    ANY("a number"),
    NON_NEGATIVE("a number >= 0"),
    POSITIVE("a number > 0"),
    /** Probabilities, coverage, enforcement, deterrence (docs/MODEL.md sections 3, 4, 6). */
    UNIT("a number in [0, 1]"),
    /** {@code false_match}: a channel that misattributes every detection would attribute nothing to the offender. */
    BELOW_ONE("a number in [0, 1)");

    final String expected;

    Bound(String expected) {
        this.expected = expected;
    }

    boolean accepts(double v) {
        return switch (this) {
            case ANY -> true;
            case NON_NEGATIVE -> v >= 0;
            case POSITIVE -> v > 0;
            case UNIT -> v >= 0 && v <= 1;
            case BELOW_ONE -> v >= 0 && v < 1;
        };
    }
}
