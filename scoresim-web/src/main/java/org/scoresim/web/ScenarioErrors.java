package org.scoresim.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;

/** Scenario text to a {@link Scenario}, or to the parser's problems as JSON (the CLI's messages, field by field). */
final class ScenarioErrors {
    /**
     * Problems listed in an answer: a megabyte of unknown keys has a hundred thousand, and listing
     * them all made answers twenty times the size of the text. The first ones are what a person
     * fixes; the parser keeps only those, and counts the rest ({@link ScenarioException#total()}).
     */
    static final int SHOWN = ScenarioException.MAX_LISTED;

    /** Characters kept of a problem's path or message, which may quote a key or value of any length. */
    static final int TEXT = 500;

    private ScenarioErrors() {}

    static Map<String, Object> entry(int line, int column, String path, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", line);
        m.put("column", column);
        m.put("path", path == null ? "" : clip(path));
        m.put("message", clip(message));
        return m;
    }

    private static String clip(String text) {
        if (text.length() <= TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(TEXT - 1)) ? TEXT - 1 : TEXT;
        return text.substring(0, end) + "...";
    }

    /**
     * The first {@value #SHOWN} problems of the text parsed as {@code fileName} (the exception's
     * message counts them all); one in its base also names the base's file.
     */
    static List<Map<String, Object>> of(ScenarioException e, String fileName) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : e.problems().subList(0, Math.min(SHOWN, e.problems().size()))) {
            Map<String, Object> m = entry(p.line(), p.column(), p.path(), p.message());
            if (!p.file().equals(fileName)) {
                m.put("file", p.file());
            }
            list.add(m);
        }
        return list;
    }

    /** Parses (a base among the bundled scenarios), or throws a 400 whose body lists every problem. */
    static Scenario parse(String yaml, String fileName, BundledScenarios bundled) {
        try {
            return bundled.read(yaml, fileName);
        } catch (ScenarioException e) {
            throw new HttpError(400, e.getMessage(), of(e, fileName));
        }
    }
}
