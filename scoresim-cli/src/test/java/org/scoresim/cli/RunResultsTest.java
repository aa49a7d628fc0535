package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scoresim.model.ScenarioParser;
import org.scoresim.model.ScenarioWriter;

/** OUT/results.duckdb of a run (INTERFACE.md), read back with plain JDBC, and `scoresim export`. */
class RunResultsTest {
    @TempDir
    static Path shared;

    static Path run;
    static JsonNode summary;

    @BeforeAll
    static void runOnce() throws Exception {
        run = shared.resolve("run");
        RunCommandTest.Outcome o = RunCommandTest.cli("run", RunCommandTest.MINIMAL.toString(), "--json", "--sample", "0.05",
                "--seed", "3", "--out", run.toString());
        assertThat(o.code()).as(o.err()).isZero();
        summary = RunCommandTest.json(o.out());
    }

    static Connection open(Path db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
    }

    @Test
    void nationalMetricsAreTheSummaryExactly() throws Exception {
        Map<String, Double> db = new HashMap<>();
        try (Connection c = open(run.resolve("results.duckdb")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT year, metric, item, count FROM metrics WHERE attribute = 'all' AND value = 'all'")) {
            while (rs.next()) {
                String key = rs.getInt(1) + "/" + rs.getString(2) + "/" + rs.getString(3);
                assertThat(db.put(key, rs.getDouble(4))).as("duplicate row " + key).isNull();
            }
        }
        int expected = 0;
        for (Map.Entry<String, JsonNode> y : summary.get("years").properties()) {
            for (Map.Entry<String, JsonNode> m : y.getValue().properties()) {
                if (m.getValue().isNumber()) {
                    expected++;
                    assertThat(db.get(y.getKey() + "/" + m.getKey() + "/")).as(y.getKey() + " " + m.getKey())
                            .isEqualTo(m.getValue().asDouble());
                    continue;
                }
                for (Map.Entry<String, JsonNode> i : m.getValue().properties()) {
                    expected++;
                    assertThat(db.get(y.getKey() + "/" + m.getKey() + "/" + i.getKey()))
                            .as(y.getKey() + " " + m.getKey() + " " + i.getKey()).isEqualTo(i.getValue().asDouble());
                }
            }
        }
        assertThat(db).hasSize(expected);
        assertThat(db.keySet().stream().filter(k -> k.contains("/fines/"))).isNotEmpty();
    }

    @Test
    void everyAttributeValueHasEveryMetricAndAddsUpToTheNation() throws Exception {
        try (Connection c = open(run.resolve("results.duckdb")); Statement s = c.createStatement()) {
            // one row per (year, attribute, value, metric, item): as many as the national rows per value
            long national = single(s, "SELECT count(*) FROM metrics WHERE attribute = 'all'");
            assertThat(single(s, "SELECT count(*) FROM metrics WHERE attribute = 'province'")).isEqualTo(2 * national);
            assertThat(single(s, "SELECT count(*) FROM metrics WHERE attribute = 'setting'")).isEqualTo(2 * national);
            assertThat(single(s, "SELECT count(*) FROM (SELECT DISTINCT year, attribute, value, metric, item FROM metrics)"))
                    .isEqualTo(single(s, "SELECT count(*) FROM metrics"));
            // scaled counts are rounded per value: the values' sum is the national figure within one per value
            try (ResultSet rs = s.executeQuery("SELECT n.year, n.metric, n.item, n.count, sum(v.count) FROM metrics n"
                    + " JOIN metrics v USING (run_id, year, metric, item) WHERE n.attribute = 'all' AND v.attribute = 'setting'"
                    + " AND n.metric <> 'fines' GROUP BY ALL")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(Math.abs(rs.getDouble(4) - rs.getDouble(5))).as(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3))
                            .isLessThanOrEqualTo(2);
                }
                assertThat(rows).isPositive();
            }
            assertThat(single(s, "SELECT count(*) FROM metrics WHERE attribute = 'province' AND metric = 'sanctioned'"
                    + " AND item = 'flight_ban' AND count > 0")).isPositive();
        }
    }

    @Test
    void everyTableHasTheColumnsOfTheInterface() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "runs", List.of("run_id", "scenario", "scenario_yaml", "seed", "sample", "engine", "version", "started_at", "seconds"),
                "metrics", List.of("run_id", "year", "attribute", "value", "metric", "item", "count"),
                "score_hist", List.of("run_id", "year", "bin_low", "count"),
                "stories", List.of("run_id", "category", "person_id"),
                "audit", List.of("run_id", "year", "sanction", "attribute", "value", "rate", "wrongful_share", "disparate_impact"),
                "interval95", List.of("run_id", "year", "metric", "item", "lo", "hi"));
        try (Connection c = open(run.resolve("results.duckdb")); Statement s = c.createStatement()) {
            for (Map.Entry<String, List<String>> t : expected.entrySet()) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                        + t.getKey() + "' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
                assertThat(columns).as(t.getKey()).containsSubsequence(t.getValue());
                assertThat(single(s, "SELECT count(*) FROM " + t.getKey())).as(t.getKey()).isPositive();
            }
        }
    }

    @Test
    void runsRowIdentifiesTheRunAndOtherTablesAgree() throws Exception {
        String yaml = ScenarioWriter.toYaml(ScenarioParser.parse(RunCommandTest.MINIMAL));
        try (Connection c = open(run.resolve("results.duckdb")); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT run_id, scenario, scenario_yaml, seed, sample, engine, version, started_at,"
                    + " seconds FROM runs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("run_id")).matches("minimal-3-0\\.05-[0-9a-f]{8}");
                assertThat(rs.getString("scenario")).isEqualTo("minimal");
                assertThat(rs.getString("scenario_yaml")).isEqualTo(yaml);
                assertThat(rs.getLong("seed")).isEqualTo(3);
                assertThat(rs.getDouble("sample")).isEqualTo(0.05);
                assertThat(rs.getString("engine")).isEqualTo("local");
                assertThat(rs.getString("version")).isEqualTo(summary.get("version").asText());
                assertThat(rs.getTimestamp("started_at")).isNotNull();
                assertThat(rs.getDouble("seconds")).isPositive();
                assertThat(rs.next()).isFalse();
            }
            for (String t : List.of("metrics", "score_hist", "stories", "audit", "interval95")) {
                assertThat(single(s, "SELECT count(*) FROM " + t + " WHERE run_id <> (SELECT run_id FROM runs)")).as(t).isZero();
            }
            assertThat(single(s, "SELECT count(*) FROM stories WHERE category NOT IN ('sanctioned', 'wrongful', 'locked_in', 'rewarded')"))
                    .isZero();
            assertThat(single(s, "SELECT count(DISTINCT category) FROM stories")).isGreaterThanOrEqualTo(2);
            // the year-end histogram covers everyone, up to the rounding of scaled bins
            try (ResultSet rs = s.executeQuery("SELECT h.year, sum(h.count), any_value(m.count), count(*) FROM score_hist h"
                    + " JOIN metrics m ON m.year = h.year AND m.attribute = 'all' AND m.metric = 'population' GROUP BY h.year")) {
                while (rs.next()) {
                    assertThat(Math.abs(rs.getLong(2) - rs.getDouble(3))).isLessThanOrEqualTo(rs.getLong(4));
                }
            }
            // audit rows are Audit.of's figures: disparate impact = lowest rate / highest rate
            try (ResultSet rs = s.executeQuery("SELECT year, sanction, attribute, min(rate) / max(rate), any_value(disparate_impact)"
                    + " FROM audit GROUP BY ALL HAVING max(rate) > 0")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                    assertThat(rs.getDouble(5)).isCloseTo(rs.getDouble(4), org.assertj.core.data.Offset.offset(1e-12));
                }
                assertThat(n).isPositive();
            }
            assertThat(single(s, "SELECT count(*) FROM interval95 WHERE lo > hi")).isZero();
        }
    }

    @Test
    void exportWritesEveryTableAsCsvAndParquet() throws Exception {
        Path csv = shared.resolve("csv");
        RunCommandTest.Outcome o = RunCommandTest.cli("export", run.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<String> tables = List.of("audit", "interval95", "metrics", "runs", "score_hist", "stories");
        for (String t : tables) {
            assertThat(csv.resolve(t + ".csv")).isRegularFile();
            assertThat(o.out()).contains(t + ".csv");
        }
        assertThat(Files.readAllLines(csv.resolve("metrics.csv")).get(0)).isEqualTo("run_id,year,attribute,value,metric,item,count");

        RunCommandTest.Outcome p = RunCommandTest.cli("export", run.toString(), "--format", "parquet");
        assertThat(p.code()).as(p.err()).isZero();
        try (Connection c = open(run.resolve("results.duckdb")); Statement s = c.createStatement()) {
            for (String t : tables) {
                Path file = run.resolve("parquet").resolve(t + ".parquet");
                assertThat(file).isRegularFile();
                assertThat(single(s, "SELECT count(*) FROM read_parquet('" + file + "')")).as(t)
                        .isEqualTo(single(s, "SELECT count(*) FROM " + t));
                long csvRows = Files.readAllLines(csv.resolve(t + ".csv")).size() - 1;
                if (!t.equals("runs")) { // scenario_yaml spans lines
                    assertThat(csvRows).as(t).isEqualTo(single(s, "SELECT count(*) FROM " + t));
                }
            }
        }
    }

    @Test
    void exportRefusesWhatIsNotARun() throws Exception {
        RunCommandTest.Outcome missing = RunCommandTest.cli("export", shared.resolve("nowhere").toString(), "--format", "csv");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("not a directory");
        Path empty = Files.createDirectories(shared.resolve("empty"));
        RunCommandTest.Outcome noDb = RunCommandTest.cli("export", empty.toString(), "--format", "parquet");
        assertThat(noDb.code()).isEqualTo(2);
        assertThat(noDb.err()).contains("no results.duckdb");
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
                    .containsExactlyInAnyOrder("summary.json", "results.duckdb", "report.html");
        }
    }

    /** The database written, then the report failing (or the database itself): no results.duckdb may be left. */
    @ParameterizedTest
    @ValueSource(strings = {"results.duckdb", "report.html"})
    void aFailedWriteLeavesNothingThatLooksComplete(String blocked, @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("broken");
        // the run writes into .broken.partial-PID; a directory where a file should go makes that write fail
        Path partial = tmp.resolve(".broken.partial-" + ProcessHandle.current().pid());
        Files.createDirectories(partial.resolve(blocked));
        Files.writeString(partial.resolve(blocked).resolve("blocker"), "x");
        RunCommandTest.Outcome o = RunCommandTest.cli("run", RunCommandTest.MINIMAL.toString(), "--json", "--sample", "0.01",
                "--out", out.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains(blocked);
        assertThat(out).doesNotExist();
        assertThat(partial).doesNotExist();
    }

    static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
