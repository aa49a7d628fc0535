package org.scoresim.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Audit;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.model.Metric;
import org.scoresim.model.ScenarioWriter;

/**
 * {@code OUT/results.duckdb} (docs/OUTPUTS.md): one run's figures as DuckDB tables any DuckDB client
 * can query, written here, read back with {@link ResultsFile} and copied out with {@link Export}.
 *
 * <pre>
 * runs(run_id, scenario, scenario_yaml, scenario_hash, seed, sample, engine, version, started_at, seconds,
 *      households, people, first_year, last_year)
 * metrics(run_id, year, attribute, value, metric, item, count)
 * score_hist(run_id, year, bin_low, count)
 * stories(run_id, category, rank, person_id)
 * audit(run_id, year, sanction, attribute, value, reference, people, sanctioned, rate, ratio, ratio_lo, ratio_hi,
 *       verdict, wrongful, wrongful_rate, wrongful_share, lowest_tier_years, locked_in, simulated_people,
 *       simulated_sanctioned)
 * interval95(run_id, year, metric, item, lo, hi)
 * </pre>
 *
 * National rows of {@code metrics} ({@code attribute = value = 'all'}) are the numbers of
 * summary.json, exactly; the other rows are the same metrics per attribute value (docs/MODEL.md 7).
 *
 * <p>{@code count} is a DOUBLE because {@code fines} are currency amounts (rounded to cents as in
 * summary.json); every other metric is a whole number of people or events, exact in a double up to
 * 2^53. Rows are bulk-loaded with DuckDB's appender: a China run's tens of thousands of rows take
 * milliseconds.
 */
public final class ResultsDatabase {
    /** The file name inside a run directory. */
    public static final String FILE = "results.duckdb";

    /** Tables and their columns, in order (the appender fills columns by position). */
    static final Map<String, String> TABLES = tables();

    private ResultsDatabase() {}

    private static Map<String, String> tables() {
        Map<String, String> t = new java.util.LinkedHashMap<>();
        t.put(
                "runs",
                "run_id VARCHAR PRIMARY KEY, scenario VARCHAR, scenario_yaml VARCHAR, scenario_hash VARCHAR,"
                        + " seed BIGINT, sample DOUBLE, engine VARCHAR, version VARCHAR, started_at TIMESTAMP,"
                        + " seconds DOUBLE, households BIGINT, people BIGINT, first_year INTEGER, last_year INTEGER");
        t.put(
                "metrics",
                "run_id VARCHAR, year INTEGER, attribute VARCHAR, value VARCHAR, metric VARCHAR,"
                        + " item VARCHAR, count DOUBLE");
        t.put("score_hist", "run_id VARCHAR, year INTEGER, bin_low INTEGER, count BIGINT");
        t.put("stories", "run_id VARCHAR, category VARCHAR, rank INTEGER, person_id BIGINT");
        t.put(
                "audit",
                "run_id VARCHAR, year INTEGER, sanction VARCHAR, attribute VARCHAR, value VARCHAR,"
                        + " reference VARCHAR, people BIGINT, sanctioned BIGINT, rate DOUBLE, ratio DOUBLE,"
                        + " ratio_lo DOUBLE, ratio_hi DOUBLE, verdict VARCHAR, wrongful BIGINT, wrongful_rate DOUBLE,"
                        + " wrongful_share DOUBLE, lowest_tier_years DOUBLE, locked_in BIGINT,"
                        + " simulated_people BIGINT, simulated_sanctioned BIGINT");
        t.put("interval95", "run_id VARCHAR, year INTEGER, metric VARCHAR, item VARCHAR, lo DOUBLE, hi DOUBLE");
        return java.util.Collections.unmodifiableMap(t);
    }

    /** {@code COMMENT ON} the audit table and its columns, as docs/OUTPUTS.md describes them. */
    static final Map<String, String> AUDIT_COMMENTS = auditComments();

    private static Map<String, String> auditComments() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(
                "",
                "The fairness audit: one row per year, sanction, attribute (or pair of attributes) and group,"
                        + " its rate and its ratio to the named reference group with a 95% interval");
        m.put("run_id", "the run");
        m.put("year", "the calendar year");
        m.put("sanction", "the sanction");
        m.put("attribute", "the attribute, or two joined by a comma (province,income) for their intersection");
        m.put("value", "the group: the attribute's value, or the two values joined by a comma");
        m.put(
                "reference",
                "the reference group of the ratio: the lowest rate above 0 (NULL when no one is sanctioned)");
        m.put("people", "people in the group, scaled");
        m.put("sanctioned", "people of the group sanctioned at any instant of the year, scaled");
        m.put("rate", "sanctioned / people (NULL with no people)");
        m.put("ratio", "rate / the reference's rate (1 for the reference itself)");
        m.put("ratio_lo", "lower end of the ratio's 95% log-ratio interval, from the simulated counts");
        m.put("ratio_hi", "upper end of that interval");
        m.put(
                "verdict",
                "four-fifths rule: fails when the interval lies outside [0.8, 1.25], passes when inside,"
                        + " inconclusive when it crosses 0.8 or 1.25; reference for the reference");
        m.put(
                "wrongful",
                "people of the group who would not have had the sanction without misattributed events, scaled");
        m.put("wrongful_rate", "wrongful / people");
        m.put("wrongful_share", "wrongful / sanctioned (NULL when none is sanctioned)");
        m.put("lowest_tier_years", "year ends in the lowest tier per member, from the first year to this one");
        m.put("locked_in", "people of the group in the lowest tier at each of the last 3 year ends, scaled");
        m.put("simulated_people", "people of the group simulated (of the sample)");
        m.put("simulated_sanctioned", "of them, sanctioned");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Loads DuckDB's native library (about a second: it is unpacked from the jar) on a background
     * thread, so that a run pays for it while it simulates rather than after.
     */
    public static void warmUp() {
        Thread t = new Thread(
                () -> {
                    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                        c.isValid(0);
                    } catch (SQLException | RuntimeException | LinkageError e) {
                        // write() meets the same problem and reports it
                    }
                },
                "scoresim-duckdb-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The run's identity: {@code <scenario>-<seed>-<sample>-<first 8 hex digits of the canonical YAML's SHA-256>}. */
    public static String runId(Results r) {
        return r.scenarioName() + "-" + r.seed() + "-" + r.sample() + "-"
                + ScenarioWriter.hash(r.scenario()).substring(0, 8);
    }

    /**
     * Writes a new database file (which must not exist yet). Callers write it inside a run's
     * partial directory, so that a failed or interrupted write never looks complete. A failure
     * of DuckDB comes as an IOException with DuckDB's message (it names the file).
     */
    public static void write(Results r, Path file, String version, Instant startedAt) throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + " already exists");
        }
        try {
            writeTables(r, file, version, startedAt);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void writeTables(Results r, Path file, String version, Instant startedAt) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, String> t : TABLES.entrySet()) {
                    s.execute("CREATE TABLE " + t.getKey() + " (" + t.getValue() + ")");
                }
                for (Map.Entry<String, String> comment : AUDIT_COMMENTS.entrySet()) {
                    s.execute("COMMENT ON "
                            + (comment.getKey().isEmpty() ? "TABLE audit" : "COLUMN audit." + comment.getKey())
                            + " IS '" + comment.getValue().replace("'", "''") + "'");
                }
            }
            String id = runId(r);
            run(c, r, id, version, startedAt);
            try (DuckDBAppender a = duck.createAppender("metrics")) {
                metrics(a, r, id);
            }
            try (DuckDBAppender a = duck.createAppender("score_hist")) {
                scoreHistogram(a, r, id);
            }
            try (DuckDBAppender a = duck.createAppender("stories")) {
                for (String category : Tally.STORIES) {
                    long[] ids = r.stories(category);
                    for (int i = 0; i < ids.length; i++) {
                        a.beginRow()
                                .append(id)
                                .append(category)
                                .append(i)
                                .append(ids[i])
                                .endRow();
                    }
                }
            }
            try (DuckDBAppender a = duck.createAppender("audit")) {
                audit(a, r, id);
            }
            try (DuckDBAppender a = duck.createAppender("interval95")) {
                intervals(a, r, id);
            }
        }
    }

    private static void run(Connection c, Results r, String id, String version, Instant startedAt) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, r.scenarioName());
            p.setString(3, ScenarioWriter.toYaml(r.scenario()));
            p.setString(4, ScenarioWriter.hash(r.scenario()));
            p.setLong(5, r.seed());
            p.setDouble(6, r.sample());
            p.setString(7, r.engine());
            p.setString(8, version);
            p.setObject(9, LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC)); // UTC
            p.setDouble(10, r.seconds());
            p.setLong(11, r.households());
            p.setLong(12, r.people());
            p.setInt(13, r.firstYear());
            p.setInt(14, r.firstYear() + r.years() - 1);
            p.executeUpdate();
        }
    }

    /** National rows from {@link Summary#year} (so they equal summary.json), then one block per attribute value. */
    private static void metrics(DuckDBAppender a, Results r, String id) throws SQLException {
        for (int y = 0; y < r.years(); y++) {
            int year = r.firstYear() + y;
            Map<String, Object> national = Summary.year(r, y);
            for (String metric : Metric.names()) {
                Object v = national.get(metric);
                for (String item : r.items(metric)) {
                    Object n = v instanceof Map<?, ?> m ? m.get(item) : v;
                    row(a, id, year, "all", "all", metric, item, ((Number) n).doubleValue());
                }
            }
            for (Map.Entry<String, List<String>> attribute : r.attributes().entrySet()) {
                for (String value : attribute.getValue()) {
                    for (String metric : Metric.names()) {
                        for (String item : r.items(metric)) {
                            long raw = r.raw(y, attribute.getKey(), value, metric, item);
                            double count = metric.equals("fines") ? fines(r, item, raw) : r.scale(raw);
                            row(a, id, year, attribute.getKey(), value, metric, item, count);
                        }
                    }
                }
            }
        }
    }

    private static void row(
            DuckDBAppender a,
            String id,
            int year,
            String attribute,
            String value,
            String metric,
            String item,
            double count)
            throws SQLException {
        a.beginRow()
                .append(id)
                .append(year)
                .append(attribute)
                .append(value)
                .append(metric)
                .append(item)
                .append(count)
                .endRow();
    }

    /** As {@link Results#fines} for a subgroup, rounded to cents like summary.json. */
    private static double fines(Results r, String behaviour, long raw) {
        double amount = r.scenario().behaviours().get(behaviour).fine() * raw / r.sample();
        return amount == Math.rint(amount) ? amount : Math.round(amount * 100) / 100.0;
    }

    private static void scoreHistogram(DuckDBAppender a, Results r, String id) throws SQLException {
        for (int y = 0; y < r.years(); y++) {
            long[] bins = r.scoreHistogram(y);
            for (int i = 0; i < bins.length; i++) {
                a.beginRow()
                        .append(id)
                        .append(r.firstYear() + y)
                        .append(r.scoreBinLow() + 10 * i)
                        .append(r.scale(bins[i]))
                        .endRow();
            }
        }
    }

    /** The audit rows, every pair of attributes' intersections included ({@link Audit#rows}). */
    private static void audit(DuckDBAppender a, Results r, String id) throws SQLException {
        for (Audit.Row row : Audit.rows(r, new Audit.Options(null, true))) {
            a.beginRow()
                    .append(id)
                    .append(row.year())
                    .append(row.sanction())
                    .append(row.attribute())
                    .append(row.group())
                    .append(row.reference())
                    .append(row.people())
                    .append(row.sanctioned())
                    .append(row.rate())
                    .append(row.ratio())
                    .append(row.ratioLo())
                    .append(row.ratioHi())
                    .append(row.verdict())
                    .append(row.wrongful())
                    .append(row.wrongfulRate())
                    .append(row.wrongfulShare())
                    .append(row.lowestTierYears())
                    .append(row.lockedIn())
                    .append(row.simulatedPeople())
                    .append(row.simulatedSanctioned())
                    .endRow();
        }
    }

    private static void intervals(DuckDBAppender a, Results r, String id) throws SQLException {
        if (r.sample() >= 1.0) {
            return; // a full run's counts are exact
        }
        for (int y = 0; y < r.years(); y++) {
            for (String metric : Metric.names()) {
                for (String item : r.items(metric)) {
                    double[] lohi = r.interval(y, metric, item);
                    a.beginRow()
                            .append(id)
                            .append(r.firstYear() + y)
                            .append(metric)
                            .append(item)
                            .append(nullable(lohi[0]))
                            .append(nullable(lohi[1]))
                            .endRow();
                }
            }
        }
    }

    private static Double nullable(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
