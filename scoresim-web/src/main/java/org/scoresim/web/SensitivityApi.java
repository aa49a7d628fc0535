package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sensitivity analyses in the runs folder ({@code scoresim sensitivity --out runs/NAME}): each a
 * folder holding {@code sensitivity.json}. {@code GET /api/sensitivity} lists them ({@code [{id,
 * scenario, method, years, samples, replications, runs, keys, metrics}]}, newest first); {@code
 * GET /api/sensitivity/{id}} answers one's {@code sensitivity.json} as the command wrote it. The
 * id is a folder name checked as run ids are: it never leaves the runs folder.
 */
final class SensitivityApi {
    static final String FILE = "sensitivity.json";

    /** A file larger than this is not one the command wrote. */
    static final long MAX_BYTES = 8L << 20;

    private final Path root;

    SensitivityApi(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void routes(Javalin app) {
        app.get("/api/sensitivity", ctx -> Dashboard.json(ctx, list()));
        app.get("/api/sensitivity/{id}", this::one);
    }

    private List<Map<String, Object>> list() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(d -> RunsDirectory.validId(d.getFileName().toString()))
                    .filter(d -> Files.isRegularFile(d.resolve(FILE)))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString())
                            .reversed())
                    .toList();
        }
        for (Path d : dirs) {
            JsonNode n = read(d.resolve(FILE));
            if (n == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.getFileName().toString());
            m.put("scenario", n.path("scenario").asText());
            m.put("method", n.path("method").asText());
            m.put("years", n.path("years").path("label").asText());
            m.put("samples", n.path("samples").asInt());
            m.put("replications", n.path("replications").asInt());
            m.put("runs", n.path("runs").path("total").asInt());
            List<String> keys = new ArrayList<>();
            n.path("factors").forEach(f -> keys.add(f.path("key").asText()));
            m.put("keys", keys);
            List<String> metrics = new ArrayList<>();
            n.path("outputs").forEach(o -> metrics.add(o.path("metric").asText()));
            m.put("metrics", metrics);
            out.add(m);
        }
        return out;
    }

    private void one(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        if (!RunsDirectory.validId(id)) {
            throw HttpError.notFound("no sensitivity analysis '" + id + "'");
        }
        Path file = root.resolve(id).normalize().resolve(FILE);
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw HttpError.notFound("no sensitivity analysis '" + id + "'");
        }
        JsonNode n = read(file);
        if (n == null) {
            throw HttpError.notFound("no readable sensitivity analysis '" + id + "'");
        }
        Dashboard.json(ctx, n);
    }

    /** The file's JSON; null when it is too large or not JSON (a half-written or foreign file). */
    private static JsonNode read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return null;
            }
            return JsonText.COMPACT.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }
}
