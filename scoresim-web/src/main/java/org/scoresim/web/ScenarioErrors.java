package org.scoresim.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

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

    static List<Map<String, Object>> of(ScenarioException e) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : e.problems()) {
            list.add(entry(p.line(), p.column(), p.path(), p.message()));
        }
        return list;
    }

    /** Parses, or throws a 400 whose body lists every problem. */
    static Scenario parse(String yaml, String fileName) {
        try {
            return ScenarioParser.parse(yaml, fileName);
        } catch (ScenarioException e) {
            throw new HttpError(400, e.getMessage(), of(e));
        }
    }
}
