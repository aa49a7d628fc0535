package org.scoresim.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
public final class SweepDatabase extends RunTables {
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

    private SweepDatabase(Connection db) {
        super(db, "sweep");
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
        return open(in(dir), SweepDatabase::new, id, points, replications, version, now);
    }

    /** Opens the existing sweep of {@code dir} read-only, for its figures. */
    public static SweepDatabase read(Path dir) throws IOException {
        return new SweepDatabase(readOnly(in(dir)));
    }

    @Override
    void check(Identity id) throws SQLException, Mismatch {
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

    @Override
    void create(Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute(
                    "CREATE TABLE sweep (scenario VARCHAR, scenario_hash VARCHAR, grid VARCHAR, sample DOUBLE, seed BIGINT,"
                            + " replications INTEGER, version VARCHAR, created_at TIMESTAMP, finished_at TIMESTAMP)");
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
        createRunTables(points);
        db.commit();
        db.setAutoCommit(true);
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
}
