package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.results.Results;

/** sweep.duckdb: the grid, runs committed one by one, reopening to resume, reading back. */
class SweepDatabaseTest {
    private static final SweepDatabase.Identity ID = new SweepDatabase.Identity("minimal", "abc123", "a\nb", 0.2, 1);
    private static final List<Map<String, String>> POINTS = List.of(point("0.01", "x"), point("0.02", "x"));
    private static final Instant CREATED = Instant.parse("2026-01-02T03:00:00Z");

    @TempDir
    Path tmp;

    private static Map<String, String> point(String b, String a) {
        Map<String, String> p = new LinkedHashMap<>(); // the grid's key order, not alphabetical
        p.put("b", b);
        p.put("a", a);
        return p;
    }

    private SweepDatabase create() throws Exception {
        return SweepDatabase.open(tmp, ID, POINTS, 2, "test", CREATED);
    }

    @Test
    void aNewSweepHoldsItsGridAndNoRunsUntilRecorded() throws Exception {
        assertThat(SweepDatabase.exists(tmp)).isFalse();
        try (SweepDatabase db = create()) {
            assertThat(db.done()).isEmpty();
            assertThat(db.points()).containsExactlyElementsOf(POINTS);
            assertThat(db.points().get(0).keySet()).containsExactly("b", "a");
            SweepDatabase.Sweep s = db.sweep();
            assertThat(s.identity()).isEqualTo(ID);
            assertThat(s.replications()).isEqualTo(2);
            assertThat(s.version()).isEqualTo("test");
            assertThat(s.createdAt()).isEqualTo(CREATED);
            assertThat(s.finishedAt()).isNull();
        }
        assertThat(SweepDatabase.exists(tmp)).isTrue();
        assertThat(tmp.resolve(SweepDatabase.FILE)).isRegularFile();
    }

    @Test
    void recordedRunsSurviveClosingAndAReopenedSweepCarriesOn() throws Exception {
        Results r = StoreFixture.run(0.2);
        Instant started = Instant.parse("2026-01-02T03:04:05Z");
        Instant finished = Instant.parse("2026-01-02T03:04:07.250Z");
        Instant complete = Instant.parse("2026-01-02T03:05:00Z");
        try (SweepDatabase db = create()) {
            db.record(new SweepDatabase.RunKey(1, 0), "hash1", r, started, finished, "test");
        }
        try (SweepDatabase db = create()) {
            assertThat(db.done()).containsExactly(new SweepDatabase.RunKey(1, 0));
            db.record(new SweepDatabase.RunKey(0, 1), "hash0", r, started, finished, "test");
            db.finish(2, complete);
        }
        try (SweepDatabase db = SweepDatabase.read(tmp)) {
            assertThat(db.done())
                    .containsExactlyInAnyOrder(new SweepDatabase.RunKey(1, 0), new SweepDatabase.RunKey(0, 1));
            assertThat(db.sweep().finishedAt()).isEqualTo(complete);
            assertThat(db.sweep().createdAt()).isEqualTo(CREATED);
            List<SweepDatabase.Run> runs = db.runs();
            assertThat(runs)
                    .extracting(SweepDatabase.Run::key)
                    .containsExactly(new SweepDatabase.RunKey(0, 1), new SweepDatabase.RunKey(1, 0));
            SweepDatabase.Run run = runs.get(1);
            assertThat(run.seed()).isEqualTo(r.seed());
            assertThat(run.sample()).isEqualTo(0.2);
            assertThat(run.scenarioHash()).isEqualTo("hash1");
            assertThat(run.households()).isEqualTo(r.households());
            assertThat(run.people()).isEqualTo(r.people());
            assertThat(run.version()).isEqualTo("test");
            assertThat(run.startedAt()).isEqualTo(started);
            assertThat(run.finishedAt()).isEqualTo(finished);
            assertThat(run.seconds()).isEqualTo(r.seconds());

            // national figures, every year, scaled as in summary.json (fines: the amount, rounded)
            List<SweepDatabase.Figure> figures = db.figures(new SweepDatabase.RunKey(1, 0));
            long items = org.scoresim.model.Metric.names().stream()
                    .mapToLong(m -> r.items(m).size())
                    .sum();
            assertThat(figures).hasSize((int) (r.years() * items));
            assertThat(figures)
                    .contains(new SweepDatabase.Figure(
                            2014, "sanctioned", "flight_ban", r.scale(r.raw(1, "sanctioned", "flight_ban"))));
            assertThat(figures)
                    .contains(new SweepDatabase.Figure(
                            2015, "fines", "debt_default", Math.round(r.fines(2, "debt_default"))));
            assertThat(db.figures(new SweepDatabase.RunKey(1, 1))).isEmpty();

            // one year, by metric, item and point: the replications asked for
            Map<Integer, List<Long>> flights =
                    db.year(2014, 2).get("sanctioned").get("flight_ban");
            assertThat(flights).containsOnlyKeys(0, 1);
            assertThat(flights.get(1)).containsExactly(r.scale(r.raw(1, "sanctioned", "flight_ban")));
            assertThat(db.year(2014, 1).get("sanctioned").get("flight_ban")).containsOnlyKeys(1);
        }
    }

    @Test
    void aSweepOfAnotherScenarioGridOrSampleIsRefused() throws Exception {
        create().close();
        assertThatThrownBy(() -> SweepDatabase.open(
                        tmp, new SweepDatabase.Identity("minimal", "other", "a\nb", 0.2, 1), POINTS, 2, "t", CREATED))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessage("it holds a sweep of another scenario ('minimal' as it was then)");
        assertThatThrownBy(() -> SweepDatabase.open(
                        tmp, new SweepDatabase.Identity("minimal", "abc123", "a", 0.2, 1), POINTS, 2, "t", CREATED))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessage("it holds a sweep of another grid (--set a --set b)");
        assertThatThrownBy(() -> SweepDatabase.open(
                        tmp, new SweepDatabase.Identity("minimal", "abc123", "a\nb", 0.1, 1), POINTS, 2, "t", CREATED))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessage("it holds a sweep with --sample 0.2 --seed 1");
        // refused without touching it: the same sweep still opens
        try (SweepDatabase db = create()) {
            assertThat(db.sweep().identity()).isEqualTo(ID);
        }
    }

    @Test
    void readingADirectoryWithoutASweepFails() {
        assertThatThrownBy(() -> SweepDatabase.read(tmp))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(SweepDatabase.FILE);
    }

    /** The tables and columns users query (README): names, order, types and keys stay as they are. */
    @Test
    void theTablesAreThoseTheReadmeDocuments() throws Exception {
        create().close();
        Map<String, String> actual = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp.resolve(SweepDatabase.FILE));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, sql FROM duckdb_tables() ORDER BY 1")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(actual)
                .containsExactly(
                        Map.entry(
                                "metrics",
                                "CREATE TABLE metrics(point_id INTEGER, replication INTEGER, \"year\" INTEGER, metric VARCHAR,"
                                        + " item VARCHAR, count BIGINT);"),
                        Map.entry(
                                "points",
                                "CREATE TABLE points(point_id INTEGER, \"key\" VARCHAR, \"value\" VARCHAR,"
                                        + " PRIMARY KEY(point_id, \"key\"));"),
                        Map.entry(
                                "runs",
                                "CREATE TABLE runs(point_id INTEGER, replication INTEGER, seed BIGINT, \"sample\" DOUBLE,"
                                        + " scenario_hash VARCHAR, households BIGINT, people BIGINT, \"version\" VARCHAR, started_at TIMESTAMP,"
                                        + " finished_at TIMESTAMP, \"seconds\" DOUBLE, PRIMARY KEY(point_id, replication));"),
                        Map.entry(
                                "sweep",
                                "CREATE TABLE sweep(scenario VARCHAR, scenario_hash VARCHAR, grid VARCHAR, \"sample\" DOUBLE,"
                                        + " seed BIGINT, replications INTEGER, \"version\" VARCHAR, created_at TIMESTAMP, finished_at TIMESTAMP);"));
    }
}
