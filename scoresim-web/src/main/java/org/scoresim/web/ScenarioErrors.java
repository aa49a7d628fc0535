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
    private ScenarioErrors() {}

    static Map<String, Object> entry(int line, int column, String path, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", line);
        m.put("column", column);
        m.put("path", path == null ? "" : path);
        m.put("message", message);
        return m;
    }

    /** The problems of the text parsed as {@code fileName}; one in its base also names the base's file. */
    static List<Map<String, Object>> of(ScenarioException e, String fileName) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : e.problems()) {
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
