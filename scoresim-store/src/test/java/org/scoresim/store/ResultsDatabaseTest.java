package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.results.Results;

class ResultsDatabaseTest {
    @TempDir
    Path tmp;

    private Path write(Results r) throws Exception {
        Path db = tmp.resolve("results.duckdb");
        ResultsDatabase.write(r, db, "test", Instant.parse("2026-01-02T03:04:05Z"));
        return db;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void oneRowPerYearAttributeValueMetricAndItem() throws Exception {
        Results r = StoreFixture.run(0.2);
        long items = org.scoresim.model.Metric.names().stream()
                .mapToLong(m -> r.items(m).size())
                .sum();
        long values = r.attributes().values().stream().mapToLong(List::size).sum();
        long bins = r.scoreHistogram(0).length;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(r));
                Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM metrics")).isEqualTo(r.years() * (1 + values) * items);
            assertThat(single(s, "SELECT count(*) FROM score_hist")).isEqualTo(r.years() * bins);
            assertThat(single(s, "SELECT count(*) FROM interval95")).isEqualTo(r.years() * items);
            assertThat(single(s, "SELECT count(*) FROM runs")).isEqualTo(1);
            // one row per group of each attribute and of each pair of attributes
            List<Long> sizes =
                    r.attributes().values().stream().map(v -> (long) v.size()).toList();
            long pairs = 0;
            for (int a = 0; a < sizes.size(); a++) {
                for (int b = a + 1; b < sizes.size(); b++) {
                    pairs += sizes.get(a) * sizes.get(b);
                }
            }
            assertThat(single(s, "SELECT count(*) FROM audit"))
                    .isEqualTo(r.years() * r.sanctions().size() * (values + pairs));
            long stories = org.scoresim.engine.kernel.Tally.STORIES.stream()
                    .mapToLong(k -> r.stories(k).length)
                    .sum();
            assertThat(single(s, "SELECT count(*) FROM stories")).isEqualTo(stories);
            assertThat(single(s, "SELECT epoch(started_at) FROM runs"))
                    .isEqualTo(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond());
        }
    }

    @Test
    void everyHouseholdRunAddsUpExactlyAndHasNoIntervals() throws Exception {
        Results r = StoreFixture.run(1.0);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(r));
                Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM interval95")).isZero();
            // exact counts: each attribute's values add up to the national figure, metric by metric
            assertThat(single(
                            s,
                            "SELECT count(*) FROM (SELECT year, metric, item, v.attribute, any_value(n.count) AS national,"
                                    + " sum(v.count) AS total FROM metrics n JOIN metrics v USING (run_id, year, metric, item)"
                                    + " WHERE n.attribute = 'all' AND v.attribute <> 'all' GROUP BY year, metric, item, v.attribute"
                                    + " HAVING total <> national)"))
                    .isZero();
            assertThat(single(s, "SELECT count(DISTINCT attribute) FROM metrics"))
                    .isEqualTo(3);
            assertThat(single(s, "SELECT sum(count) FROM metrics WHERE attribute = 'all' AND metric = 'population'"))
                    .isEqualTo(r.people() * r.years());
            assertThat(single(s, "SELECT sum(count) FROM score_hist")).isEqualTo(r.people() * r.years());
        }
    }

    /** The tables and columns users query (docs/OUTPUTS.md, README): names, order and types stay as they are. */
    @Test
    void everyTableHasTheColumnsOfTheInterface() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(
                "audit",
                "run_id VARCHAR, year INTEGER, sanction VARCHAR, attribute VARCHAR, value VARCHAR, reference VARCHAR,"
                        + " people BIGINT, sanctioned BIGINT, rate DOUBLE, ratio DOUBLE, ratio_lo DOUBLE, ratio_hi DOUBLE,"
                        + " verdict VARCHAR, wrongful BIGINT, wrongful_rate DOUBLE, wrongful_share DOUBLE,"
                        + " lowest_tier_years DOUBLE, locked_in BIGINT, simulated_people BIGINT,"
                        + " simulated_sanctioned BIGINT");
        expected.put("interval95", "run_id VARCHAR, year INTEGER, metric VARCHAR, item VARCHAR, lo DOUBLE, hi DOUBLE");
        expected.put(
                "metrics",
                "run_id VARCHAR, year INTEGER, attribute VARCHAR, value VARCHAR, metric VARCHAR, item VARCHAR,"
                        + " count DOUBLE");
        expected.put(
                "runs",
                "run_id VARCHAR, scenario VARCHAR, scenario_yaml VARCHAR, scenario_hash VARCHAR, seed BIGINT,"
                        + " sample DOUBLE, engine VARCHAR, version VARCHAR, started_at TIMESTAMP, seconds DOUBLE, households BIGINT,"
                        + " people BIGINT, first_year INTEGER, last_year INTEGER");
        expected.put("score_hist", "run_id VARCHAR, year INTEGER, bin_low INTEGER, count BIGINT");
        expected.put("stories", "run_id VARCHAR, category VARCHAR, rank INTEGER, person_id BIGINT");
        Map<String, String> actual = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(StoreFixture.run(0.2)));
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns"
                            + " ORDER BY table_name, ordinal_position")) {
                while (rs.next()) {
                    actual.merge(rs.getString(1), rs.getString(2) + " " + rs.getString(3), (a, b) -> a + ", " + b);
                }
            }
            for (String table : expected.keySet()) {
                assertThat(single(s, "SELECT count(*) FROM " + table)).as(table).isPositive();
                // one database, one run: every row carries the run's id
                assertThat(single(
                                s,
                                "SELECT count(*) FROM " + table
                                        + " WHERE run_id IS DISTINCT FROM (SELECT run_id FROM runs)"))
                        .as(table)
                        .isZero();
            }
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    /**
     * The audit is tidy (issue: "WHERE four_fifths_fails returned every group, the reference
     * included"): no column but the run's id holds one value on every row, each (year, sanction,
     * attribute) names one reference that is one of its rows, a verdict is given only where the
     * interval excludes the band's ends, and every column is commented.
     */
    @Test
    void theAuditIsTidyNamesItsReferenceAndSaysInconclusive() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(StoreFixture.run(0.2)));
                Statement s = c.createStatement()) {
            for (String column : ResultsDatabase.AUDIT_COMMENTS.keySet()) {
                // minimal has no false matches and (20,000 people) hardly anyone in its lowest tier: 0 throughout
                if (column.isEmpty()
                        || List.of(
                                        "run_id",
                                        "wrongful",
                                        "wrongful_rate",
                                        "wrongful_share",
                                        "locked_in",
                                        "lowest_tier_years")
                                .contains(column)) {
                    continue;
                }
                assertThat(single(s, "SELECT count(DISTINCT " + column + ") FROM audit"))
                        .as("values of audit.%s", column)
                        .isGreaterThan(1);
            }
            assertThat(single(
                            s,
                            "SELECT count(*) FROM (SELECT year, sanction, attribute FROM audit"
                                    + " GROUP BY ALL HAVING sum(sanctioned) > 0 AND (count(DISTINCT reference) <> 1"
                                    + " OR count(*) FILTER (WHERE value = reference) <> 1))"))
                    .as("attributes without one reference among their groups")
                    .isZero();
            assertThat(single(s, "SELECT count(*) FROM audit WHERE reference IS NULL AND sanctioned > 0"))
                    .isZero();
            assertThat(single(s, "SELECT count(*) FROM audit WHERE verdict = 'fails' AND value = reference"))
                    .isZero();
            assertThat(
                            single(
                                    s,
                                    "SELECT count(*) FROM audit WHERE verdict = 'inconclusive'"
                                            + " AND NOT (ratio_lo <= 0.8 AND ratio_hi >= 0.8 OR ratio_lo <= 1.25 AND ratio_hi >= 1.25)"))
                    .isZero();
            assertThat(
                            single(
                                    s,
                                    "SELECT count(*) FROM audit WHERE verdict IN ('fails', 'passes')"
                                            + " AND (ratio_lo <= 0.8 AND ratio_hi >= 0.8 OR ratio_lo <= 1.25 AND ratio_hi >= 1.25)"))
                    .isZero();
            assertThat(single(s, "SELECT count(*) FROM audit WHERE verdict = 'inconclusive'"))
                    .isPositive();
            assertThat(single(
                            s, "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'audit' AND comment IS NULL"))
                    .isZero();
            assertThat(single(s, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit' AND comment IS NULL"))
                    .isZero();
        }
    }

    @Test
    void runIdNamesScenarioSeedSampleAndScenarioHash() throws Exception {
        assertThat(ResultsDatabase.runId(StoreFixture.run(0.2))).matches("minimal-1-0\\.2-[0-9a-f]{8}");
        assertThat(ResultsDatabase.runId(StoreFixture.run(0.2)))
                .isNotEqualTo(ResultsDatabase.runId(StoreFixture.run(1.0)));
    }

    @Test
    void refusesToOverwriteAndLeavesNoWriteAheadLog() throws Exception {
        Path db = write(StoreFixture.run(0.2));
        assertThatThrownBy(() -> ResultsDatabase.write(StoreFixture.run(0.2), db, "test", Instant.now()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("already exists");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("results.duckdb");
        }
    }

    @Test
    void exportCopiesEveryTable() throws Exception {
        Path db = write(StoreFixture.run(0.2));
        List<Path> csv = Export.tables(db, Export.Format.parse("CSV"), tmp.resolve("csv"));
        List<Path> parquet = Export.tables(db, Export.Format.PARQUET, tmp.resolve("pq"));
        assertThat(csv)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "audit.csv", "interval95.csv", "metrics.csv", "runs.csv", "score_hist.csv", "stories.csv");
        assertThat(parquet).hasSize(6).allMatch(Files::isRegularFile);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement()) {
            for (Path file : parquet) {
                String table = file.getFileName().toString().replace(".parquet", "");
                long rows = single(s, "SELECT count(*) FROM " + table);
                assertThat(single(s, "SELECT count(*) FROM read_parquet('" + file + "')"))
                        .as(table)
                        .isEqualTo(rows);
                assertThat(single(
                                s,
                                "SELECT count(*) FROM read_csv('"
                                        + tmp.resolve("csv").resolve(table + ".csv") + "')"))
                        .as(table)
                        .isEqualTo(rows);
            }
        }
        assertThat(Files.readAllLines(tmp.resolve("csv").resolve("metrics.csv")).get(0))
                .isEqualTo("run_id,year,attribute,value,metric,item,count");
        assertThatThrownBy(() -> Export.Format.parse("xlsx")).hasMessageContaining("csv or parquet");
    }
}
