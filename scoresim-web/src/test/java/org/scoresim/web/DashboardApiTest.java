package org.scoresim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.model.Problem;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** Every endpoint of docs/OUTPUTS.md's HTTP API, over real HTTP, on the minimal scenario at a 1% sample. */
class DashboardApiTest {
    static final String MINIMAL_RUN = "{\"scenario\": \"minimal\", \"seed\": 1, \"sample\": 0.01}";

    @TempDir
    static Path runs;

    static Api api;
    static String done;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(runs, 1, 8);
        done = api.start(MINIMAL_RUN);
        assertThat(api.await(done).get("status").asText()).isEqualTo("done");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String minimalYaml() throws Exception {
        return Files.readString(Api.SCENARIOS.resolve("minimal.yaml"));
    }

    @Test
    void theDashboardPageAndItsScriptsAreServed() throws Exception {
        Api.Reply page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<nav", "/js/app.js", "/vendor/echarts.min.js");
        assertThat(api.get("/js/app.js").status()).isEqualTo(200);
        assertThat(api.get("/vendor/echarts.min.js").body()).contains("echarts");
    }

    @Test
    void scenariosAreTheBundledOnesWithTheirDescriptions() throws Exception {
        JsonNode list = api.get("/api/scenarios").json();
        List<String> names = new ArrayList<>();
        list.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("minimal", "china-2013-2020").doesNotContain("targets", "china-official");
        JsonNode china = list.get(names.indexOf("china-2013-2020"));
        assertThat(china.get("description").asText()).contains("China 2013-2020");
        Api.Reply text = api.get("/api/scenarios/minimal");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo(minimalYaml());
        assertThat(api.get("/api/scenarios/nope").status()).isEqualTo(404);
        assertThat(api.get("/api/scenarios/..%2F..%2Fpom").status()).isEqualTo(404);
    }

    @Test
    void validateGivesEveryProblemWithLineColumnAndPath() throws Exception {
        JsonNode ok = api.post("/api/validate", minimalYaml()).json();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("errors").size()).isZero();
        assertThat(ok.get("total").asInt()).isZero();

        String bad = minimalYaml().replace("rate: 2.0 ", "rate: -2.0").replace("coverage: 1.0", "coverge: 1.0");
        JsonNode answer = api.post("/api/validate", bad).json();
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("errors")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(answer.get("total").asInt()).isEqualTo(answer.get("errors").size());
        assertThat(toProblems(answer.get("errors"))).isEqualTo(parserProblems(bad));
    }

    @Test
    void aDraftMayNameABaseAmongTheBundledScenariosOnly() throws Exception {
        String draft = "base: minimal.yaml\nname: draft\nset:\n  channels.cameras.false_match: 0\n";
        JsonNode ok = api.post("/api/validate", draft).json();
        assertThat(ok.get("errors").toString()).isEqualTo("[]");
        assertThat(ok.get("scenario").get("name").asText()).isEqualTo("draft");
        assertThat(ok.get("scenario").get("years").get("to").asInt()).isEqualTo(2015);

        for (String base : List.of("../pom.xml", "/etc/hostname", "targets/../../pom.xml")) {
            JsonNode refused = api.post("/api/validate", draft.replace("minimal.yaml", "\"" + base + "\""))
                    .json();
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("errors").get(0).get("path").asText()).isEqualTo("base");
            assertThat(refused.get("errors").get(0).get("line").asInt()).isEqualTo(1);
        }
        // a problem of the draft's own value is on the draft's line; none names another file
        JsonNode bad = api.post("/api/validate", draft.replace("false_match: 0", "false_match: 2"))
                .json();
        assertThat(bad.get("errors").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(bad.get("errors").get(0).has("file")).isFalse();

        // a run keeps the whole scenario it ran
        String id = api.start(JsonText.compact(java.util.Map.of("yaml", draft, "sample", 0.01)));
        assertThat(api.await(id).get("status").asText()).isEqualTo("done");
        String kept = Files.readString(runs.resolve(id).resolve("scenario.yaml"));
        assertThat(kept).startsWith("name: draft\n").doesNotContain("base:").contains("false_match: 0.0");
    }

    @Test
    void aBadScenarioIsRefusedWith400AndTheParsersMessages() throws Exception {
        String bad = minimalYaml().replace("rate: 2.0 ", "rate: -2.0");
        Api.Reply r = api.post("/api/runs", JsonText.compact(java.util.Map.of("yaml", bad, "sample", 0.01)));
        assertThat(r.status()).isEqualTo(400);
        JsonNode errors = r.json().get("errors");
        assertThat(toProblems(errors)).isEqualTo(parserProblems(bad));
        JsonNode first = errors.get(0);
        assertThat(first.get("line").asInt()).isEqualTo(lineOf(bad, "rate: -2.0"));
        assertThat(first.get("path").asText()).isEqualTo("behaviours.jaywalking.rate");

        assertThat(api.post("/api/runs", "{\"scenario\": \"nope\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/runs", "{\"scenario\": \"minimal\", \"sample\": 2}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/runs", "{\"scenario\": \"minimal\", \"seed\": 1.5}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/runs", "not json").status()).isEqualTo(400);
    }

    private static int lineOf(String text, String what) {
        return text.substring(0, text.indexOf(what)).split("\n", -1).length;
    }

    private static List<String> toProblems(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(
                e -> out.add(e.get("line").asInt() + ":" + e.get("column").asInt() + " "
                        + e.get("path").asText() + ": " + e.get("message").asText()));
        return out;
    }

    private static List<String> parserProblems(String yaml) {
        try {
            ScenarioParser.parse(yaml, "scenario.yaml");
            throw new AssertionError("expected problems");
        } catch (ScenarioException e) {
            List<String> out = new ArrayList<>();
            for (Problem p : e.problems()) {
                out.add(p.line() + ":" + p.column() + " " + (p.path() == null ? "" : p.path()) + ": " + p.message());
            }
            return out;
        }
    }

    @Test
    void aFinishedRunHasItsStatusSummaryFiguresAndFiles() throws Exception {
        JsonNode s = api.get("/api/runs/" + done).json();
        assertThat(s.get("status").asText()).isEqualTo("done");
        assertThat(s.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(s.get("scenario").asText()).isEqualTo("minimal");
        assertThat(s.get("files").toString()).contains("summary.json", "scenario.yaml");
        // times come from the server's clock
        assertThat(s.get("created").asText()).isEqualTo(Api.NOW.toString());
        assertThat(s.get("finished").asText()).isEqualTo(Api.NOW.toString());
        assertThat(done).contains("20260102-030405");

        Api.Reply summary = api.get("/api/runs/" + done + "/summary");
        assertThat(summary.body()).isEqualTo(Files.readString(runs.resolve(done).resolve("summary.json")));
        JsonNode sum = summary.json();
        assertThat(sum.get("years").size()).isEqualTo(3);
        assertThat(sum.get("sample").asDouble()).isEqualTo(0.01);

        JsonNode runJson = JsonText.read(Files.readString(runs.resolve(done).resolve("run.json")));
        for (String key : List.of("id", "scenario", "seed", "sample", "status", "created")) {
            assertThat(runJson.has(key)).as(key).isTrue();
        }

        JsonNode list = api.get("/api/runs").json();
        assertThat(list.toString()).contains(done);

        JsonNode rows = api.get("/api/runs/" + done + "/metrics?attribute=province&metric=sanctioned&item=flight_ban")
                .json();
        assertThat(rows).hasSize(3 * 2);
        long sum2014 = 0;
        for (JsonNode row : rows) {
            assertThat(row.get("attribute").asText()).isEqualTo("province");
            if (row.get("year").asInt() == 2014) {
                sum2014 += row.get("count").asLong();
            }
        }
        JsonNode national = api.get("/api/runs/" + done + "/metrics?attribute=all&metric=sanctioned&item=flight_ban")
                .json();
        assertThat(national.get(1).get("count").asLong())
                .isEqualTo(sum.get("years")
                        .get("2014")
                        .get("sanctioned")
                        .get("flight_ban")
                        .asLong());
        assertThat(Math.abs(sum2014 - national.get(1).get("count").asLong()))
                .isLessThanOrEqualTo(2); // rounding per province
        assertThat(api.get("/api/runs/" + done + "/metrics?metric=nope").status())
                .isEqualTo(400);

        // the audit: one row per group, the reference named, summary.json's ratio; intersections asked for
        JsonNode audit = api.get("/api/runs/" + done + "/audit?year=2014&sanction=flight_ban")
                .json();
        assertThat(audit).hasSize(2 + 2);
        JsonNode summaryAudit = sum.get("audit").get("2014").get("flight_ban");
        for (JsonNode row : audit) {
            JsonNode entry = summaryAudit.get(row.get("attribute").asText());
            assertThat(row.get("reference").asText())
                    .isEqualTo(entry.get("reference").asText());
            assertThat(row.get("ratio").asDouble())
                    .isEqualTo(entry.get("ratio").get(row.get("value").asText()).asDouble());
            // lock-in per group for the dashboard's audit table: 2014 is the second year, so at most 2 year ends
            assertThat(row.get("lowest_tier_years").asDouble()).isBetween(0.0, 2.0);
            assertThat(row.get("locked_in").asLong())
                    .isBetween(0L, row.get("people").asLong());
        }
        JsonNode pairs = api.get(
                        "/api/runs/" + done + "/audit?year=2014&sanction=flight_ban&attribute=province,setting")
                .json();
        assertThat(pairs).hasSize(4);
        JsonNode against = api.get("/api/runs/" + done + "/audit?year=2014&sanction=flight_ban&attribute=setting"
                        + "&reference=rural")
                .json();
        assertThat(against.get(1).get("verdict").asText()).isEqualTo("reference");
        assertThat(api.get("/api/runs/" + done + "/audit?attribute=nope").status())
                .isEqualTo(400);
        assertThat(api.get("/api/runs/" + done + "/audit?reference=nope").status())
                .isEqualTo(400);

        JsonNode hist = api.get("/api/runs/" + done + "/score_hist").json();
        assertThat(hist.get("width").asInt()).isEqualTo(10);
        long people = 0;
        for (JsonNode n : hist.get("years").get("2015")) {
            people += n.asLong();
        }
        assertThat(Math.abs(
                        people - sum.get("years").get("2015").get("population").asLong()))
                .isLessThan(100);

        JsonNode stories = api.get("/api/runs/" + done + "/stories").json();
        assertThat(stories.fieldNames())
                .toIterable()
                .containsExactly("sanctioned", "wrongful", "locked_in", "rewarded");
        long person = stories.get("sanctioned").get(0).asLong();
        JsonNode story = api.get("/api/people/" + done + "/" + person).json();
        JsonNode p = story.get("people").get(0);
        assertThat(p.get("id").asLong()).isEqualTo(person);
        assertThat(p.get("years").size()).isEqualTo(3);
        boolean sanctioned = false;
        for (JsonNode y : p.get("years")) {
            sanctioned |= y.get("sanctions_any").size() > 0;
        }
        assertThat(sanctioned)
                .as("a person of the 'sanctioned' sample is sanctioned some year")
                .isTrue();

        assertThat(api.get("/api/runs/" + done + "/files/summary.json").status())
                .isEqualTo(200);
        assertThat(api.get("/api/runs/" + done + "/files/run.json").status()).isEqualTo(404);
        assertThat(api.delete("/api/runs/" + done).status()).isEqualTo(409);
    }

    @Test
    void eventsStreamProgressThenTheFinalStatus() throws Exception {
        String id = api.start(MINIMAL_RUN.replace("\"seed\": 1", "\"seed\": 5"));
        Api.Reply events = api.get("/api/runs/" + id + "/events");
        assertThat(events.status()).isEqualTo(200);
        String body = events.body();
        assertThat(body).contains("event: status\ndata: {\"id\":\"" + id + "\",\"status\":\"done\"");
        assertThat(body.indexOf("event: status")).isEqualTo(body.lastIndexOf("event: "));
        if (body.contains("event: progress")) {
            assertThat(body.indexOf("event: progress")).isLessThan(body.indexOf("event: status"));
        }
    }

    @Test
    void metricsAreListedWithTheirUnitsAndDefinitions() throws Exception {
        JsonNode m = api.get("/api/metrics").json();
        assertThat(m.size()).isEqualTo(org.scoresim.model.Metric.all().size());
        assertThat(m.get(0).get("name").asText()).isEqualTo("population");
        for (JsonNode e : m) {
            assertThat(e.get("definition").asText()).as(e.get("name").asText()).isNotBlank();
            assertThat(e.get("unit").asText()).isIn("people", "events", "purchase attempts", "yuan");
        }
    }

    @Test
    void unknownIdsAndIdsThatAreNotIdsAre404() throws Exception {
        for (String path : List.of(
                "/api/runs/nope",
                "/api/runs/nope/summary",
                "/api/runs/nope/events",
                "/api/runs/nope/metrics",
                "/api/runs/..%2F..%2Fetc%2Fpasswd",
                "/api/runs/..%2F..%2Fetc%2Fpasswd/summary",
                "/api/runs/%2E%2E",
                "/api/people/..%2F..%2Fetc/1",
                "/api/people/nope/1",
                "/api/people/" + done + "/..%2F1",
                "/api/people/" + done + "/not-a-number",
                "/api/people/" + done + "/999999999999",
                "/api/runs/" + done + "/files/..%2F..%2Fpom.xml",
                "/api/nothing")) {
            Api.Reply r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("root:");
        }
        assertThat(api.delete("/api/runs/..%2F..%2Fetc%2Fpasswd").status()).isEqualTo(404);
    }

    @Test
    void bodiesOverOneMebibyteAre413() throws Exception {
        byte[] big = new byte[2 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        for (String path : List.of("/api/validate", "/api/runs", "/api/compare")) {
            Api.Reply r = api.send(api.fromThePage(path).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
            assertThat(r.status()).as(path).isEqualTo(413);
        }
        // without a Content-Length (chunked), the limit holds while reading
        Api.Reply chunked = api.send(api.fromThePage("/api/validate")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(api.post("/api/validate", "x".repeat(1000)).status()).isEqualTo(200);
    }

    @Test
    void compareRunsBothPoliciesOnTheSamePeople() throws Exception {
        String b = minimalYaml()
                .replace("name: minimal", "name: minimal-no-court-ban")
                .replace(
                        "flight_ban: {when: {tiers: [C], lists: [court_blacklist]}}",
                        "flight_ban: {when: {tiers: [C]}}");
        String body = JsonText.compact(java.util.Map.of("a", "minimal", "b", b, "seed", 1, "sample", 0.01));
        Api.Reply r = api.post("/api/compare", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("a").asText()).isEqualTo("minimal");
        assertThat(c.get("b").asText()).isEqualTo("minimal-no-court-ban");
        JsonNode flight = c.get("years").get("2014").get("flight_ban");
        assertThat(flight.get("only_a").asLong()).isPositive();
        assertThat(flight.get("a").asLong())
                .isEqualTo(flight.get("both").asLong() + flight.get("only_a").asLong());

        String otherPeople = minimalYaml().replace("size: 1000000", "size: 2000000");
        assertThat(api.post(
                                "/api/compare",
                                JsonText.compact(java.util.Map.of("a", "minimal", "b", otherPeople, "sample", 0.01)))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/compare", "{\"a\": \"minimal\", \"b\": \"nope\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aFullQueueAnswers429AndRunsCanBeCancelled(@TempDir Path other) throws Exception {
        try (Api small = new Api(other, 1, 1)) {
            String whole = "{\"scenario\": \"minimal\", \"sample\": 1.0, \"seed\": %d}";
            String running = small.start(String.format(whole, 1));
            String queued = small.start(String.format(whole, 2));
            Api.Reply refused = small.post("/api/runs", String.format(whole, 3));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).contains("busy");

            assertThat(small.delete("/api/runs/" + queued).status()).isEqualTo(202);
            assertThat(small.get("/api/runs/" + queued).json().get("status").asText())
                    .isEqualTo("cancelled");
            assertThat(small.delete("/api/runs/" + running).status()).isEqualTo(202);
            assertThat(small.await(running).get("status").asText()).isIn("cancelled", "done");
            assertThat(small.get("/api/runs/" + queued + "/summary").status()).isEqualTo(409);
            // the places are free again
            String next = small.start("{\"scenario\": \"minimal\", \"sample\": 0.01}");
            assertThat(small.await(next).get("status").asText()).isEqualTo("done");
        }
    }

    @Test
    void aRestartedServerListsEarlierRunsAgain(@TempDir Path dir) throws Exception {
        String id;
        String summary;
        String story;
        try (Api first = new Api(dir, 1, 8)) {
            id = first.start("{\"scenario\": \"minimal\", \"sample\": 0.01, \"seed\": 9}");
            first.await(id);
            summary = first.get("/api/runs/" + id + "/summary").body();
            long person = first.get("/api/runs/" + id + "/stories")
                    .json()
                    .get("sanctioned")
                    .get(0)
                    .asLong();
            story = first.get("/api/people/" + id + "/" + person).body();
        }
        // a run directory of `scoresim run` (summary.json only) is listed too
        Files.createDirectories(dir.resolve("minimal-20260101-000000"));
        Files.writeString(dir.resolve("minimal-20260101-000000").resolve("summary.json"), summary);
        try (Api second = new Api(dir, 1, 8)) {
            JsonNode list = second.get("/api/runs").json();
            assertThat(list.toString()).contains(id, "minimal-20260101-000000");
            JsonNode s = second.get("/api/runs/" + id).json();
            assertThat(s.get("status").asText()).isEqualTo("done");
            assertThat(s.get("seed").asLong()).isEqualTo(9);
            assertThat(second.get("/api/runs/" + id + "/summary").body()).isEqualTo(summary);
            assertThat(second.get("/api/runs/" + id + "/score_hist").status()).isEqualTo(200);
            long person = second.get("/api/runs/" + id + "/stories")
                    .json()
                    .get("sanctioned")
                    .get(0)
                    .asLong();
            assertThat(second.get("/api/people/" + id + "/" + person).body()).isEqualTo(story);
            // without a results database the breakdowns of an earlier process are not available
            assertThat(second.get("/api/runs/" + id + "/metrics?attribute=province")
                            .status())
                    .isEqualTo(404);
            assertThat(second.get("/api/runs/minimal-20260101-000000/summary").body())
                    .isEqualTo(summary);
        }
    }

    @Test
    void aRunInterruptedByAStopIsNotLeftLookingAlive(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("minimal-20260101-000000-abcd");
        Files.createDirectories(d);
        Files.writeString(
                d.resolve("run.json"),
                "{\"id\": \"minimal-20260101-000000-abcd\", \"scenario\": \"minimal\", "
                        + "\"seed\": 1, \"sample\": 0.01, \"status\": \"running\", \"created\": \"2026-01-01T00:00:00Z\"}",
                StandardCharsets.UTF_8);
        try (Api a = new Api(dir, 1, 8)) {
            JsonNode s = a.get("/api/runs/minimal-20260101-000000-abcd").json();
            assertThat(s.get("status").asText()).isEqualTo("failed");
            assertThat(s.get("error").asText()).contains("stopped");
        }
    }
}
