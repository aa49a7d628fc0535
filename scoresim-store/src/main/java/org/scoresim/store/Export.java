package org.scoresim.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Copies every table of a {@link ResultsDatabase} to one CSV or Parquet file each (DuckDB's COPY). */
public final class Export {
    public enum Format {
        CSV("csv", "(HEADER, DELIMITER ',')"),
        PARQUET("parquet", "(FORMAT PARQUET)");

        final String extension;
        final String options;

        Format(String extension, String options) {
            this.extension = extension;
            this.options = options;
        }

        /** {@code csv} or {@code parquet}, any case. */
        public static Format parse(String name) {
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + name + "': expected csv or parquet");
        }

        public String extension() {
            return extension;
        }
    }

    private Export() {}

    /**
     * Writes {@code DIR/<table>.<ext>} for each table of the database, opened read-only; returns the
     * files. A failure of DuckDB comes as an IOException with DuckDB's message.
     */
    public static List<Path> tables(Path database, Format format, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try {
            return copy(database, format, dir);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static List<Path> copy(Path database, Format format, Path dir) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<Path> written = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly);
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                Path file = dir.resolve(table + "." + format.extension).toAbsolutePath();
                s.execute("COPY " + quoteName(table) + " TO " + quoteText(file.toString()) + " " + format.options);
                written.add(file);
            }
        }
        return written;
    }

    static String quoteName(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quoteText(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
