package org.scoresim.cli;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Text from a scenario or the command line, made safe to print on a terminal: a name may hold an
 * escape sequence that would recolour, move the cursor, retitle the window or hide what follows.
 * Control characters (C0, DEL, C1), Unicode format characters (bidirectional overrides, zero-width
 * characters) and line or paragraph separators are shown escaped, as {@code \x1b} or {@code \u202e};
 * every other character is printed as it is.
 */
final class ConsoleText {
    private ConsoleText() {}

    static String of(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePoints().noneMatch(ConsoleText::unsafe)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                b.appendCodePoint(c);
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.append(String.format("\\u%04x", c));
            }
        });
        return b.toString();
    }

    static String of(Path path) {
        return of(String.valueOf(path));
    }

    /**
     * A path as a closing line names it: relative to the current directory when it lies inside it
     * ({@code runs/minimal-20261129-033905}), else as it is; escaped like {@link #of(Path)}.
     */
    static String place(Path path) {
        Path here = Paths.get("").toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return of(p.startsWith(here) && !p.equals(here) ? here.relativize(p) : path);
    }

    private static boolean unsafe(int c) {
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE; // a lone half of a pair
    }
}
