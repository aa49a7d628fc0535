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
import java.util.function.Function;
import org.scoresim.engine.results.Results;
import org.scoresim.store.SweepDatabase.Figure;
import org.scoresim.store.SweepDatabase.Run;
import org.scoresim.store.SweepDatabase.RunKey;

/**
 * The tables a database of many runs shares ({@link SweepDatabase}, {@link SensitivityDatabase}):
 * {@code points}, {@code runs} and {@code metrics}, as docs/OUTPUTS.md describes them for
 * {@code sweep.duckdb}, and the one-row table of the whole design ({@code sweep},
 * {@code sensitivity}) whose {@code replications} and {@code finished_at} are set when every run is done.
 */
public abstract sealed class RunTables implements AutoCloseable permits SweepDatabase, SensitivityDatabase {
    final Connection db;
    private final String design;

    RunTables(Connection db, String design) {
        this.db = db;
        this.design = design;
    }

    static Connection connect(Path file, Properties properties) throws IOException {
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // the failure that made us close it is the one to report
        }
    }

    /** DuckDB's message, unchanged: it names the file or the statement that failed. */
    static IOException failure(SQLException e) {
        return new IOException(e.getMessage(), e);
    }

    /**
     * Opens {@code file} for writing through {@code wrap}, creating the design's tables with its
     * {@code points} (each a key path to value map, in the design's order) when there are none, at
     * {@code now}, and otherwise refusing one of another identity. Only one process at a time can
     * hold it open.
     */
    static <T extends RunTables> T open(
            Path file,
            Function<Connection, T> wrap,
            SweepDatabase.Identity id,
            List<Map<String, String>> points,
            int replications,
            String version,
            Instant now)
            throws IOException, SweepDatabase.Mismatch {
        Connection db = connect(file, new Properties());
        try {
            T store = wrap.apply(db);
            if (store.hasTable(((RunTables) store).design)) {
                store.check(id);
            } else {
                store.create(id, points, replications, version, now);
            }
            return store;
        } catch (SQLException e) {
            close(db);
            throw failure(e);
        } catch (SweepDatabase.Mismatch | RuntimeException e) {
            close(db);
            throw e;
        }
    }

    /** A read-only connection to {@code file}, which must exist (its folder "holds no" it otherwise). */
    static Connection readOnly(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.getParent() + " holds no " + file.getFileName());
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return connect(file, readOnly);
    }

    /** Refuses a database made for another design (another scenario, grid, sample or seed). */
    abstract void check(SweepDatabase.Identity id) throws SQLException, SweepDatabase.Mismatch;

    /** Creates the tables of a new design. */
    abstract void create(
            SweepDatabase.Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws SQLException;

    boolean hasTable(String name) throws SQLException {
        try (PreparedStatement q =
                db.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    /** Creates {@code points}, {@code runs} and {@code metrics} and stores the points (inside the caller's transaction). */
    void createRunTables(List<Map<String, String>> points) throws SQLException {
        try (Statement s = db.createStatement()) {
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

    /** Marks the design complete, at {@code now}, for {@code replications} replications of every point. */
    public void finish(int replications, Instant now) throws IOException {
        try (PreparedStatement q = db.prepareStatement("UPDATE " + design + " SET replications = ?, finished_at = ?")) {
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

    /** The design's points, by point id: each its key paths to values, in the order they were stored. */
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

    static Instant instant(Timestamp t) {
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
