package org.scoresim.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a reference page's Markdown tables whose first header cell is a given word (such as
 * {@code key} or {@code metric}), as trimmed cells, header and separator left out: how the docs/
 * pages keep their tables machine-readable, so that tests can hold them to the code.
 */
final class ReferenceTables {
    /** The project's docs/ folder, beside scenarios/. */
    static final Path DOCS = Fixtures.SCENARIOS.resolveSibling("docs");

    private ReferenceTables() {}

    static List<List<String>> rows(Path page, String firstHeader) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        boolean wanted = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (!t.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(t);
            if (!inTable) {
                inTable = true;
                wanted = !cells.isEmpty() && cells.get(0).equals(firstHeader);
            } else if (wanted && !cells.get(0).matches("-+")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The cells of a table row; an escaped bar ({@code \|}) stays inside its cell. */
    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::trim).toList();
    }

    /** The text of a cell that is one code span, without its backquotes; null for any other cell. */
    static String code(String cell) {
        return cell.matches("`[^`]+`") ? cell.substring(1, cell.length() - 1) : null;
    }
}
