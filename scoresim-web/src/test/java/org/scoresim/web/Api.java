package org.scoresim.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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

    /** A request as the dashboard's own page sends it: its Origin is the server's. */
    HttpRequest.Builder fromThePage(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Origin", base);
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(fromThePage(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send(fromThePage(path).DELETE());
    }

    /** An answer read off the socket: status, headers (names in lower case) and the body as sent. */
    record Raw(int status, Map<String, String> headers, String body) {}

    /**
     * A request written by hand on a socket to 127.0.0.1, with the Host header given (java.net.http
     * sends only the Host of its URI).
     */
    Raw raw(String method, String path, String host, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dashboard.port())) {
            socket.setSoTimeout(60_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answerHeaders.put(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, answer.substring(end + 4));
        }
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
