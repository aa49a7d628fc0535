package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQL statement of docs/analysis.md runs on a run's results.duckdb (the small minimal
 * scenario, sampled like the page's run) and answers at least one row: a query that errs, or names
 * a table, column, metric or item that is not there, fails here.
 */
class AnalysisQueriesTest {
    @TempDir
    Path tmp;

    @Test
    void theStatementsAreFoundOnePerBlockOrMore() {
        String page = "text\n```sql\nSELECT 1;\nSELECT 'a;b'\nFROM t;\n```\n```text\nSELECT 3;\n```\n";
        assertThat(ReferencePage.sqlStatements(page)).containsExactly("SELECT 1", "SELECT 'a;b'\nFROM t");
    }

    @Test
    void everyStatementOfTheAnalysisPageRunsAndAnswersRows() throws Exception {
        List<String> statements = ReferencePage.sqlStatements(ReferencePage.read("analysis.md"));
        assertThat(statements).as("the sql blocks of docs/analysis.md").hasSizeGreaterThanOrEqualTo(10);
        Path db = tmp.resolve(ResultsDatabase.FILE);
        ResultsDatabase.write(StoreFixture.run(0.2), db, "test", Instant.parse("2026-01-02T03:04:05Z"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    assertThat(s.execute(sql)).as("%s answers rows", sql).isTrue();
                    try (ResultSet r = s.getResultSet()) {
                        assertThat(r.next())
                                .as("%s answers at least one row", sql)
                                .isTrue();
                    }
                } catch (SQLException e) {
                    fail(sql + "\nfails: " + e.getMessage());
                }
            }
        }
    }
}
