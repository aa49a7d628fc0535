package org.scoresim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;

/**
 * {@code OUT/sweep.duckdb}: the points of a sweep, its finished runs and their national figures.
 * Each run is committed on its own as soon as it is done, so an interrupted sweep keeps every
 * finished run and a later one with the same scenario and grid carries on from there.
 *
 * <pre>
 * sweep(scenario, scenario_hash, grid, sample, seed, replications, version, created_at, finished_at)
 * points(point_id, key, value)
 * runs(point_id, replication, seed, sample, scenario_hash, households, people, version, started_at, finished_at, seconds)
 * metrics(point_id, replication, year, metric, item, count)
 * </pre>
 *
 * {@code count} is scaled to the represented population as in summary.json ({@code fines}: the
 * amount, rounded); {@code finished_at} of {@code sweep} stays null until every run asked for is done.
 */
final class SweepStore implements AutoCloseable {
    static final String FILE = "sweep.duckdb";

    /** What makes two sweeps the same: the scenario (canonical hash), grid, sample and first seed. */
    record Identity(String scenario, String scenarioHash, String grid, double sample, long seed) {}

    /** The directory holds a sweep of something else. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private final Connection db;

    private SweepStore(Connection db) {
        this.db = db;
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Opens the sweep of {@code dir}, creating it when there is none; refuses one of another identity. */
    static SweepStore open(Path dir, Identity id, SweepGrid grid, int replications, String version) throws SQLException, Mismatch {
        Connection db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(FILE).toAbsolutePath());
        try {
            SweepStore store = new SweepStore(db);
            if (store.hasTable("sweep")) {
                store.check(id);
            } else {
                store.create(id, grid, replications, version);
            }
            return store;
        } catch (SQLException | Mismatch | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private boolean hasTable(String name) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    private void check(Identity id) throws SQLException, Mismatch {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT scenario, scenario_hash, grid, sample, seed FROM sweep")) {
            if (!r.next()) {
                throw new Mismatch("its sweep.duckdb holds no sweep");
            }
            Identity there = new Identity(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), r.getLong(5));
            if (!there.scenarioHash().equals(id.scenarioHash())) {
                throw new Mismatch("it holds a sweep of another scenario ('" + there.scenario() + "' as it was then)");
            }
            if (!there.grid().equals(id.grid())) {
                throw new Mismatch("it holds a sweep of another grid (--set " + there.grid().replace("\n", " --set ") + ")");
            }
            if (there.sample() != id.sample() || there.seed() != id.seed()) {
                throw new Mismatch("it holds a sweep with --sample " + there.sample() + " --seed " + there.seed());
            }
        }
    }

    private void create(Identity id, SweepGrid grid, int replications, String version) throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE sweep (scenario VARCHAR, scenario_hash VARCHAR, grid VARCHAR, sample DOUBLE, seed BIGINT,"
                    + " replications INTEGER, version VARCHAR, created_at TIMESTAMP, finished_at TIMESTAMP)");
            s.execute("CREATE TABLE points (point_id INTEGER, key VARCHAR, value VARCHAR, PRIMARY KEY (point_id, key))");
            s.execute("CREATE TABLE runs (point_id INTEGER, replication INTEGER, seed BIGINT, sample DOUBLE, scenario_hash VARCHAR,"
                    + " households BIGINT, people BIGINT, version VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, seconds DOUBLE,"
                    + " PRIMARY KEY (point_id, replication))");
            s.execute("CREATE TABLE metrics (point_id INTEGER, replication INTEGER, year INTEGER, metric VARCHAR, item VARCHAR,"
                    + " count BIGINT)");
        }
        try (PreparedStatement q = db.prepareStatement("INSERT INTO sweep VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
            q.setString(1, id.scenario());
            q.setString(2, id.scenarioHash());
            q.setString(3, id.grid());
            q.setDouble(4, id.sample());
            q.setLong(5, id.seed());
            q.setInt(6, replications);
            q.setString(7, version);
            q.setTimestamp(8, Timestamp.from(Instant.now()));
            q.executeUpdate();
        }
        try (PreparedStatement q = db.prepareStatement("INSERT INTO points VALUES (?, ?, ?)")) {
            for (int p = 0; p < grid.size(); p++) {
                for (Map.Entry<String, String> e : grid.point(p).entrySet()) {
                    q.setInt(1, p);
                    q.setString(2, e.getKey());
                    q.setString(3, e.getValue());
                    q.addBatch();
                }
            }
            q.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
    }

    /** The finished runs, as point x replication pairs {@code point * 1_000_000 + replication}. */
    Set<Long> done() throws SQLException {
        Set<Long> done = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT point_id, replication FROM runs")) {
            while (r.next()) {
                done.add(pair(r.getInt(1), r.getInt(2)));
            }
        }
        return done;
    }

    static long pair(int point, int replication) {
        return point * 1_000_000L + replication;
    }

    /** Stores one finished run and its national figures, in one transaction. */
    void record(int point, int replication, String scenarioHash, Results r, Instant started, String version) throws SQLException {
        db.setAutoCommit(false);
        try {
            try (PreparedStatement q = db.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                q.setInt(1, point);
                q.setInt(2, replication);
                q.setLong(3, r.seed());
                q.setDouble(4, r.sample());
                q.setString(5, scenarioHash);
                q.setLong(6, r.households());
                q.setLong(7, r.people());
                q.setString(8, version);
                q.setTimestamp(9, Timestamp.from(started));
                q.setTimestamp(10, Timestamp.from(Instant.now()));
                q.setDouble(11, r.seconds());
                q.executeUpdate();
            }
            try (PreparedStatement q = db.prepareStatement("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int y = 0; y < r.years(); y++) {
                    for (String metric : Metric.names()) {
                        for (String item : r.items(metric)) {
                            long count = metric.equals("fines") ? Math.round(r.fines(y, item)) : r.scale(r.raw(y, metric, item));
                            q.setInt(1, point);
                            q.setInt(2, replication);
                            q.setInt(3, r.firstYear() + y);
                            q.setString(4, metric);
                            q.setString(5, item);
                            q.setLong(6, count);
                            q.addBatch();
                        }
                    }
                }
                q.executeBatch();
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Marks the sweep complete for {@code replications} replications of every point. */
    void finish(int replications) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("UPDATE sweep SET replications = ?, finished_at = ?")) {
            q.setInt(1, replications);
            q.setTimestamp(2, Timestamp.from(Instant.now()));
            q.executeUpdate();
        }
    }

    /** The figures of one year: metric, then item, then point, to the values of replications 0 .. replications-1. */
    Map<String, Map<String, Map<Integer, List<Long>>>> year(int year, int replications) throws SQLException {
        Map<String, Map<String, Map<Integer, List<Long>>>> out = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT metric, item, point_id, count FROM metrics WHERE year = ?"
                + " AND replication < ? ORDER BY point_id, replication")) {
            q.setInt(1, year);
            q.setInt(2, replications);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new HashMap<>()).computeIfAbsent(r.getString(2), k -> new HashMap<>())
                            .computeIfAbsent(r.getInt(3), k -> new ArrayList<>()).add(r.getLong(4));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
