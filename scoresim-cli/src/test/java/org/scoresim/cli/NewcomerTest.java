package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.store.SweepDatabase;

/**
 * What a newcomer meets on the command line: progress from every command that simulates, the
 * scenario's own sample everywhere, closing lines that name what was written, fines with their
 * unit, sweep points numbered alike on screen and in the database, export of a sweep.
 */
class NewcomerTest {
    static final Path MINIMAL = RunCommandTest.MINIMAL;

    @TempDir
    Path tmp;

    static RunCommandTest.Outcome cli(String... args) {
        return RunCommandTest.cli(args);
    }

    /** The minimal scenario stating its own default sample. */
    Path minimalWithSample(String sample) throws Exception {
        String text = Files.readString(MINIMAL);
        Path file = tmp.resolve("sampled.yaml");
        Files.writeString(file, text.replaceFirst("(?m)^years:", "sample: " + sample + "\nyears:"));
        return file;
    }

    /** Off a terminal (as in these tests) progress is plain lines with the task's name, ending at 100%. */
    static void assertPlainProgress(String err, String task) {
        List<String> lines = err.lines().filter(l -> l.startsWith(task + " ")).toList();
        assertThat(lines).as(err).isNotEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\r").hasSizeLessThanOrEqualTo(200));
        assertThat(lines.get(lines.size() - 1)).contains("100%").contains("people-years");
    }

    @Test
    void compareShowsProgress() {
        RunCommandTest.Outcome o =
                cli("compare", MINIMAL.toString(), MINIMAL.toString(), "--sample", "0.02", "--threads", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertPlainProgress(o.err(), "comparing");
        // nothing of it on stdout, and none at all with --no-progress or --json
        assertThat(o.out()).doesNotContain("people-years");
        RunCommandTest.Outcome quiet =
                cli("compare", MINIMAL.toString(), MINIMAL.toString(), "--sample", "0.02", "--no-progress");
        assertThat(quiet.err()).doesNotContain("people-years");
        assertThat(quiet.out()).isEqualTo(o.out());
    }

    @Test
    void calibrateCheckShowsTheRunsProgressAndUsesTheScenariosSample() throws Exception {
        Path scenario = Files.writeString(
                tmp.resolve("tiny.yaml"),
                CalibrateCommandTest.TINY.replace("name: tiny\n", "name: tiny\nsample: 0.05\n"));
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), CalibrateCommandTest.TINY_TARGETS);
        RunCommandTest.Outcome o = cli("calibrate", scenario.toString(), "--targets", targets.toString(), "--check");
        assertThat(o.code()).as(o.err()).isZero();
        assertPlainProgress(o.err(), "simulating");
        assertThat(o.out()).contains("tiny as written, seed 1, 5% sample: loss");
        // 5% of 200,000 one-person households, two years
        assertThat(o.err()).contains("/20 k people-years");
        RunCommandTest.Outcome told = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--check",
                "--sample",
                "0.1",
                "--no-progress");
        assertThat(told.out()).contains("tiny as written, seed 1, 10% sample: loss");
        assertThat(told.err()).doesNotContain("people-years");
    }

    @Test
    void calibrateFitShowsTheStartsProgress() throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), CalibrateCommandTest.TINY);
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), CalibrateCommandTest.TINY_TARGETS);
        RunCommandTest.Outcome o = cli(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--sample",
                "0.05",
                "--max-evaluations",
                "2",
                "--out",
                tmp.resolve("fitted.yaml").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("running the start (the scenario as written) ...");
        assertPlainProgress(o.err(), "start");
        assertThat(o.err().indexOf("start 100%")).isLessThan(o.err().indexOf("start: loss"));
    }

    @Test
    void runsClosingLineNamesEveryFileWritten() {
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o =
                cli("run", MINIMAL.toString(), "--sample", "0.02", "--no-progress", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        String closing = o.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(closing).startsWith("Wrote summary.json, results.duckdb and report.html in " + out + "/ (");
        for (String file : List.of("summary.json", ResultsDatabase.FILE, "report.html")) {
            assertThat(out.resolve(file)).isRegularFile();
        }
    }

    @Test
    void finesAreInTheTableInYuanAsInSummaryJson() throws Exception {
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o =
                cli("run", MINIMAL.toString(), "--sample", "0.02", "--no-progress", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("\nFines charged (yuan)\n");
        JsonNode summary = RunCommandTest.json(Files.readString(out.resolve("summary.json")));
        // minimal fines smoking on trains only (200 yuan each): its row shows summary.json's amounts
        String row = o.out()
                .lines()
                .filter(l -> l.startsWith("  smoking_on_train: fines "))
                .findFirst()
                .orElseThrow();
        List<String> cells =
                List.of(row.substring(row.indexOf("fines") + 5).trim().split("\\s+"));
        List<String> expected = new ArrayList<>();
        for (String year : List.of("2013", "2014", "2015")) {
            long yuan = summary.get("years")
                    .get(year)
                    .get("fines")
                    .get("smoking_on_train")
                    .asLong();
            assertThat(yuan).isPositive();
            expected.add(ConsoleTable.compact(yuan));
        }
        assertThat(cells).isEqualTo(expected);
        assertThat(o.out()).doesNotContain("jaywalking: fines");
    }

    @Test
    void sweepUsesTheScenariosSampleNumbersPointsAsTheDatabaseAndExports() throws Exception {
        Path scenario = minimalWithSample("0.02");
        Path out = tmp.resolve("sweep");
        RunCommandTest.Outcome o = cli(
                "sweep",
                scenario.toString(),
                "--set",
                "lists.court_blacklist.exit_rate=0.3,0.6",
                "--out",
                out.toString(),
                "--no-progress");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("2% sample of households");
        assertThat(o.out()).contains("\npoint 0: lists.court_blacklist.exit_rate=0.3\n");
        assertThat(o.out()).contains("\npoint 1: lists.court_blacklist.exit_rate=0.6\n");
        assertThat(o.out()).doesNotContain("point 2");
        Map<Integer, String> stored = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + SweepDatabase.in(out));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT point_id, value FROM points ORDER BY point_id")) {
            while (rs.next()) {
                stored.put(rs.getInt(1), rs.getString(2));
            }
        }
        assertThat(stored).isEqualTo(Map.of(0, "0.3", 1, "0.6"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + SweepDatabase.in(out));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT sample FROM runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(0.02);
            assertThat(rs.next()).isFalse();
        }
        // --json numbers points alike
        RunCommandTest.Outcome json = cli(
                "sweep",
                scenario.toString(),
                "--set",
                "lists.court_blacklist.exit_rate=0.3,0.6",
                "--out",
                out.toString(),
                "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode points = RunCommandTest.json(json.out()).get("points");
        assertThat(points.get(1).get("point").asInt()).isEqualTo(1);
        assertThat(points.get(1)
                        .get("set")
                        .get("lists.court_blacklist.exit_rate")
                        .asText())
                .isEqualTo("0.6");
        assertThat(RunCommandTest.json(json.out()).get("sample").asDouble()).isEqualTo(0.02);

        // export takes the sweep's folder: one file per table of sweep.duckdb
        RunCommandTest.Outcome export = cli("export", out.toString(), "--format", "csv");
        assertThat(export.code()).as(export.err()).isZero();
        try (Stream<Path> files = Files.list(out.resolve("csv"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("metrics.csv", "points.csv", "runs.csv", "sweep.csv");
        }
        List<String> points0 = Files.readAllLines(out.resolve("csv").resolve("points.csv"));
        assertThat(points0.get(0).toLowerCase(Locale.ROOT)).startsWith("point_id,key,value");
        assertThat(points0.get(1)).isEqualTo("0,lists.court_blacklist.exit_rate,0.3");
        assertThat(export.out().lines().toList()).hasSize(4);
    }

    @Test
    void closingLinesNameAPlaceUnderTheCurrentDirectoryRelatively() {
        Path here = Path.of("").toAbsolutePath();
        assertThat(ConsoleText.place(here.resolve("runs").resolve("minimal-20261129-033905")))
                .isEqualTo("runs/minimal-20261129-033905");
        assertThat(ConsoleText.place(tmp.resolve("run")))
                .isEqualTo(tmp.resolve("run").toString());
        // escaped as every path shown
        assertThat(ConsoleText.place(Path.of("runs", "x\u001b[2J")))
                .isEqualTo(ConsoleText.of(Path.of("runs", "x\u001b[2J")))
                .doesNotContain("\u001b");
    }

    @Test
    void exportRefusesAFolderWithNeitherDatabase() {
        RunCommandTest.Outcome o = cli("export", tmp.toString(), "--format", "csv");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).contains("has neither results.duckdb nor sweep.duckdb");
    }
}
