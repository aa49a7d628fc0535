package org.scoresim.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found so far in one file. docs/SCENARIO.md asks for all errors of a file at once, so
 * readers record a problem and carry on; {@link #sorted()} puts them back in file order.
 */
final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** A problem of the file as a whole (line 0: no position). */
    void file(String message) {
        found.add(new Problem(file, 0, 0, "", message));
    }

    String file() {
        return file;
    }

    /**
     * A problem at a place: in the file the mark names (its base, for a value a scenario takes from
     * its base; see {@link ScenarioParser#compose}), else in this file.
     */
    void at(Mark mark, String path, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        String in = mark == null || mark.getName() == null ? file : mark.getName();
        found.add(new Problem(in, line, column, path, message));
    }

    /** Takes over the problems found in another file (a base read for this one). */
    void addAll(Problems other) {
        found.addAll(other.found);
    }

    void at(Node node, String path, String message) {
        at(node == null ? null : node.getStartMark(), path, message);
    }

    /** A problem of a key path with no place in the file (an override on the command line). */
    void path(String path, String message) {
        found.add(new Problem(file, 0, 0, path, message));
    }

    /**
     * Adds {@code note} to the problems at {@code path} or inside it (a value given on the
     * command line rather than written in the file).
     */
    void annotate(String path, String note) {
        for (int i = 0; i < found.size(); i++) {
            Problem p = found.get(i);
            String q = p.path() == null ? "" : p.path();
            if (q.equals(path) || q.startsWith(path + ".") || q.startsWith(path + "[")) {
                found.set(i, new Problem(p.file(), p.line(), p.column(), p.path(), p.message() + note));
            }
        }
    }

    void at(int line, int column, String message) {
        found.add(new Problem(file, line, column, "", message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * In file order, this file's first, then those of its bases by name; problems at the same place
     * keep the order they were found in.
     */
    List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(found);
        copy.sort(Comparator.comparing((Problem p) -> !p.file().equals(file))
                .thenComparing(Problem::file)
                .thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column));
        return copy;
    }

    ScenarioException exception() {
        return new ScenarioException(sorted());
    }
}
