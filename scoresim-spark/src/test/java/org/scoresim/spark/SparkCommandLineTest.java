package org.scoresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.cli.Main;

/**
 * The front ends: {@code scoresim run}, {@code sweep} and {@code calibrate} with {@code --engine spark}
 * (the engine found through ServiceLoader) and {@link SparkJob} (spark-submit's main class) give the
 * numbers of {@code --engine local}.
 */
class SparkCommandLineTest {
    static final String MINIMAL = Runs.SCENARIOS.resolve("minimal.yaml").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() {
        SparkEngineProvider.stop();
    }

    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The summary less timing (and the engine's name, checked apart). */
    static JsonNode comparable(JsonNode summary) {
        ObjectNode s = summary.deepCopy();
        s.remove("timing");
        s.remove("engine");
        return s;
    }

    @Test
    void runWithTheSparkEngineGivesTheYearsOfTheLocalRun() throws Exception {
        Outcome local = cli(
                "run",
                MINIMAL,
                "--json",
                "--sample",
                "0.05",
                "--seed",
                "3",
                "--engine",
                "local",
                "--out",
                tmp.resolve("local").toString());
        Outcome spark = cli(
                "run",
                MINIMAL,
                "--json",
                "--sample",
                "0.05",
                "--seed",
                "3",
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--out",
                tmp.resolve("spark").toString());
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        JsonNode l = JSON.readTree(local.out());
        JsonNode s = JSON.readTree(spark.out());
        assertThat(s.get("engine").asText()).isEqualTo("spark");
        assertThat(l.get("engine").asText()).isEqualTo("local");
        assertThat(s.get("years")).isEqualTo(l.get("years"));
        assertThat(comparable(s)).isEqualTo(comparable(l));
        assertThat(JSON.readTree(Files.readString(tmp.resolve("spark").resolve("summary.json"))))
                .isEqualTo(s);
    }

    @Test
    void sweepRunsEachPointOnSparkWithTheLocalNumbers() throws Exception {
        String[] sweep = {
            "sweep", MINIMAL, "--set", "behaviours.debt_default.rate=0.01,0.02", "--sample", "0.01", "--json"
        };
        Outcome local = cli(
                concat(sweep, "--engine", "local", "--out", tmp.resolve("local").toString()));
        Outcome spark = cli(concat(
                sweep,
                "--engine",
                "spark",
                "--master",
                "local[2]",
                "--out",
                tmp.resolve("spark").toString()));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(JSON.readTree(spark.out()).get("points"))
                .isEqualTo(JSON.readTree(local.out()).get("points"));
    }

    @Test
    void calibrateEvaluatesOnSparkWithTheLocalNumbers() throws Exception {
        // the China scenario: every kind of key goes through the canonical YAML to the executors
        String[] check = {
            "calibrate",
            Runs.SCENARIOS.resolve("china-2013-2020.yaml").toString(),
            "--targets",
            Runs.SCENARIOS.resolve("targets").resolve("china-official.yaml").toString(),
            "--check",
            "--sample",
            "0.0002",
            "--json"
        };
        Outcome local = cli(concat(check, "--engine", "local"));
        Outcome spark = cli(concat(check, "--engine", "spark", "--master", "local[2]"));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(JSON.readTree(spark.out())).isEqualTo(JSON.readTree(local.out()));
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void sparkJobWritesTheSummaryOfTheLocalRunForEachReplication() throws Exception {
        Path out = tmp.resolve("job");
        int code = SparkJob.run(new String[] {
            MINIMAL,
            "--seed",
            "3",
            "--sample",
            "0.05",
            "--partitions",
            "3",
            "--replications",
            "2",
            "--out",
            out.toString()
        });
        assertThat(code).isZero();
        JsonNode job = JSON.readTree(Files.readString(out.resolve("seed-3").resolve("summary.json")));
        JsonNode next = JSON.readTree(Files.readString(out.resolve("seed-4").resolve("summary.json")));
        assertThat(next.get("seed").asLong()).isEqualTo(4);
        assertThat(next.get("years")).isNotEqualTo(job.get("years"));
        assertThat(job.get("engine").asText()).isEqualTo("spark");
        JsonNode local = JSON.readTree(JSON.writeValueAsString(Runs.summary(Runs.local(Runs.MINIMAL))));
        ObjectNode expected = local.deepCopy();
        ObjectNode actual = (ObjectNode) comparable(job);
        expected.remove("version");
        actual.remove("version");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aBadScenarioIsBadInputForSparkJob() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(MINIMAL)).replace("coverage: 1.0", "coverage: 1.5"));
        assertThat(SparkJob.run(new String[] {
                    bad.toString(), "--out", tmp.resolve("bad").toString()
                }))
                .isEqualTo(2);
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
