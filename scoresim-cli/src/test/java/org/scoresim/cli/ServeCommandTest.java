package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.web.Dashboard;
import picocli.CommandLine;

/** {@code scoresim serve} against {@code scoresim run} and {@code scoresim validate}: same numbers, same messages. */
class ServeCommandTest {
    static final Path HOME = Paths.get("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private String previousHome;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void home() {
        previousHome = System.getProperty("scoresim.home");
        System.setProperty("scoresim.home", HOME.toString());
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty("scoresim.home");
        } else {
            System.setProperty("scoresim.home", previousHome);
        }
    }

    private Dashboard serve(Path runs) {
        ServeCommand cmd = new ServeCommand(java.time.Clock.systemDefaultZone());
        new CommandLine(cmd).parseArgs("--port", "0", "--runs", runs.toString());
        return cmd.start();
    }

    private HttpResponse<String> get(Dashboard d, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(d.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as the README shows scripts sending it: with the server's own address as its Origin. */
    private HttpResponse<String> post(Dashboard d, String path, String body) throws Exception {
        return post(d, path, body, origin(d));
    }

    private HttpResponse<String> post(Dashboard d, String path, String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** http://127.0.0.1:PORT, the address the command prints without its closing slash. */
    private static String origin(Dashboard d) {
        return d.url().substring(0, d.url().length() - 1);
    }

    private String runAndWait(Dashboard d, String body) throws Exception {
        HttpResponse<String> r = post(d, "/api/runs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Json.mapper().readTree(r.body()).get("id").asText();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            String status = Json.mapper()
                    .readTree(get(d, "/api/runs/" + id).body())
                    .get("status")
                    .asText();
            if (status.equals("done")) {
                return id;
            }
            assertThat(status).isIn("queued", "running");
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    @Test
    void aRunOverHttpGivesTheSameSummaryAsScoresimRun() throws Exception {
        JsonNode http;
        try (Dashboard d = serve(tmp.resolve("runs"))) {
            String id = runAndWait(d, "{\"scenario\": \"minimal\", \"seed\": 7, \"sample\": 0.02}");
            http = Json.mapper().readTree(get(d, "/api/runs/" + id + "/summary").body());
            assertThat(Files.exists(tmp.resolve("runs").resolve(id).resolve(ResultsDatabase.FILE)))
                    .isTrue();
            assertThat(Files.exists(tmp.resolve("runs").resolve(id).resolve("report.html")))
                    .isTrue();
        }
        RunCommandTest.Outcome cli = RunCommandTest.cli(
                "run",
                HOME.resolve("scenarios/minimal.yaml").toString(),
                "--seed",
                "7",
                "--sample",
                "0.02",
                "--json",
                "--out",
                tmp.resolve("cli").toString());
        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode json = RunCommandTest.json(cli.out());
        for (String key : List.of(
                "scenario",
                "seed",
                "sample",
                "version",
                "engine",
                "households",
                "people",
                "years",
                "interval95",
                "audit")) {
            assertThat(http.get(key)).as(key).isEqualTo(json.get(key));
        }
    }

    @Test
    void aBadScenarioGets400WithTheMessagesOfScoresimValidate() throws Exception {
        String yaml = Files.readString(HOME.resolve("scenarios/minimal.yaml"))
                .replace("rate: 2.0 ", "rate: -2.0")
                .replace("probability: 0.9}", "probability: 1.9}");
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, yaml);
        RunCommandTest.Outcome cli = RunCommandTest.cli("validate", file.toString());
        assertThat(cli.code()).isEqualTo(Main.BAD_INPUT);
        try (Dashboard d = serve(tmp.resolve("runs"))) {
            Map<String, Object> body = new HashMap<>();
            body.put("yaml", yaml);
            HttpResponse<String> r = post(d, "/api/runs", Json.write(body));
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode errors = Json.mapper().readTree(r.body()).get("errors");
            assertThat(errors).hasSize(2);
            List<String> lines =
                    cli.err().lines().filter(l -> l.startsWith(file.toString())).toList();
            assertThat(lines).hasSize(errors.size());
            for (int i = 0; i < errors.size(); i++) {
                JsonNode e = errors.get(i);
                assertThat(lines.get(i))
                        .isEqualTo(file + ":" + e.get("line").asInt() + ":"
                                + e.get("column").asInt() + ": " + e.get("path").asText() + ": "
                                + e.get("message").asText());
            }
            JsonNode validate =
                    Json.mapper().readTree(post(d, "/api/validate", yaml).body());
            assertThat(validate.get("errors")).isEqualTo(errors);
        }
    }

    @Test
    void onlyTheServersOwnPageOrAScriptNamingItsOriginStartsRuns() throws Exception {
        try (Dashboard d = serve(tmp.resolve("runs"))) {
            String run = "{\"scenario\": \"minimal\", \"sample\": 0.01}";
            HttpResponse<String> crossSite = post(d, "/api/runs", run, "http://evil.example");
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(crossSite.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
            HttpResponse<String> bare = post(d, "/api/runs", run, null);
            assertThat(bare.statusCode()).isEqualTo(403);
            assertThat(Json.mapper().readTree(bare.body()).get("error").asText())
                    .contains("Origin: " + origin(d));
            assertThat(Json.mapper().readTree(get(d, "/api/runs").body())).isEmpty();
            assertThat(post(d, "/api/runs", run).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void afterARestartTheBreakdownsComeFromTheResultsDatabase() throws Exception {
        Path runs = tmp.resolve("runs");
        String id;
        JsonNode before;
        try (Dashboard d = serve(runs)) {
            id = runAndWait(d, "{\"scenario\": \"minimal\", \"sample\": 0.01}");
            before = Json.mapper()
                    .readTree(get(d, "/api/runs/" + id + "/metrics?attribute=province")
                            .body());
        }
        try (Dashboard d = serve(runs)) {
            HttpResponse<String> r = get(d, "/api/runs/" + id + "/metrics?attribute=province");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode after = Json.mapper().readTree(r.body());
            assertThat(after.size()).isEqualTo(before.size());
            Map<String, JsonNode> counts = new HashMap<>();
            before.forEach(row -> counts.put(key(row), row.get("count")));
            after.forEach(row -> assertThat(row.get("count")).as(key(row)).isEqualTo(counts.get(key(row))));
        }
    }

    private static String key(JsonNode row) {
        return row.get("year") + "/" + row.get("attribute") + "/" + row.get("value") + "/" + row.get("metric") + "/"
                + row.get("item");
    }
}
