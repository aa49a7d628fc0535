package org.scoresim.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of the project's docs/ pages that tests hold to the code: SQL blocks and table rows. */
final class ReferencePage {
    private static final Pattern SQL_BLOCK = Pattern.compile("^```sql\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

    private ReferencePage() {}

    static String read(String name) throws IOException {
        return Files.readString(Paths.get("..", "docs", name), StandardCharsets.UTF_8);
    }

    /** Every statement of the page's {@code ```sql} blocks, in order (statements end with ';' at a line's end). */
    static List<String> sqlStatements(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = SQL_BLOCK.matcher(page);
        while (m.find()) {
            for (String statement : m.group(1).split(";[ \\t]*(?:\\n|$)")) {
                if (!statement.isBlank()) {
                    out.add(statement.strip());
                }
            }
        }
        return out;
    }

    /** The cells of the rows of every table whose first header cell is {@code firstHeader}. */
    static List<List<String>> rows(String page, String firstHeader) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        boolean wanted = false;
        for (String line : page.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = Arrays.stream(t.substring(1, t.length() - 1).split("(?<!\\\\)\\|", -1))
                    .map(String::strip)
                    .toList();
            if (!inTable) {
                inTable = true;
                wanted = cells.get(0).equals(firstHeader);
            } else if (wanted && !cells.get(0).matches("-+")) {
                rows.add(cells);
            }
        }
        return rows;
    }
}
