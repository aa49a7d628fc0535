package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/OUTPUTS.md describes the columns of results.duckdb and sweep.duckdb as scoresim writes them:
 * every {@code table.column} with its type, and no other.
 */
class OutputsSchemaTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    /** "table.column TYPE" of every row of the page's tables headed {@code header}. */
    private static Set<String> documented(String header) throws Exception {
        Set<String> columns = new TreeSet<>();
        for (List<String> row : ReferencePage.rows(ReferencePage.read("OUTPUTS.md"), header)) {
            assertThat(row.get(0))
                    .as("a column row starts with `table.column`: %s", row)
                    .matches("`\\w+\\.\\w+`");
            columns.add(row.get(0).replace("`", "") + " " + row.get(1));
        }
        return columns;
    }

    /** "table.column TYPE" of every column of a DuckDB file. */
    private static Set<String> columns(Path file) throws SQLException {
        Set<String> columns = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name || '.' || column_name || ' ' || data_type"
                        + " FROM information_schema.columns")) {
            while (r.next()) {
                columns.add(r.getString(1));
            }
        }
        return columns;
    }

    @Test
    void theResultsDatabaseHasTheColumnsThePageDescribes() throws Exception {
        Path db = tmp.resolve(ResultsDatabase.FILE);
        ResultsDatabase.write(StoreFixture.run(0.2), db, "test", NOW);
        assertThat(documented("results.duckdb column")).isEqualTo(columns(db));
    }

    @Test
    void theSweepDatabaseHasTheColumnsThePageDescribes() throws Exception {
        SweepDatabase.Identity id = new SweepDatabase.Identity("minimal", "abc", "a=1", 0.5, 1);
        try (SweepDatabase sweep = SweepDatabase.open(tmp, id, List.of(Map.of("a", "1")), 1, "test", NOW)) {
            assertThat(sweep.done()).isEmpty();
        }
        assertThat(documented("sweep.duckdb column")).isEqualTo(columns(SweepDatabase.in(tmp)));
    }

    /** The same for sensitivity.duckdb; and every one of its tables and columns carries a comment. */
    @Test
    void theSensitivityDatabaseHasTheColumnsThePageDescribesEachCommented() throws Exception {
        SweepDatabase.Identity id = new SweepDatabase.Identity("minimal", "abc", "sobol samples=2\na=1..2", 0.5, 1);
        try (SensitivityDatabase db = SensitivityDatabase.open(tmp, id, List.of(Map.of("a", "1")), 1, "test", NOW)) {
            db.indices(List.of(new SensitivityDatabase.Index(
                    "sanctioned", "flight_ban", "a", "total_order", 0.5, 0.25, 0.75, null, "2015")));
            assertThat(db.indices())
                    .containsExactly(new SensitivityDatabase.Index(
                            "sanctioned", "flight_ban", "a", "total_order", 0.5, 0.25, 0.75, null, "2015"));
        }
        Path file = SensitivityDatabase.in(tmp);
        assertThat(documented("sensitivity.duckdb column")).isEqualTo(columns(file));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE comment IS NULL OR comment = ''), count(*)"
                        + " FROM duckdb_columns() WHERE database_name = 'sensitivity'")) {
            r.next();
            assertThat(r.getLong(2)).isEqualTo(columns(file).size());
            assertThat(r.getLong(1)).isZero();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE comment IS NULL), count(*)"
                        + " FROM duckdb_tables() WHERE database_name = 'sensitivity'")) {
            r.next();
            assertThat(r.getLong(2)).isEqualTo(5);
            assertThat(r.getLong(1)).isZero();
        }
    }
}
