package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** A dashboard on a free port with its own runs directory, and a plain java.net.http client for it. */
final class Api implements AutoCloseable {
    static final Path SCENARIOS = Paths.get("..", "scenarios").toAbsolutePath().normalize();

    final Dashboard dashboard;
    final String base;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, String body) {
        JsonNode json() {
            return JsonText.read(body);
        }
    }

    /** The wall clock of the test server: runs are created and finish at this instant. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-01-02T03:04:05Z");

    Api(Path runs, int concurrent, int queue) {
        Settings s = Settings.of("127.0.0.1", 0, runs, SCENARIOS, "test")
                .withQueue(concurrent, queue)
                .withThreads(1)
                .withClock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        dashboard = Dashboard.start(s);
        base = "http://127.0.0.1:" + dashboard.port();
    }

    Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Starts a run and returns its id. */
    String start(String body) throws IOException, InterruptedException {
        Reply r = post("/api/runs", body);
        if (r.status() != 202) {
            throw new AssertionError("POST /api/runs answered " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asText();
    }

    /** Waits until a run has finished and returns its status object. */
    JsonNode await(String id) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            JsonNode s = get("/api/runs/" + id).json();
            String status = s.get("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not finish in 120 s");
    }

    @Override
    public void close() {
        dashboard.close();
    }
}
