package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
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
        long items = org.scoresim.model.Metric.names().stream().mapToLong(m -> r.items(m).size()).sum();
        long values = r.attributes().values().stream().mapToLong(List::size).sum();
        long bins = r.scoreHistogram(0).length;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(r)); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM metrics")).isEqualTo(r.years() * (1 + values) * items);
            assertThat(single(s, "SELECT count(*) FROM score_hist")).isEqualTo(r.years() * bins);
            assertThat(single(s, "SELECT count(*) FROM interval95")).isEqualTo(r.years() * items);
            assertThat(single(s, "SELECT count(*) FROM runs")).isEqualTo(1);
            assertThat(single(s, "SELECT count(*) FROM audit")).isEqualTo(r.years() * r.sanctions().size() * values);
            long stories = org.scoresim.engine.kernel.Tally.STORIES.stream().mapToLong(k -> r.stories(k).length).sum();
            assertThat(single(s, "SELECT count(*) FROM stories")).isEqualTo(stories);
            assertThat(single(s, "SELECT epoch(started_at) FROM runs")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond());
        }
    }

    @Test
    void everyHouseholdRunAddsUpExactlyAndHasNoIntervals() throws Exception {
        Results r = StoreFixture.run(1.0);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + write(r)); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM interval95")).isZero();
            // exact counts: each attribute's values add up to the national figure, metric by metric
            assertThat(single(s, "SELECT count(*) FROM (SELECT year, metric, item, v.attribute, any_value(n.count) AS national,"
                    + " sum(v.count) AS total FROM metrics n JOIN metrics v USING (run_id, year, metric, item)"
                    + " WHERE n.attribute = 'all' AND v.attribute <> 'all' GROUP BY year, metric, item, v.attribute"
                    + " HAVING total <> national)")).isZero();
            assertThat(single(s, "SELECT count(DISTINCT attribute) FROM metrics")).isEqualTo(3);
            assertThat(single(s, "SELECT sum(count) FROM metrics WHERE attribute = 'all' AND metric = 'population'"))
                    .isEqualTo(r.people() * r.years());
            assertThat(single(s, "SELECT sum(count) FROM score_hist")).isEqualTo(r.people() * r.years());
        }
    }

    @Test
    void runIdNamesScenarioSeedSampleAndScenarioHash() throws Exception {
        assertThat(ResultsDatabase.runId(StoreFixture.run(0.2))).matches("minimal-1-0\\.2-[0-9a-f]{8}");
        assertThat(ResultsDatabase.runId(StoreFixture.run(0.2))).isNotEqualTo(ResultsDatabase.runId(StoreFixture.run(1.0)));
    }

    @Test
    void refusesToOverwriteAndLeavesNoWriteAheadLog() throws Exception {
        Path db = write(StoreFixture.run(0.2));
        assertThatThrownBy(() -> ResultsDatabase.write(StoreFixture.run(0.2), db, "test", Instant.now()))
                .isInstanceOf(SQLException.class).hasMessageContaining("already exists");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("results.duckdb");
        }
    }

    @Test
    void exportCopiesEveryTable() throws Exception {
        Path db = write(StoreFixture.run(0.2));
        List<Path> csv = Export.tables(db, Export.Format.parse("CSV"), tmp.resolve("csv"));
        List<Path> parquet = Export.tables(db, Export.Format.PARQUET, tmp.resolve("pq"));
        assertThat(csv).extracting(p -> p.getFileName().toString())
                .containsExactly("audit.csv", "interval95.csv", "metrics.csv", "runs.csv", "score_hist.csv", "stories.csv");
        assertThat(parquet).hasSize(6).allMatch(Files::isRegularFile);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM read_parquet('" + tmp.resolve("pq").resolve("metrics.parquet") + "')"))
                    .isEqualTo(single(s, "SELECT count(*) FROM read_csv('" + tmp.resolve("csv").resolve("metrics.csv") + "')"));
        }
        assertThatThrownBy(() -> Export.Format.parse("xlsx")).hasMessageContaining("csv or parquet");
    }
}
