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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scoresim.store.SweepDatabase.Identity;
import org.scoresim.store.SweepDatabase.Mismatch;

/**
 * {@code OUT/sensitivity.duckdb} of {@code scoresim sensitivity}: the design (its method, ranges
 * and sample points), its finished runs and their national figures, and the indices last computed
 * from them. As in {@link SweepDatabase}, each run is committed on its own as soon as it is done,
 * so an interrupted analysis keeps every finished run and the same command carries on from there.
 *
 * <pre>
 * sensitivity(scenario, scenario_hash, design, sample, seed, replications, version, created_at, finished_at)
 * points(point_id, key, value)
 * runs(point_id, replication, seed, sample, scenario_hash, households, people, version, started_at, finished_at, seconds)
 * metrics(point_id, replication, year, metric, item, count)
 * indices(metric, item, key, measure, value, lo, hi, noise_floor, years)
 * </pre>
 *
 * Every table and column carries a {@code COMMENT ON} that says what it holds (docs/OUTPUTS.md).
 */
public final class SensitivityDatabase extends RunTables {
    /** The file name inside a sensitivity analysis's output directory. */
    public static final String FILE = "sensitivity.duckdb";

    /** A row of {@code indices}: one measure of one key for one output; {@code noiseFloor} null without replications. */
    public record Index(
            String metric,
            String item,
            String key,
            String measure,
            double value,
            double lo,
            double hi,
            Double noiseFloor,
            String years) {}

    private static final String[][] COMMENTS = {
        {"sensitivity", null, "the analysis: one row"},
        {"sensitivity", "scenario", "the scenario's name"},
        {"sensitivity", "scenario_hash", "SHA-256 of its plain YAML: another scenario cannot resume this analysis"},
        {"sensitivity", "design", "the method, its size and the --vary ranges, one per line"},
        {"sensitivity", "sample", "the sample fraction"},
        {"sensitivity", "seed", "the seed of replication 0, the same at every point (common random numbers)"},
        {"sensitivity", "replications", "replications per point"},
        {"sensitivity", "version", "scoresim's version"},
        {"sensitivity", "created_at", "when the analysis began"},
        {"sensitivity", "finished_at", "when its last run ended; NULL until every run is done"},
        {"points", null, "the sample points of the design, each setting every varied key"},
        {"points", "point_id", "the point, from 0"},
        {"points", "key", "a key path of --vary"},
        {"points", "value", "its value at this point"},
        {"runs", null, "one row per finished run"},
        {"runs", "point_id", "the point"},
        {"runs", "replication", "the replication, from 0"},
        {"runs", "seed", "its seed"},
        {"runs", "sample", "the sample fraction"},
        {"runs", "scenario_hash", "SHA-256 of the point's scenario"},
        {"runs", "households", "households simulated"},
        {"runs", "people", "people simulated"},
        {"runs", "version", "scoresim's version"},
        {"runs", "started_at", "when the run started"},
        {"runs", "finished_at", "when it ended"},
        {"runs", "seconds", "how long it took"},
        {"metrics", null, "every national figure of every finished run, every year"},
        {"metrics", "point_id", "the point"},
        {"metrics", "replication", "the replication"},
        {"metrics", "year", "the calendar year"},
        {"metrics", "metric", "the metric"},
        {"metrics", "item", "the item ('' for none)"},
        {"metrics", "count", "the national figure, scaled as in summary.json (fines rounded to the yuan)"},
        {"indices", null, "the indices of the last completed report (replaced by each)"},
        {"indices", "metric", "the metric"},
        {"indices", "item", "its item ('' for none)"},
        {"indices", "key", "the varied key path"},
        {"indices", "measure", "first_order, total_order (Sobol) or mu_star, mu, sigma (Morris)"},
        {"indices", "value", "the estimate"},
        {"indices", "lo", "lower end of its bootstrap 95% interval (NULL for mu and sigma)"},
        {"indices", "hi", "upper end of its bootstrap 95% interval (NULL for mu and sigma)"},
        {
            "indices",
            "noise_floor",
            "the share of the output's variance that replication noise explains; NULL with one replication"
        },
        {"indices", "years", "the year, or the years and how they were aggregated (2013..2018 sum)"},
    };

    private SensitivityDatabase(Connection db) {
        super(db, "sensitivity");
    }

    /** The database file of an analysis's output directory. */
    public static Path in(Path dir) {
        return dir.resolve(FILE);
    }

    /** Whether {@code dir} holds an analysis's database. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(in(dir));
    }

    /**
     * Opens the analysis of {@code dir} for writing, creating it with its {@code points} when there
     * is none; refuses one of another identity ({@code id.grid()} is the design's description).
     * Only one process at a time can hold it open.
     */
    public static SensitivityDatabase open(
            Path dir, Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws IOException, Mismatch {
        return open(in(dir), SensitivityDatabase::new, id, points, replications, version, now);
    }

    /** Opens the existing analysis of {@code dir} read-only. */
    public static SensitivityDatabase read(Path dir) throws IOException {
        return new SensitivityDatabase(readOnly(in(dir)));
    }

    @Override
    void check(Identity id) throws SQLException, Mismatch {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT scenario, scenario_hash, design, sample, seed FROM sensitivity")) {
            if (!r.next()) {
                throw new Mismatch("its " + FILE + " holds no analysis");
            }
            if (!r.getString(2).equals(id.scenarioHash())) {
                throw new Mismatch(
                        "it holds an analysis of another scenario ('" + r.getString(1) + "' as it was then)");
            }
            if (!r.getString(3).equals(id.grid())) {
                throw new Mismatch("it holds an analysis of another design ("
                        + r.getString(3).replace("\n", "; ") + ")");
            }
            if (r.getDouble(4) != id.sample() || r.getLong(5) != id.seed()) {
                throw new Mismatch("it holds an analysis with --sample " + r.getDouble(4) + " --seed " + r.getLong(5));
            }
        }
    }

    @Override
    void create(Identity id, List<Map<String, String>> points, int replications, String version, Instant now)
            throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute(
                    "CREATE TABLE sensitivity (scenario VARCHAR, scenario_hash VARCHAR, design VARCHAR, sample DOUBLE,"
                            + " seed BIGINT, replications INTEGER, version VARCHAR, created_at TIMESTAMP, finished_at TIMESTAMP)");
            s.execute("CREATE TABLE indices (metric VARCHAR, item VARCHAR, key VARCHAR, measure VARCHAR, value DOUBLE,"
                    + " lo DOUBLE, hi DOUBLE, noise_floor DOUBLE, years VARCHAR)");
        }
        try (PreparedStatement q =
                db.prepareStatement("INSERT INTO sensitivity VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
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
        try (Statement s = db.createStatement()) {
            for (String[] c : COMMENTS) {
                s.execute(
                        c[1] == null
                                ? "COMMENT ON TABLE " + c[0] + " IS " + quote(c[2])
                                : "COMMENT ON COLUMN " + c[0] + "." + c[1] + " IS " + quote(c[2]));
            }
        }
        db.commit();
        db.setAutoCommit(true);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Replaces the {@code indices} table's rows with these, in one transaction. */
    public void indices(List<Index> rows) throws IOException {
        try {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.execute("DELETE FROM indices");
            }
            try (PreparedStatement q = db.prepareStatement("INSERT INTO indices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Index i : rows) {
                    q.setString(1, i.metric());
                    q.setString(2, i.item());
                    q.setString(3, i.key());
                    q.setString(4, i.measure());
                    q.setDouble(5, i.value());
                    setDouble(q, 6, i.lo());
                    setDouble(q, 7, i.hi());
                    setDouble(q, 8, i.noiseFloor() == null ? Double.NaN : i.noiseFloor());
                    q.setString(9, i.years());
                    q.addBatch();
                }
                q.executeBatch();
            }
            db.commit();
            db.setAutoCommit(true);
        } catch (SQLException e) {
            try {
                db.rollback();
                db.setAutoCommit(true);
            } catch (SQLException x) {
                e.addSuppressed(x);
            }
            throw failure(e);
        }
    }

    private static void setDouble(PreparedStatement q, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            q.setNull(i, java.sql.Types.DOUBLE);
        } else {
            q.setDouble(i, v);
        }
    }

    /** The rows of {@code indices}, as last written. */
    public List<Index> indices() throws IOException {
        List<Index> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT metric, item, key, measure, value, lo, hi, noise_floor, years"
                        + " FROM indices ORDER BY rowid")) {
            while (r.next()) {
                double nf = r.getDouble(8);
                Double noise = r.wasNull() ? null : nf;
                double lo = r.getDouble(6);
                lo = r.wasNull() ? Double.NaN : lo;
                double hi = r.getDouble(7);
                hi = r.wasNull() ? Double.NaN : hi;
                out.add(new Index(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getDouble(5),
                        lo,
                        hi,
                        noise,
                        r.getString(9)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }
}
