package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.engine.results.Audit;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;
import org.scoresim.store.Report;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.store.ResultsFile;

/**
 * The results database of a run (docs/OUTPUTS.md), read back through the store, and `scoresim export`.
 * The tables' columns and the export's contents are the store's tests; these check what the
 * command puts there.
 */
class RunResultsTest {
    @TempDir
    static Path shared;

    static Path run;
    static JsonNode summary;
    static ResultsFile results;

    @BeforeAll
    static void runOnce() throws Exception {
        run = shared.resolve("run");
        RunCommandTest.Outcome o = RunCommandTest.cli(
                "run",
                RunCommandTest.MINIMAL.toString(),
                "--json",
                "--sample",
                "0.05",
                "--seed",
                "3",
                "--out",
                run.toString());
        assertThat(o.code()).as(o.err()).isZero();
        summary = RunCommandTest.json(o.out());
        results = ResultsFile.in(run).orElseThrow();
    }

    private static String key(ResultsFile.MetricRow m) {
        return m.year() + "/" + m.metric() + "/" + m.item();
    }

    @Test
    void nationalMetricsAreTheSummaryExactly() throws Exception {
        Map<String, Double> db = new HashMap<>();
        for (ResultsFile.MetricRow m : results.metrics("all", null, null)) {
            assertThat(m.value()).isEqualTo("all");
            assertThat(db.put(key(m), m.count())).as("duplicate row " + key(m)).isNull();
        }
        int expected = 0;
        for (Map.Entry<String, JsonNode> y : summary.get("years").properties()) {
            for (Map.Entry<String, JsonNode> m : y.getValue().properties()) {
                if (m.getValue().isNumber()) {
                    expected++;
                    assertThat(db.get(y.getKey() + "/" + m.getKey() + "/"))
                            .as(y.getKey() + " " + m.getKey())
                            .isEqualTo(m.getValue().asDouble());
                    continue;
                }
                for (Map.Entry<String, JsonNode> i : m.getValue().properties()) {
                    expected++;
                    assertThat(db.get(y.getKey() + "/" + m.getKey() + "/" + i.getKey()))
                            .as(y.getKey() + " " + m.getKey() + " " + i.getKey())
                            .isEqualTo(i.getValue().asDouble());
                }
            }
        }
        assertThat(db).hasSize(expected);
        assertThat(db.keySet().stream().filter(k -> k.contains("/fines/"))).isNotEmpty();
    }

    @Test
    void everyAttributeValueHasEveryMetricAndAddsUpToTheNation() throws Exception {
        List<ResultsFile.MetricRow> all = results.metrics(null, null, null);
        List<ResultsFile.MetricRow> national = results.metrics("all", null, null);
        List<ResultsFile.MetricRow> setting = results.metrics("setting", null, null);
        // one row per (year, attribute, value, metric, item): as many as the national rows per value
        assertThat(results.metrics("province", null, null)).hasSize(2 * national.size());
        assertThat(setting).hasSize(2 * national.size());
        assertThat(all.stream()
                        .map(m -> m.year() + "/" + m.attribute() + "/" + m.value() + "/" + m.metric() + "/" + m.item())
                        .distinct())
                .hasSize(all.size());
        // scaled counts are rounded per value: the values' sum is the national figure within one per value
        Map<String, Double> sums = new HashMap<>();
        setting.forEach(m -> sums.merge(key(m), m.count(), Double::sum));
        int rows = 0;
        for (ResultsFile.MetricRow n : national) {
            if (!n.metric().equals("fines")) {
                rows++;
                assertThat(Math.abs(n.count() - sums.get(key(n)))).as(key(n)).isLessThanOrEqualTo(2);
            }
        }
        assertThat(rows).isPositive();
        assertThat(results.metrics("province", "sanctioned", "flight_ban")).anyMatch(m -> m.count() > 0);
    }

    @Test
    void runsRowIdentifiesTheRunAndTheOtherTablesHoldItsFigures() throws Exception {
        String yaml = ScenarioWriter.toYaml(ScenarioParser.parse(RunCommandTest.MINIMAL));
        ResultsFile.Run r = results.run().orElseThrow();
        assertThat(r.runId()).matches("minimal-3-0\\.05-[0-9a-f]{8}");
        assertThat(r.scenario()).isEqualTo("minimal");
        assertThat(r.scenarioYaml()).isEqualTo(yaml);
        assertThat(r.seed()).isEqualTo(3);
        assertThat(r.sample()).isEqualTo(0.05);
        assertThat(r.engine()).isEqualTo("local");
        assertThat(r.version()).isEqualTo(summary.get("version").asText());
        assertThat(r.startedAt()).isNotNull();
        assertThat(r.seconds()).isPositive();
        assertThat(r.households()).isEqualTo(summary.get("households").asLong());
        assertThat(r.people()).isEqualTo(summary.get("people").asLong());

        assertThat(results.stories())
                .extracting(ResultsFile.Story::category)
                .containsAnyOf("sanctioned", "wrongful", "locked_in", "rewarded")
                .allMatch(c -> List.of("sanctioned", "wrongful", "locked_in", "rewarded")
                        .contains(c));
        assertThat(results.stories().stream()
                        .map(ResultsFile.Story::category)
                        .distinct()
                        .count())
                .isGreaterThanOrEqualTo(2);
        // the year-end histogram covers everyone, up to the rounding of scaled bins
        Map<Integer, Long> people = new HashMap<>();
        Map<Integer, Integer> bins = new HashMap<>();
        for (ResultsFile.ScoreBin b : results.scoreHistogram()) {
            people.merge(b.year(), b.count(), Long::sum);
            bins.merge(b.year(), 1, Integer::sum);
        }
        assertThat(people).hasSize(3);
        for (ResultsFile.MetricRow p : results.metrics("all", "population", null)) {
            assertThat(Math.abs(people.get(p.year()) - p.count()))
                    .as("population " + p.year())
                    .isLessThanOrEqualTo(bins.get(p.year()));
        }
        // audit rows of single attributes are summary.json's audit, year by year
        List<Audit.Row> audit = results.audit().stream()
                .filter(a -> !a.attribute().contains(","))
                .toList();
        assertThat(audit).isNotEmpty();
        for (Audit.Row a : audit) {
            JsonNode entry = summary.get("audit")
                    .get(Integer.toString(a.year()))
                    .get(a.sanction())
                    .get(a.attribute());
            JsonNode rate = entry.get("rates").get(a.group());
            assertThat(a.rate()).as(a.toString()).isEqualTo(rate.isNull() ? null : rate.asDouble());
            JsonNode ratio = entry.get("ratio").get(a.group());
            assertThat(a.ratio()).as(a.toString()).isEqualTo(ratio.isNull() ? null : ratio.asDouble());
            assertThat(a.verdict())
                    .as(a.toString())
                    .isEqualTo(entry.get("verdict").get(a.group()).textValue());
            assertThat(a.reference())
                    .as(a.toString())
                    .isEqualTo(entry.get("reference").textValue());
            JsonNode interval = entry.get("ratio95").get(a.group());
            assertThat(a.ratioHi())
                    .as(a.toString())
                    .isEqualTo(interval.isNull() ? null : interval.get(1).asDouble());
        }
        assertThat(results.intervals())
                .isNotEmpty()
                .allMatch(i -> i.lo() == null || i.hi() == null || i.lo() <= i.hi());
    }

    @Test
    void exportWritesEveryTableAsCsvAndParquet() throws Exception {
        Path csv = shared.resolve("csv");
        RunCommandTest.Outcome o =
                RunCommandTest.cli("export", run.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<String> tables = List.of("audit", "interval95", "metrics", "runs", "score_hist", "stories");
        for (String t : tables) {
            assertThat(csv.resolve(t + ".csv")).isRegularFile();
            assertThat(o.out()).contains(t + ".csv");
        }
        List<String> metrics = Files.readAllLines(csv.resolve("metrics.csv"));
        assertThat(metrics.get(0)).isEqualTo("run_id,year,attribute,value,metric,item,count");
        assertThat(metrics).hasSize(1 + results.metrics(null, null, null).size());
        assertThat(Files.readAllLines(csv.resolve("audit.csv")))
                .hasSize(1 + results.audit().size());
        assertThat(Files.readAllLines(csv.resolve("stories.csv")))
                .hasSize(1 + results.stories().size());

        RunCommandTest.Outcome p = RunCommandTest.cli("export", run.toString(), "--format", "parquet");
        assertThat(p.code()).as(p.err()).isZero();
        for (String t : tables) {
            Path file = run.resolve("parquet").resolve(t + ".parquet");
            assertThat(file).isRegularFile();
            byte[] bytes = Files.readAllBytes(file);
            // a Parquet file begins and ends with its magic number
            assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .as(t)
                    .isEqualTo("PAR1");
            assertThat(new String(bytes, bytes.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .as(t)
                    .isEqualTo("PAR1");
        }
    }

    @Test
    void exportRefusesWhatIsNotARun() throws Exception {
        RunCommandTest.Outcome missing =
                RunCommandTest.cli("export", shared.resolve("nowhere").toString(), "--format", "csv");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not a directory");
        Path empty = Files.createDirectories(shared.resolve("empty"));
        RunCommandTest.Outcome noDb = RunCommandTest.cli("export", empty.toString(), "--format", "parquet");
        assertThat(noDb.code()).isEqualTo(2);
        assertThat(noDb.err()).contains("neither " + ResultsDatabase.FILE + " nor sweep.duckdb");
        RunCommandTest.Outcome format = RunCommandTest.cli("export", run.toString(), "--format", "xlsx");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("csv or parquet");
        assertThat(RunCommandTest.cli("export", run.toString()).code()).isEqualTo(2); // --format is required
        try (Stream<Path> s = Files.list(empty)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void finishedRunHoldsTheDatabaseAndReportAndNoLeftovers() throws Exception {
        try (Stream<Path> s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("csv") && !n.equals("parquet")))
                    .containsExactlyInAnyOrder("summary.json", ResultsDatabase.FILE, Report.FILE);
        }
    }

    /** The database written, then the report failing (or the database itself): no results database may be left. */
    @ParameterizedTest
    @ValueSource(strings = {ResultsDatabase.FILE, Report.FILE})
    void aFailedWriteLeavesNothingThatLooksComplete(String blocked, @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("broken");
        // the run writes into .broken.partial-PID; a directory where a file should go makes that write
        // fail. The run reads its clock once that directory exists, before it writes: the directory goes
        // in then (one made before the run would be taken for a killed run's leftovers, and removed)
        Path partial = tmp.resolve(".broken.partial-" + ProcessHandle.current().pid());
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                try {
                    if (Files.isDirectory(partial)) {
                        Files.createDirectories(partial.resolve(blocked));
                        Files.writeString(partial.resolve(blocked).resolve("blocker"), "x");
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return Instant.parse("2026-11-29T00:31:20Z");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "run", RunCommandTest.MINIMAL.toString(), "--json", "--sample", "0.01", "--out", out.toString()
                },
                new PrintWriter(stdout, true),
                new PrintWriter(stderr, true),
                clock);
        assertThat(code).as(stderr.toString()).isEqualTo(1);
        assertThat(stdout.toString()).isEmpty();
        assertThat(stderr.toString())
                .startsWith("scoresim: failed: cannot write to " + out + ": ")
                .contains(blocked)
                .contains("; partial output removed")
                .doesNotContain("internal error", "interrupted");
        assertThat(out).doesNotExist();
        assertThat(partial).doesNotExist();
    }
}
