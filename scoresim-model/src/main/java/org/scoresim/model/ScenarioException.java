package org.scoresim.model;

import java.util.List;
import java.util.Locale;

/**
 * A scenario file that cannot be used: the problems found in it, in file order. A file with more
 * than {@link #MAX_LISTED} problems lists its first ones, and {@link #total()} says how many there are.
 */
public final class ScenarioException extends Exception {
    /** Problems listed at most; the others of a file are counted, not kept. */
    public static final int MAX_LISTED = 100;

    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final int total;

    public ScenarioException(List<Problem> problems) {
        this(problems, problems.size());
    }

    /** The problems listed, out of {@code total} found (at least as many as listed). */
    public ScenarioException(List<Problem> problems, int total) {
        super(message(problems, Math.max(total, problems.size())));
        this.problems = List.copyOf(problems);
        this.total = Math.max(total, problems.size());
    }

    private static String message(List<Problem> problems, int total) {
        return String.format(Locale.ROOT, "%,d", total) + (total == 1 ? " problem" : " problems") + " in "
                + (problems.isEmpty() ? "scenario" : problems.get(0).file());
    }

    /** The problems listed, in file order: all of them, or the first {@link #MAX_LISTED}. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found, listed or not. */
    public int total() {
        return total;
    }
}
