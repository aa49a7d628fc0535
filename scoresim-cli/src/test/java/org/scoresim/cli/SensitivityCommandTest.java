package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.cli.SweepCommandTest.Outcome;
import org.scoresim.store.SensitivityDatabase;

/** {@code scoresim sensitivity}: the JSON of the indices, the files written, resuming, and bad input. */
class SensitivityCommandTest {
    @TempDir
    Path tmp;

    /** The acceptance command of the issue, smaller: 4 samples of 2 keys (16 runs) at 1% of the minimal scenario. */
    static Outcome sensitivity(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "sensitivity",
                SweepCommandTest.MINIMAL.toString(),
                "--vary",
                "channels.cameras.false_match=0.001..0.02",
                "--vary",
                "lists.court_blacklist.exit_rate=0.1..0.6",
                "--metric",
                "sanctioned:flight_ban",
                "--year",
                "2015",
                "--samples",
                "4",
                "--sample",
                "0.01",
                "--threads",
                "2",
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        return SweepCommandTest.cli(args.toArray(String[]::new));
    }

    @Test
    void jsonHasOneEntryPerKeyAndMetricAndTheFilesAreWritten() throws Exception {
        Path out = tmp.resolve("s");
        Outcome first = sensitivity(out, "--json", "--stop-after", "5");
        assertThat(first.code()).as(first.err()).isEqualTo(Main.INTERRUPTED);
        Outcome o = sensitivity(out, "--json", "--metric", "listed_end:court_blacklist");
        // another --metric is the same design: the runs stored are reused
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode s = Json.mapper().readTree(o.out());
        assertThat(s.get("runs").get("total").asInt()).isEqualTo(16);
        assertThat(s.get("runs").get("done_before").asInt()).isEqualTo(5);
        assertThat(s.get("runs").get("run_now").asInt()).isEqualTo(11);
        JsonNode indices = s.get("indices");
        assertThat(indices).hasSize(4);
        List<String> pairs = new ArrayList<>();
        for (JsonNode e : indices) {
            pairs.add(e.get("key").asText() + " " + e.get("metric").asText());
            for (String f : List.of("first_order", "total_order")) {
                assertThat(e.get(f).isNumber()).isTrue();
                JsonNode ci = e.get(f + "_ci");
                assertThat(ci).hasSize(2);
                assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(ci.get(1).asDouble());
            }
        }
        assertThat(pairs)
                .containsExactly(
                        "channels.cameras.false_match sanctioned:flight_ban",
                        "lists.court_blacklist.exit_rate sanctioned:flight_ban",
                        "channels.cameras.false_match listed_end:court_blacklist",
                        "lists.court_blacklist.exit_rate listed_end:court_blacklist");
        assertThat(Files.readString(out.resolve("sensitivity.json"))).isEqualTo(o.out());
        assertThat(Files.readString(out.resolve("sensitivity.html")))
                .contains("\"method\":\"sobol\"")
                .doesNotContain("/*@DATA@*/");
        try (SensitivityDatabase db = SensitivityDatabase.read(out)) {
            assertThat(db.runs()).hasSize(16);
            // first and total order of each key and metric
            assertThat(db.indices()).hasSize(8);
        }
    }

    @Test
    void tableOnStdout() {
        Outcome o = sensitivity(tmp.resolve("t"), "--no-progress", "--method", "morris");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("Morris elementary effects")
                .contains("sanctioned:flight_ban: mean")
                .contains("lists.court_blacklist.exit_rate")
                .contains("no noise floor");
    }

    @Test
    void badInputNamesTheOptionAndExitsTwoWritingNothing() {
        Path out = tmp.resolve("bad");
        Outcome unknown = SweepCommandTest.cli(
                "sensitivity",
                SweepCommandTest.MINIMAL.toString(),
                "--vary",
                "channels.nowhere.false_match=0.1..0.2",
                "--metric",
                "sanctioned:flight_ban",
                "--out",
                out.toString());
        assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.err()).contains("minimal.yaml").contains("--vary channels.nowhere");
        Outcome reversed = SweepCommandTest.cli(
                "sensitivity",
                SweepCommandTest.MINIMAL.toString(),
                "--vary",
                "channels.cameras.false_match=0.02..0.001",
                "--metric",
                "sanctioned:flight_ban",
                "--out",
                out.toString());
        assertThat(reversed.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(reversed.err()).contains("--vary channels.cameras.false_match: LO must not exceed HI");
        Outcome metric = SweepCommandTest.cli(
                "sensitivity",
                SweepCommandTest.MINIMAL.toString(),
                "--vary",
                "channels.cameras.false_match=0.001..0.02",
                "--metric",
                "sanctioned:nothing",
                "--out",
                out.toString());
        assertThat(metric.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(metric.err()).contains("--metric sanctioned:nothing");
        Outcome year = SweepCommandTest.cli(
                "sensitivity",
                SweepCommandTest.MINIMAL.toString(),
                "--vary",
                "channels.cameras.false_match=0.001..0.02",
                "--metric",
                "sanctioned:flight_ban",
                "--years",
                "2014..2030",
                "--out",
                out.toString());
        assertThat(year.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(year.err()).contains("--years must be within 2013..2015");
        assertThat(out).doesNotExist();
    }
}
