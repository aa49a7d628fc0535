package org.scoresim.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request the API refuses: the status and a JSON body with {@code error} (and {@code errors}). */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient List<Map<String, Object>> errors;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    HttpError(int status, String message, List<Map<String, Object>> errors) {
        super(message);
        this.status = status;
        this.errors = errors;
    }

    static HttpError notFound(String what) {
        return new HttpError(404, what);
    }

    /** A 400 about one field of a request (not a scenario line): line and column 0. */
    static HttpError badField(String path, String message) {
        return new HttpError(400, path + ": " + message, List.of(ScenarioErrors.entry(0, 0, path, message)));
    }

    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", getMessage());
        if (errors != null) {
            m.put("errors", errors);
        }
        return m;
    }
}
