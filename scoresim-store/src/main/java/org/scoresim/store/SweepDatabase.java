package org.scoresim.store;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.scoresim.engine.results.Results;

/**
 * {@code OUT/sweep.duckdb} of {@code scoresim sweep}: the points of a sweep, its finished runs and
 * their national figures. Each run is committed on its own as soon as it is done, so an
 * interrupted sweep keeps every finished run and a later one with the same scenario and grid
 * carries on from there.
 *
 * <pre>
 * sweep(scenario, scenario_hash, grid, sample, seed, replications, version, created_at, finished_at)
 * points(point_id, key, value)
 * runs(point_id, replication, seed, sample, scenario_hash, households, people, version, started_at, finished_at, seconds)
 * metrics(point_id, replication, year, metric, item, count)
 * </pre>
 *
 * {@code count} is scaled to the represented population as in summary.json ({@code fines}: the
 * amount, rounded); {@code finished_at} of {@code sweep} stays null until every run asked for is
 * done. Every time stored is one the caller gives, read from its clock, so that tests own the
 * timestamps. Every failure of the database reaches callers as an {@link IOException} naming the cause.
 */
public final class SweepDatabase implements AutoCloseable {
    /** The file name inside a sweep's output directory. */
    public static final String FILE = "sweep.duckdb";

    /** What makes two sweeps the same: the scenario (canonical hash), grid, sample and first seed. */
    public record Identity(String scenario, String scenarioHash, String grid, double sample, long seed) {}

    /** One run of a sweep: a point of the grid (0-based) and a replication (0-based). */
    public record RunKey(int point, int replication) {}

    /** The row of the {@code sweep} table; {@code finishedAt} is null until every run asked for is done. */
    public record Sweep(Identity identity, int replications, String version, Instant createdAt, Instant finishedAt) {}

    /** A row of the {@code runs} table: one finished run. */
    public record Run(
            RunKey key,
            long seed,
            double sample,
            String scenarioHash,
            long households,
            long people,
            String version,
            Instant startedAt,
            Instant finishedAt,
            double seconds) {}

    /** A row of the {@code metrics} table, for one run: a national figure of one year. */
    public record Figure(int year, String metric, String item, long count) {}

    /** The directory holds a sweep of something else. */
    public static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private final Connection db;

    private SweepDatabase(Connection db) {
        this.db = db;
    }

    /** The database file of a sweep's output directory. */
    public static Path in(Path dir) {
        return dir.resolve(FILE);
    }

    /** Whether {@code dir} holds a sweep's database. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(in(dir));
    }

    /**
     * Opens the sweep of {@code dir} for writing, creating it with the grid's {@code points} (each
     * a key path to value map, in the grid's order) when there is none, created at {@code now};
     * refuses one of another identity. Only one process at a time can hold it open.
     */
    public static SweepDatabase open(
            Path dir, Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws IOException, Mismatch {
        Connection db = connect(dir, new Properties());
        try {
            SweepDatabase store = new SweepDatabase(db);
            if (store.hasTable("sweep")) {
                store.check(id);
            } else {
                store.create(id, points, replications, version, now);
            }
            return store;
        } catch (SQLException e) {
            close(db);
            throw failure(e);
        } catch (Mismatch | RuntimeException e) {
            close(db);
            throw e;
        }
    }

    /** Opens the existing sweep of {@code dir} read-only, for its figures. */
    public static SweepDatabase read(Path dir) throws IOException {
        if (!exists(dir)) {
            throw new IOException(dir + " holds no " + FILE);
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return new SweepDatabase(connect(dir, readOnly));
    }

    private static Connection connect(Path dir, Properties properties) throws IOException {
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + in(dir).toAbsolutePath(), properties);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // the failure that made us close it is the one to report
        }
    }

    /** DuckDB's message, unchanged: it names the file or the statement that failed. */
    private static IOException failure(SQLException e) {
        return new IOException(e.getMessage(), e);
    }

    private boolean hasTable(String name) throws SQLException {
        try (PreparedStatement q =
                db.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    private void check(Identity id) throws SQLException, Mismatch {
        Sweep sweep = sweepRow();
        if (sweep == null) {
            throw new Mismatch("its " + FILE + " holds no sweep");
        }
        Identity there = sweep.identity();
        if (!there.scenarioHash().equals(id.scenarioHash())) {
            throw new Mismatch("it holds a sweep of another scenario ('" + there.scenario() + "' as it was then)");
        }
        if (!there.grid().equals(id.grid())) {
            throw new Mismatch(
                    "it holds a sweep of another grid (--set " + there.grid().replace("\n", " --set ") + ")");
        }
        if (there.sample() != id.sample() || there.seed() != id.seed()) {
            throw new Mismatch("it holds a sweep with --sample " + there.sample() + " --seed " + there.seed());
        }
    }

    private void create(Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute(
                    "CREATE TABLE sweep (scenario VARCHAR, scenario_hash VARCHAR, grid VARCHAR, sample DOUBLE, seed BIGINT,"
                            + " replications INTEGER, version VARCHAR, created_at TIMESTAMP, finished_at TIMESTAMP)");
            s.execute(
                    "CREATE TABLE points (point_id INTEGER, key VARCHAR, value VARCHAR, PRIMARY KEY (point_id, key))");
            s.execute(
                    "CREATE TABLE runs (point_id INTEGER, replication INTEGER, seed BIGINT, sample DOUBLE, scenario_hash VARCHAR,"
                            + " households BIGINT, people BIGINT, version VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, seconds DOUBLE,"
                            + " PRIMARY KEY (point_id, replication))");
            s.execute(
                    "CREATE TABLE metrics (point_id INTEGER, replication INTEGER, year INTEGER, metric VARCHAR, item VARCHAR,"
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
            q.setTimestamp(8, Timestamp.from(now));
            q.executeUpdate();
        }
        try (PreparedStatement q = db.prepareStatement("INSERT INTO points VALUES (?, ?, ?)")) {
            for (int p = 0; p < points.size(); p++) {
                for (Map.Entry<String, String> e : points.get(p).entrySet()) {
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

    /** The runs already stored. */
    public Set<RunKey> done() throws IOException {
        Set<RunKey> done = new HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT point_id, replication FROM runs")) {
            while (r.next()) {
                done.add(new RunKey(r.getInt(1), r.getInt(2)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return done;
    }

    /** Stores one finished run and its national figures, in one transaction. */
    public void record(RunKey run, String scenarioHash, Results r, Instant started, Instant finished, String version)
            throws IOException {
        // The first failure is the one reported: once a commit fails (a full disk), DuckDB has
        // ended the transaction, and the rollback and the return to auto-commit fail in turn with
        // "no transaction is active", which said nothing of the cause.
        Exception first = null;
        try {
            db.setAutoCommit(false);
            insert(run, scenarioHash, r, started, finished, version);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            first = e;
            try {
                db.rollback();
            } catch (SQLException x) {
                e.addSuppressed(x);
            }
        }
        try {
            db.setAutoCommit(true);
        } catch (SQLException x) {
            if (first == null) {
                first = x;
            } else {
                first.addSuppressed(x);
            }
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof SQLException e) {
            throw failure(e);
        }
    }

    private void insert(RunKey run, String scenarioHash, Results r, Instant started, Instant finished, String version)
            throws SQLException {
        try (PreparedStatement q = db.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            q.setInt(1, run.point());
            q.setInt(2, run.replication());
            q.setLong(3, r.seed());
            q.setDouble(4, r.sample());
            q.setString(5, scenarioHash);
            q.setLong(6, r.households());
            q.setLong(7, r.people());
            q.setString(8, version);
            q.setTimestamp(9, Timestamp.from(started));
            q.setTimestamp(10, Timestamp.from(finished));
            q.setDouble(11, r.seconds());
            q.executeUpdate();
        }
        try (PreparedStatement q = db.prepareStatement("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int y = 0; y < r.years(); y++) {
                for (String metric : org.scoresim.model.Metric.names()) {
                    for (String item : r.items(metric)) {
                        long count =
                                metric.equals("fines") ? Math.round(r.fines(y, item)) : r.scale(r.raw(y, metric, item));
                        q.setInt(1, run.point());
                        q.setInt(2, run.replication());
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
    }

    /** Marks the sweep complete, at {@code now}, for {@code replications} replications of every point. */
    public void finish(int replications, Instant now) throws IOException {
        try (PreparedStatement q = db.prepareStatement("UPDATE sweep SET replications = ?, finished_at = ?")) {
            q.setInt(1, replications);
            q.setTimestamp(2, Timestamp.from(now));
            q.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The figures of one year: metric, then item, then point, to the values of replications 0 .. replications-1. */
    public Map<String, Map<String, Map<Integer, List<Long>>>> year(int year, int replications) throws IOException {
        Map<String, Map<String, Map<Integer, List<Long>>>> out = new HashMap<>();
        try (PreparedStatement q =
                db.prepareStatement("SELECT metric, item, point_id, count FROM metrics WHERE year = ?"
                        + " AND replication < ? ORDER BY point_id, replication")) {
            q.setInt(1, year);
            q.setInt(2, replications);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(r.getString(2), k -> new HashMap<>())
                            .computeIfAbsent(r.getInt(3), k -> new ArrayList<>())
                            .add(r.getLong(4));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The {@code sweep} row: what was swept, and whether it is finished. */
    public Sweep sweep() throws IOException {
        try {
            Sweep s = sweepRow();
            if (s == null) {
                throw new IOException("its " + FILE + " holds no sweep");
            }
            return s;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Sweep sweepRow() throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT scenario, scenario_hash, grid, sample, seed,"
                        + " replications, version, created_at, finished_at FROM sweep")) {
            if (!r.next()) {
                return null;
            }
            return new Sweep(
                    new Identity(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), r.getLong(5)),
                    r.getInt(6),
                    r.getString(7),
                    instant(r.getTimestamp(8)),
                    instant(r.getTimestamp(9)));
        }
    }

    /** The grid's points, by point id: each its key paths to values, in the order they were stored. */
    public List<Map<String, String>> points() throws IOException {
        List<Map<String, String>> points = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT point_id, key, value FROM points ORDER BY point_id, rowid")) {
            while (r.next()) {
                int p = r.getInt(1);
                while (points.size() <= p) {
                    points.add(new LinkedHashMap<>());
                }
                points.get(p).put(r.getString(2), r.getString(3));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return points;
    }

    /** The finished runs, by point and replication. */
    public List<Run> runs() throws IOException {
        List<Run> runs = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT point_id, replication, seed, sample,"
                                + " scenario_hash, households, people, version, started_at, finished_at, seconds FROM runs ORDER BY point_id, replication")) {
            while (r.next()) {
                runs.add(new Run(
                        new RunKey(r.getInt(1), r.getInt(2)),
                        r.getLong(3),
                        r.getDouble(4),
                        r.getString(5),
                        r.getLong(6),
                        r.getLong(7),
                        r.getString(8),
                        instant(r.getTimestamp(9)),
                        instant(r.getTimestamp(10)),
                        r.getDouble(11)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return runs;
    }

    /** The national figures of one run, every year, by year, metric and item. */
    public List<Figure> figures(RunKey run) throws IOException {
        List<Figure> figures = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT year, metric, item, count FROM metrics"
                + " WHERE point_id = ? AND replication = ? ORDER BY year, metric, item")) {
            q.setInt(1, run.point());
            q.setInt(2, run.replication());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    figures.add(new Figure(r.getInt(1), r.getString(2), r.getString(3), r.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return figures;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
