package org.scoresim.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found so far in one file. docs/SCENARIO.md asks for all errors of a file at once, so
 * readers record a problem and carry on; {@link #sorted()} puts them back in file order.
 *
 * <p>Only the first {@link #KEPT} problems in file order are kept, the others are only counted:
 * a file of a million mistakes (a generated file, a wrong file) is reported in bounded memory and
 * time, and nobody reads past the first hundred messages anyway.
 */
final class Problems {
    /** Problems kept per file (the first in file order); {@link #total()} counts them all. */
    static final int KEPT = ScenarioException.MAX_LISTED;

    private final String file;
    /** The kept problems, the last in file order at the head, so that a better one replaces it. */
    private final PriorityQueue<Found> kept;

    private long found;
    private int total;

    /** A problem and when it was found, so that problems at one place keep the order they were found in. */
    private record Found(Problem problem, long order) {}

    Problems(String file) {
        this.file = file;
        this.kept = new PriorityQueue<>(fileOrder().reversed());
    }

    /** In file order: this file's problems first, then those of its bases by name; then as found. */
    private Comparator<Found> fileOrder() {
        return Comparator.comparing((Found f) -> !f.problem().file().equals(file))
                .thenComparing(f -> f.problem().file())
                .thenComparingInt(f -> f.problem().line())
                .thenComparingInt(f -> f.problem().column())
                .thenComparingLong(Found::order);
    }

    private void add(Problem p) {
        total = total == Integer.MAX_VALUE ? total : total + 1;
        Found f = new Found(p, found++);
        if (kept.size() < KEPT) {
            kept.add(f);
        } else if (before(f, kept.peek())) {
            kept.poll();
            kept.add(f);
        }
    }

    /** Whether {@code f} comes before {@code g} in file order (the queue's comparator is reversed). */
    private boolean before(Found f, Found g) {
        return kept.comparator().compare(f, g) > 0;
    }

    /** Whether a problem at this place would be kept: if not, its message need not be made. */
    private boolean wouldKeep(Problem p) {
        return kept.size() < KEPT || before(new Found(p, found), kept.peek());
    }

    /** A problem of the file as a whole (line 0: no position). */
    void file(String message) {
        add(new Problem(file, 0, 0, "", message));
    }

    String file() {
        return file;
    }

    /**
     * A problem at a place: in the file the mark names (its base, for a value a scenario takes from
     * its base; see {@link ScenarioParser#compose}), else in this file.
     */
    void at(Mark mark, String path, String message) {
        add(problem(mark, path, message));
    }

    /**
     * As {@link #at(Node, String, String)}, with a message made only if the problem is kept: for
     * problems a file can hold by the hundred thousand (unknown keys, whose message looks for the
     * closest known key).
     */
    void at(Node node, String path, Supplier<String> message) {
        Mark mark = node == null ? null : node.getStartMark();
        Problem p = problem(mark, path, "");
        if (wouldKeep(p)) {
            add(problem(mark, path, message.get()));
        } else {
            total = total == Integer.MAX_VALUE ? total : total + 1;
        }
    }

    private Problem problem(Mark mark, String path, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        String in = mark == null || mark.getName() == null ? file : mark.getName();
        return new Problem(in, line, column, path, message);
    }

    /** Takes over the problems found in another file (a base read for this one), and its count. */
    void addAll(Problems other) {
        for (Found f : other.kept) {
            add(f.problem());
        }
        int uncounted = other.total - other.kept.size();
        total = (int) Math.min(Integer.MAX_VALUE, (long) total + uncounted);
    }

    void at(Node node, String path, String message) {
        at(node == null ? null : node.getStartMark(), path, message);
    }

    /** A problem of a key path with no place in the file (an override on the command line). */
    void path(String path, String message) {
        add(new Problem(file, 0, 0, path, message));
    }

    /**
     * Adds {@code note} to the problems at {@code path} or inside it (a value given on the
     * command line rather than written in the file).
     */
    void annotate(String path, String note) {
        List<Found> all = new ArrayList<>(kept);
        kept.clear();
        for (Found f : all) {
            Problem p = f.problem();
            String q = p.path() == null ? "" : p.path();
            if (q.equals(path) || q.startsWith(path + ".") || q.startsWith(path + "[")) {
                p = new Problem(p.file(), p.line(), p.column(), p.path(), p.message() + note);
            }
            kept.add(new Found(p, f.order()));
        }
    }

    void at(int line, int column, String message) {
        add(new Problem(file, line, column, "", message));
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** Every problem found, kept or not. */
    int total() {
        return total;
    }

    /**
     * The kept problems in file order, this file's first, then those of its bases by name; problems
     * at the same place keep the order they were found in.
     */
    List<Problem> sorted() {
        List<Found> copy = new ArrayList<>(kept);
        copy.sort(fileOrder());
        return copy.stream().map(Found::problem).toList();
    }

    ScenarioException exception() {
        return new ScenarioException(sorted(), total);
    }
}
