package org.scoresim.model;

/**
 * A scenario's name made into a name for a folder or file: a name is free text ({@code name:
 * "../../x"}, {@code /tmp/x}, control characters), and the runs made from it must stay in the
 * folder they are written to. Letters, digits, '.', '_' and '-' are kept; any other run of
 * characters becomes one '_'; the name starts with a letter or digit (no hidden file, nothing read
 * as an option), holds no "..", and is at most {@link #MAX} characters. The bundled scenarios'
 * names are kept as they are.
 */
public final class FolderName {
    /** Characters at most: room for a timestamp and a suffix within any file system's 255. */
    public static final int MAX = 64;

    private FolderName() {}

    /** The folder name for {@code name}; {@code fallback} (a plain word) when nothing of it is left. */
    public static String of(String name, String fallback) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "_");
        s = s.replaceAll("\\.{2,}", ".").replaceAll("^[^A-Za-z0-9]+", "");
        if (s.length() > MAX) {
            s = s.substring(0, MAX);
        }
        s = s.replaceAll("[._-]+$", "");
        return s.isEmpty() ? fallback : s;
    }
}
