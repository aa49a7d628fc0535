package org.scoresim.model;

/**
 * One problem found in a scenario file: where it is and what was expected.
 *
 * @param file the file's name as given by the user
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the key path, such as {@code behaviours.jaywalking.rate} or {@code scoring.tiers[2].min}
 * @param message what is wrong and what was expected
 */
public record Problem(String file, int line, int column, String path, String message) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
