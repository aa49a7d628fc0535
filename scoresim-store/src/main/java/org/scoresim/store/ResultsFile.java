package org.scoresim.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.scoresim.engine.results.Audit;

/**
 * A finished run's {@link ResultsDatabase} read back, table by table, as rows of the tables it
 * holds (docs/OUTPUTS.md): for those who no longer have the run's {@code Results} in memory (the
 * dashboard after a restart, runs of another process). Every read opens the file read-only and
 * closes it again, so that readers never keep a writer or another process out; a failure reaches
 * callers as an {@link IOException} with DuckDB's message. The {@code run_id} column is left out
 * of the rows: a results database holds one run.
 */
public final class ResultsFile {
    /** The {@code runs} row: what was run, with what, when. {@code startedAt} is the instant written (UTC). */
    public record Run(
            String runId,
            String scenario,
            String scenarioYaml,
            String scenarioHash,
            long seed,
            double sample,
            String engine,
            String version,
            Instant startedAt,
            double seconds,
            long households,
            long people,
            int firstYear,
            int lastYear) {}

    /**
     * A {@code metrics} row: a figure of one year for one attribute value ({@code attribute = value =
     * "all"}: the nation, as in summary.json). {@code item} is empty for metrics without items.
     */
    public record MetricRow(int year, String attribute, String value, String metric, String item, double count) {}

    /** A {@code score_hist} row: how many people ended the year with a score in [binLow, binLow + 10). */
    public record ScoreBin(int year, int binLow, long count) {}

    /** A {@code stories} row: the {@code rank}-th person sampled for a story category. */
    public record Story(String category, int rank, long personId) {}

    /** An {@code interval95} row of a sampled run; a bound is null where it is not defined. */
    public record Interval(int year, String metric, String item, Double lo, Double hi) {}

    private final Path file;

    private ResultsFile(Path file) {
        this.file = file;
    }

    /** The results database of a run directory, when it has one. */
    public static Optional<ResultsFile> in(Path runDir) {
        Path f = runDir.resolve(ResultsDatabase.FILE);
        return Files.isRegularFile(f) ? Optional.of(new ResultsFile(f)) : Optional.empty();
    }

    /** The {@code runs} row; empty only for a file that was not written whole. */
    public Optional<Run> run() throws IOException {
        List<Run> rows = query(
                "SELECT run_id, scenario, scenario_yaml, scenario_hash, seed, sample, engine, version, started_at,"
                        + " seconds, households, people, first_year, last_year FROM runs LIMIT 1",
                List.of(),
                r -> new Run(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getLong(5),
                        r.getDouble(6),
                        r.getString(7),
                        r.getString(8),
                        utc(r.getObject(9, LocalDateTime.class)),
                        r.getDouble(10),
                        r.getLong(11),
                        r.getLong(12),
                        r.getInt(13),
                        r.getInt(14)));
        return rows.stream().findFirst();
    }

    /**
     * The {@code metrics} rows of one attribute ({@code "all"} for the nation), metric and item,
     * each filter left out when null; ordered by year, attribute, value, metric, item.
     */
    public List<MetricRow> metrics(String attribute, String metric, String item) throws IOException {
        StringBuilder sql =
                new StringBuilder("SELECT year, attribute, value, metric, item, count FROM metrics WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        for (String[] f : new String[][] {{"attribute", attribute}, {"metric", metric}, {"item", item}}) {
            if (f[1] != null) {
                sql.append(" AND ").append(f[0]).append(" = ?");
                args.add(f[1]);
            }
        }
        sql.append(" ORDER BY year, attribute, value, metric, item");
        return query(
                sql.toString(),
                args,
                r -> new MetricRow(
                        r.getInt(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5) == null ? "" : r.getString(5),
                        r.getDouble(6)));
    }

    /** The {@code score_hist} rows, by year and bin. */
    public List<ScoreBin> scoreHistogram() throws IOException {
        return query(
                "SELECT year, bin_low, count FROM score_hist ORDER BY year, bin_low",
                List.of(),
                r -> new ScoreBin(r.getInt(1), r.getInt(2), r.getLong(3)));
    }

    /** The {@code stories} rows, by category and rank. */
    public List<Story> stories() throws IOException {
        return query(
                "SELECT category, rank, person_id FROM stories ORDER BY category, rank",
                List.of(),
                r -> new Story(r.getString(1), r.getInt(2), r.getLong(3)));
    }

    /** The {@code audit} rows (docs/OUTPUTS.md), in the order written (year, sanction, attribute, value). */
    public List<Audit.Row> audit() throws IOException {
        return query(
                "SELECT year, sanction, attribute, value, reference, people, sanctioned, rate, ratio, ratio_lo,"
                        + " ratio_hi, verdict, wrongful, wrongful_rate, wrongful_share, lowest_tier_years, locked_in,"
                        + " simulated_people, simulated_sanctioned FROM audit ORDER BY rowid",
                List.of(),
                r -> new Audit.Row(
                        r.getInt(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        r.getLong(6),
                        r.getLong(7),
                        nullable(r, 8),
                        nullable(r, 9),
                        nullable(r, 10),
                        nullable(r, 11),
                        r.getString(12),
                        r.getLong(13),
                        nullable(r, 14),
                        nullable(r, 15),
                        nullable(r, 16),
                        r.getLong(17),
                        r.getLong(18),
                        r.getLong(19)));
    }

    /** The {@code interval95} rows (none for a run of every household), in the order written. */
    public List<Interval> intervals() throws IOException {
        return query(
                "SELECT year, metric, item, lo, hi FROM interval95 ORDER BY rowid",
                List.of(),
                r -> new Interval(r.getInt(1), r.getString(2), r.getString(3), nullable(r, 4), nullable(r, 5)));
    }

    /** One row of a result set as a record. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> List<T> query(String sql, List<String> args, Row<T> row) throws IOException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<T> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), readOnly);
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        return rows;
    }

    private static Double nullable(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    /** started_at is written as the UTC wall-clock time of the instant (see ResultsDatabase). */
    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
