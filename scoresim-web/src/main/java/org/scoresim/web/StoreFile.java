package org.scoresim.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.scoresim.engine.kernel.Tally;

/**
 * A run's {@code results.duckdb} (INTERFACE.md), read with plain JDBC: the figures of runs this
 * server process no longer holds in memory (runs from before a restart, runs of the CLI).
 */
final class StoreFile {
    static final String NAME = "results.duckdb";

    private final Path file;

    private StoreFile(Path file) {
        this.file = file;
    }

    /** The store of a run directory, when there is one and a DuckDB driver to read it. */
    static Optional<StoreFile> in(Path dir) {
        Path f = dir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new StoreFile(f));
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
    }

    /** Rows of the metrics table, each filter applied when not null. */
    List<Map<String, Object>> metrics(String attribute, String metric, String item) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT year, attribute, value, metric, item, count FROM metrics WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        for (String[] f : new String[][] {{"attribute", attribute}, {"metric", metric}, {"item", item}}) {
            if (f[1] != null) {
                sql.append(" AND ").append(f[0]).append(" = ?");
                args.add(f[1]);
            }
        }
        sql.append(" ORDER BY year, attribute, value, metric, item");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = open(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(MetricRows.row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5) == null ? "" : rs.getString(5), MetricRows.number(rs.getDouble(6))));
                }
            }
        }
        return rows;
    }

    /** {@code {"binLow", "width": 10, "years": {"2013": [counts]}}} from the score_hist table. */
    Map<String, Object> scoreHist() throws SQLException {
        TreeMap<Integer, TreeMap<Integer, Long>> byYear = new TreeMap<>();
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        try (Connection c = open(); PreparedStatement st = c.prepareStatement("SELECT year, bin_low, count FROM score_hist");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                int bin = rs.getInt(2);
                low = Math.min(low, bin);
                high = Math.max(high, bin);
                byYear.computeIfAbsent(rs.getInt(1), y -> new TreeMap<>()).merge(bin, Math.round(rs.getDouble(3)), Long::sum);
            }
        }
        Map<String, Object> years = new LinkedHashMap<>();
        for (Map.Entry<Integer, TreeMap<Integer, Long>> y : byYear.entrySet()) {
            long[] counts = new long[(high - low) / 10 + 1];
            for (Map.Entry<Integer, Long> bin : y.getValue().entrySet()) {
                counts[(bin.getKey() - low) / 10] += bin.getValue();
            }
            years.put(Integer.toString(y.getKey()), counts);
        }
        return MetricRows.scoreHist(low == Integer.MAX_VALUE ? 0 : low, years);
    }

    /** {@code {"sanctioned": [person ids], ...}} from the stories table. */
    Map<String, Object> stories() throws SQLException {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        for (String category : Tally.STORIES) {
            m.put(category, new ArrayList<>());
        }
        try (Connection c = open(); PreparedStatement st = c.prepareStatement("SELECT category, person_id FROM stories ORDER BY category, rank");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return new LinkedHashMap<>(m);
    }

    /** The scenario text the run was made with, when the store kept it. */
    Optional<String> scenarioYaml() throws SQLException {
        try (Connection c = open(); PreparedStatement st = c.prepareStatement("SELECT scenario_yaml FROM runs LIMIT 1");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }
}
