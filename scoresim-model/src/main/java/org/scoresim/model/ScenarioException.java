package org.scoresim.model;

import java.util.List;

/** A scenario file that cannot be used: every problem found in it, in file order. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                + (problems.isEmpty() ? "scenario" : problems.get(0).file()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
