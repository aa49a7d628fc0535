package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.store.SweepDatabase;

/** {@code scoresim sweep}: the grid, replications with common seeds, the database, resuming. */
class SweepCommandTest {
    static final Path MINIMAL = Paths.get("..", "scenarios", "minimal.yaml");

    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** 2 x 2 points, 2 replications, 1% of the minimal scenario's households. */
    static Outcome sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "behaviours.debt_default.rate=0.01,0.02",
                "--set",
                "lists.court_blacklist.exit_rate=0.3,0.6",
                "--replications",
                "2",
                "--sample",
                "0.01",
                "--threads",
                "2",
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    /** The sweep's stored runs. */
    static List<SweepDatabase.Run> runs(Path out) throws Exception {
        try (SweepDatabase db = SweepDatabase.read(out)) {
            return db.runs();
        }
    }

    static SweepDatabase.Sweep stored(Path out) throws Exception {
        try (SweepDatabase db = SweepDatabase.read(out)) {
            return db.sweep();
        }
    }

    @Test
    void aGridOfPointsWithCommonSeedsAndEveryRunInTheDatabase() throws Exception {
        Path out = tmp.resolve("sweep");
        Outcome o = sweep(out, "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode s = Json.mapper().readTree(o.out());
        assertThat(s.get("year").asInt()).isEqualTo(2015);
        JsonNode points = s.get("points");
        assertThat(points).hasSize(4);
        assertThat(points.get(1).get("set").get("behaviours.debt_default.rate").asText())
                .isEqualTo("0.01");
        assertThat(points.get(1)
                        .get("set")
                        .get("lists.court_blacklist.exit_rate")
                        .asText())
                .isEqualTo("0.6");
        // default figures: sanctioned of each sanction, blocked of each mode (wrongful only where not zero)
        JsonNode first = points.get(0).get("figures");
        assertThat(first.get(0).get("metric").asText()).isEqualTo("sanctioned");
        assertThat(first.get(0).get("item").asText()).isEqualTo("flight_ban");
        assertThat(first.get(0).get("values")).hasSize(2);
        assertThat(first.get(3).get("metric").asText() + ":"
                        + first.get(3).get("item").asText())
                .isEqualTo("blocked:flight");
        // more debt defaults, more people under a flight ban, at both exit rates
        for (int p = 0; p < 2; p++) {
            assertThat(points.get(p + 2).get("figures").get(0).get("mean").asDouble())
                    .isGreaterThan(
                            points.get(p).get("figures").get(0).get("mean").asDouble());
        }

        assertThat(s.get("database").asText())
                .isEqualTo(out.toAbsolutePath().resolve(SweepDatabase.FILE).toString());
        try (SweepDatabase db = SweepDatabase.read(out)) {
            List<SweepDatabase.Run> runs = db.runs();
            assertThat(runs).hasSize(8);
            assertThat(runs.stream()
                            .map(r -> r.key().replication() + ":" + r.seed())
                            .distinct())
                    .containsExactlyInAnyOrder("0:1", "1:2");
            assertThat(db.points()).hasSize(4).allSatisfy(p -> assertThat(p).hasSize(2));
            assertThat(db.points().get(1))
                    .containsEntry("behaviours.debt_default.rate", "0.01")
                    .containsEntry("lists.court_blacklist.exit_rate", "0.6");
            for (SweepDatabase.Run r : runs) {
                assertThat(db.figures(r.key()).stream()
                                .filter(f -> f.metric().equals("blocked"))
                                .map(SweepDatabase.Figure::year)
                                .distinct())
                        .as(r.key().toString())
                        .containsExactly(2013, 2014, 2015);
            }
            assertThat(db.sweep().finishedAt()).isNotNull();
            // point 0 is the file as written: its replications are the plain runs with seeds 1 and 2
            for (int seed = 1; seed <= 2; seed++) {
                Outcome run = cli(
                        "run",
                        MINIMAL.toString(),
                        "--json",
                        "--sample",
                        "0.01",
                        "--seed",
                        Integer.toString(seed),
                        "--out",
                        tmp.resolve("run" + seed).toString());
                JsonNode y = Json.mapper().readTree(run.out()).get("years").get("2014");
                List<SweepDatabase.Figure> figures = db.figures(new SweepDatabase.RunKey(0, seed - 1));
                for (String[] f :
                        new String[][] {{"blocked", "hsr"}, {"listed_new", "court_blacklist"}, {"tier_end", "B"}}) {
                    assertThat(figures)
                            .as(String.join(":", f))
                            .contains(new SweepDatabase.Figure(
                                    2014, f[0], f[1], y.get(f[0]).get(f[1]).asLong()));
                }
            }
        }
    }

    @Test
    void anInterruptedSweepResumesWithoutRedoingFinishedRuns() throws Exception {
        Path whole = tmp.resolve("whole");
        Outcome uninterrupted = sweep(whole, "--json");
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();

        Path out = tmp.resolve("resumed");
        Outcome stopped = sweep(out, "--stop-after", "3", "--no-progress");
        assertThat(stopped.code()).isEqualTo(Main.INTERRUPTED);
        assertThat(stopped.err()).contains("3 of 8 runs done and saved");
        List<SweepDatabase.Run> before = runs(out);
        assertThat(before).hasSize(3);
        assertThat(stored(out).finishedAt()).as("marked incomplete").isNull();

        Outcome resumed = sweep(out, "--json");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming: 3 of 8 runs already done");
        List<SweepDatabase.Run> after = runs(out);
        assertThat(after).hasSize(8).containsAll(before);
        assertThat(stored(out).finishedAt()).as("marked complete").isNotNull();
        JsonNode r = Json.mapper().readTree(resumed.out());
        assertThat(r.get("runs").get("run_now").asInt()).isEqualTo(5);
        assertThat(r.get("runs").fieldNames()).toIterable().containsExactly("total", "done_before", "run_now");
        assertThat(r.get("points"))
                .isEqualTo(Json.mapper().readTree(uninterrupted.out()).get("points"));

        // a finished sweep run again runs nothing and prints the same table
        Outcome again = sweep(out, "--json");
        assertThat(Json.mapper()
                        .readTree(again.out())
                        .get("runs")
                        .get("run_now")
                        .asInt())
                .isZero();
        assertThat(runs(out)).isEqualTo(after);
    }

    @Test
    void anotherGridOrBadKeysAreRefusedWithExitCode2() {
        Path out = tmp.resolve("s");
        assertThat(cli(
                                "sweep",
                                MINIMAL.toString(),
                                "--set",
                                "behaviours.debt_default.rate=0.01",
                                "--sample",
                                "0.002",
                                "--out",
                                out.toString(),
                                "--json")
                        .code())
                .isZero();
        Outcome other = cli(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "behaviours.debt_default.rate=0.02",
                "--sample",
                "0.002",
                "--out",
                out.toString());
        assertThat(other.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(other.err()).contains("another grid");

        Outcome bad = cli(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "scoring.tiers[9].min=1,2",
                "--out",
                tmp.resolve("b").toString());
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("--set scoring.tiers[9].min: no such key; scoring.tiers has 3 entries");
        assertThat(tmp.resolve("b")).doesNotExist();

        Outcome value = cli(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "behaviours.debt_default.rate=0.01,-1",
                "--out",
                tmp.resolve("c").toString());
        assertThat(value.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(value.err()).contains("(from --set behaviours.debt_default.rate=-1)");

        Outcome metric = cli(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "behaviours.debt_default.rate=0.01",
                "--metric",
                "blocked:bus",
                "--out",
                tmp.resolve("d").toString());
        assertThat(metric.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(metric.err()).contains("expected one of flight, hsr");
    }
}
