package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard answers only requests addressed to it, and takes changes only from its own page:
 * a page of another site can neither start nor cancel runs through the user's browser, nor read
 * them through a name rebound to 127.0.0.1.
 */
class DashboardAccessTest {
    static final String RUN = "{\"scenario\": \"minimal\", \"seed\": 1, \"sample\": 0.01}";
    static final String EVIL = "http://evil.example";

    @TempDir
    static Path runs;

    static Api api;
    static String done;
    static String own;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(runs, 1, 8);
        done = api.start(RUN);
        assertThat(api.await(done).get("status").asText()).isEqualTo("done");
        own = "127.0.0.1:" + api.dashboard.port();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Api.Raw get(String path, String host) throws Exception {
        return api.raw("GET", path, host, Map.of(), "");
    }

    static Api.Raw change(String method, String path, Map<String, String> headers, String body) throws Exception {
        return api.raw(method, path, own, headers, body);
    }

    static int runCount() throws Exception {
        return api.get("/api/runs").json().size();
    }

    @Test
    void aHostThatDoesNotNameTheServerGets403OnEveryPath() throws Exception {
        List<String> paths = List.of(
                "/",
                "/index.html",
                "/js/api.js",
                "/vendor/echarts.min.js",
                "/api/scenarios",
                "/api/runs",
                "/api/runs/" + done,
                "/api/runs/" + done + "/files/scenario.yaml",
                "/api/runs/" + done + "/summary",
                "/no/such/path");
        int port = api.dashboard.port();
        for (String host : List.of(
                "attacker.example",
                "attacker.example:" + port,
                "localhost.attacker.example:" + port,
                "127.0.0.1.nip.io:" + port,
                "127.0.0.2:" + port,
                "127.0.0.1:" + (port == 1 ? 2 : 1),
                "[::2]:" + port,
                "999.0.0.1:" + port)) {
            for (String path : paths) {
                Api.Raw r = get(path, host);
                assertThat(r.status()).as(host + " " + path).isEqualTo(403);
                assertThat(r.body()).as(host + " " + path).doesNotContain("minimal", "<html");
            }
            assertThat(api.raw("POST", "/api/runs", host, Map.of("Origin", "http://" + host), RUN)
                            .status())
                    .as("POST from " + host)
                    .isEqualTo(403);
        }
        Api.Raw refused = get("/api/runs", "attacker.example");
        assertThat(refused.headers().get("content-type")).startsWith("application/json");
        assertThat(JsonText.read(refused.body()).get("error").asText())
                .contains("Host", "attacker.example", "127.0.0.1");
    }

    @Test
    void theServersOwnNamesAreAnswered() throws Exception {
        int port = api.dashboard.port();
        for (String host : List.of(
                "127.0.0.1:" + port,
                "localhost:" + port,
                "LocalHost:" + port,
                "[::1]:" + port,
                "[0:0:0:0:0:0:0:1]:" + port,
                "127.0.0.1",
                "localhost",
                "[::1]")) {
            assertThat(get("/", host).status()).as(host).isEqualTo(200);
            Api.Raw yaml = get("/api/runs/" + done + "/files/scenario.yaml", host);
            assertThat(yaml.status()).as(host).isEqualTo(200);
            assertThat(yaml.body()).as(host).contains("name: minimal");
        }
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedWithoutARunStarting() throws Exception {
        int before = runCount();
        // the simple request a page of another site may send without a pre-flight
        Api.Raw post = change("POST", "/api/runs", Map.of("Origin", EVIL, "Content-Type", "text/plain"), RUN);
        assertThat(post.status()).isEqualTo(403);
        assertThat(JsonText.read(post.body()).get("error").asText()).contains(EVIL, "http://" + own);
        assertThat(post.headers()).doesNotContainKey("access-control-allow-origin");
        int port = api.dashboard.port();
        for (String origin : List.of(
                EVIL,
                "null",
                "https://" + own,
                "http://localhost:" + port, // another of the server's names is another origin
                "http://127.0.0.1:" + (port == 1 ? 2 : 1),
                "http://127.0.0.1",
                "http://" + own + ".evil.example",
                "http://" + own + "/path")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                for (String path : List.of("/api/runs", "/api/runs/" + done, "/api/validate", "/api/compare", "/")) {
                    Api.Raw r = change(method, path, Map.of("Origin", origin), RUN);
                    assertThat(r.status())
                            .as(method + " " + path + " from " + origin)
                            .isEqualTo(403);
                }
            }
            // a token does not make another site's page the server's own
            assertThat(change(
                                    "POST",
                                    "/api/runs",
                                    Map.of("Origin", origin, SameOrigin.TOKEN_HEADER, api.dashboard.token()),
                                    RUN)
                            .status())
                    .as(origin)
                    .isEqualTo(403);
        }
        assertThat(runCount()).isEqualTo(before);
        assertThat(api.get("/api/runs/" + done).json().get("status").asText()).isEqualTo("done");
    }

    @Test
    void aChangeWithNeitherOriginNorTokenIsRefused() throws Exception {
        int before = runCount();
        Api.Raw bare = change("POST", "/api/runs", Map.of("Content-Type", "application/json"), RUN);
        assertThat(bare.status()).isEqualTo(403);
        assertThat(JsonText.read(bare.body()).get("error").asText())
                .contains("Origin: http://" + own, SameOrigin.TOKEN_HEADER);
        assertThat(change("POST", "/api/runs", Map.of(SameOrigin.TOKEN_HEADER, "guessed"), RUN)
                        .status())
                .isEqualTo(403);
        assertThat(change("DELETE", "/api/runs/" + done, Map.of(), "").status()).isEqualTo(403);
        assertThat(runCount()).isEqualTo(before);
    }

    @Test
    void theServersOwnOriginOrItsTokenMayChangeThings() throws Exception {
        Api.Raw fromThePage = change("POST", "/api/validate", Map.of("Origin", "http://" + own), "name: x\n");
        assertThat(fromThePage.status()).isEqualTo(200);
        assertThat(fromThePage.headers()).doesNotContainKey("access-control-allow-origin");
        int port = api.dashboard.port();
        Api.Raw viaLocalhost = api.raw(
                "POST",
                "/api/validate",
                "localhost:" + port,
                Map.of("Origin", "http://localhost:" + port),
                "name: x\n");
        assertThat(viaLocalhost.status()).isEqualTo(200);
        Api.Raw withToken =
                change("POST", "/api/validate", Map.of(SameOrigin.TOKEN_HEADER, api.dashboard.token()), "name: x\n");
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(change("DELETE", "/api/runs/" + done, Map.of(SameOrigin.TOKEN_HEADER, api.dashboard.token()), "")
                        .status())
                .as("past the check, a finished run cannot be cancelled")
                .isEqualTo(409);
    }

    @Test
    void preflightsFromOtherSitesAreNotAllowedAndNoAnswerAllowsOtherOrigins() throws Exception {
        Api.Raw preflight = change(
                "OPTIONS",
                "/api/runs",
                Map.of(
                        "Origin",
                        EVIL,
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "content-type, " + SameOrigin.TOKEN_HEADER.toLowerCase(java.util.Locale.ROOT)),
                "");
        assertThat(preflight.status()).isEqualTo(403);
        for (String path : List.of("/", "/api/runs", "/api/runs/" + done + "/files/scenario.yaml")) {
            Api.Raw read = api.raw("GET", path, own, Map.of("Origin", EVIL), "");
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.headers().keySet()).as(path).noneMatch(h -> h.startsWith("access-control-"));
        }
        assertThat(preflight.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void thePageCarriesTheTokenOfItsServerAndIsNotCached(@TempDir Path other) throws Exception {
        Api.Raw page = get("/", own);
        assertThat(page.headers().get("cache-control")).isEqualTo("no-store");
        Matcher m = Pattern.compile("<meta name=\"scoresim-token\" content=\"([A-Za-z0-9_-]+)\">")
                .matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        assertThat(m.group(1)).isEqualTo(api.dashboard.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(get("/index.html", own).body()).contains(m.group(1));
        try (Api second = new Api(other, 1, 1)) {
            assertThat(second.dashboard.token()).isNotEqualTo(api.dashboard.token());
        }
    }

    /** A scenario of unknown keys, each a problem, of about the given size. */
    static String unknownKeys(int bytes) {
        StringBuilder keys = new StringBuilder("name: x\n");
        for (int n = 0; keys.length() < bytes - 20; n++) {
            keys.append('k').append(Integer.toString(n, 36)).append(": 1\n");
        }
        return keys.toString();
    }

    @Test
    void validateAnswersAreBoundedWhateverTheBody() throws Exception {
        String manyKeys = unknownKeys(Dashboard.MAX_BODY);
        int keys = (int) manyKeys.lines().count() - 1;
        // a key as long as the body, quoted back by its problem
        String longKey = "name: x\n? " + "k".repeat(Dashboard.MAX_BODY - 20) + "\n: 1\n";
        String longValue = "name: " + "\"" + "x".repeat(Dashboard.MAX_BODY - 40) + "\"\nyears: 2013\n";
        Map<String, Api.Reply> answers = new java.util.HashMap<>();
        for (String body : List.of(manyKeys, longKey, longValue)) {
            assertThat(body.length()).isLessThanOrEqualTo(Dashboard.MAX_BODY);
            Api.Reply r = api.post("/api/validate", body);
            answers.put(body, r);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().length()).isLessThan(ScenarioErrors.SHOWN * 2 * ScenarioErrors.TEXT);
            JsonNode answer = r.json();
            assertThat(answer.get("ok").asBoolean()).isFalse();
            assertThat(answer.get("errors").size()).isBetween(1, ScenarioErrors.SHOWN);
            answer.get("errors").forEach(e -> {
                assertThat(e.get("message").asText().length()).isLessThanOrEqualTo(ScenarioErrors.TEXT + 3);
                assertThat(e.get("path").asText().length()).isLessThanOrEqualTo(ScenarioErrors.TEXT + 3);
            });
        }
        JsonNode many = answers.get(manyKeys).json();
        assertThat(many.get("errors").size()).isEqualTo(ScenarioErrors.SHOWN);
        assertThat(many.get("total").asInt()).isGreaterThanOrEqualTo(keys);
        assertThat(many.get("errors")
                        .get(ScenarioErrors.SHOWN - 1)
                        .get("message")
                        .asText())
                .startsWith("unknown key");
        // a run of such a text is refused with as short an answer, the count in its message
        String some = unknownKeys(64 << 10);
        Api.Reply refused = api.post("/api/runs", JsonText.compact(Map.of("yaml", some)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().length()).isLessThan(ScenarioErrors.SHOWN * 2 * ScenarioErrors.TEXT);
        assertThat(refused.json().get("errors").size()).isEqualTo(ScenarioErrors.SHOWN);
        int total = api.post("/api/validate", some).json().get("total").asInt();
        assertThat(total).isGreaterThan(ScenarioErrors.SHOWN);
        assertThat(refused.json().get("error").asText()).startsWith(String.format("%,d problems", total));
    }
}
