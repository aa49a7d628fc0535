package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scoresim audit RUN_DIR} (docs/OUTPUTS.md): the audit table of a run as a readable table or JSON. */
class AuditCommandTest {
    @TempDir
    static Path shared;

    static Path run;

    @BeforeAll
    static void runOnce() {
        run = shared.resolve("run");
        RunCommandTest.Outcome o = RunCommandTest.cli(
                "run", RunCommandTest.MINIMAL.toString(), "--sample", "0.05", "--seed", "3", "--out", run.toString());
        assertThat(o.code()).as(o.err()).isZero();
    }

    @Test
    void printsEveryGroupWithItsReferenceIntervalAndVerdict() {
        RunCommandTest.Outcome o = RunCommandTest.cli("audit", run.toString(), "--sanction", "flight_ban");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        String out = o.out();
        assertThat(out).contains("Audit of minimal, seed 3, 5% of households, 2015");
        assertThat(out).containsPattern("flight_ban by province \\(reference: (north|south)\\)");
        assertThat(out).containsPattern("flight_ban by setting \\(reference: (urban|rural)\\)");
        assertThat(out).contains("group", "people", "95% interval", "four-fifths", "wrongful share");
        // every group of both attributes, one line each; the reference says so, the other has a verdict
        List<String> lines = out.lines()
                .filter(l -> l.matches("  (north|south|urban|rural) .*"))
                .toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().filter(l -> l.endsWith("reference") || l.contains(" reference ")))
                .hasSize(2);
        assertThat(lines).allMatch(l -> l.contains("reference") || l.matches(".*(passes|fails|inconclusive).*"));
    }

    @Test
    void jsonRowsFilteredAndMeasuredAgainstANamedReference() throws Exception {
        RunCommandTest.Outcome o = RunCommandTest.cli(
                "audit",
                run.toString(),
                "--year",
                "2014",
                "--sanction",
                "hsr_ban",
                "--attribute",
                "setting",
                "--reference",
                "urban",
                "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode rows = RunCommandTest.json(o.out());
        assertThat(rows).hasSize(2);
        List<String> groups = new ArrayList<>();
        for (JsonNode r : rows) {
            groups.add(r.get("value").asText());
            assertThat(r.get("year").asInt()).isEqualTo(2014);
            assertThat(r.get("sanction").asText()).isEqualTo("hsr_ban");
            assertThat(r.get("reference").asText()).isEqualTo("urban");
        }
        assertThat(groups).containsExactly("urban", "rural");
        JsonNode urban = rows.get(0);
        JsonNode rural = rows.get(1);
        assertThat(urban.get("verdict").asText()).isEqualTo("reference");
        double expected = rural.get("rate").asDouble() / urban.get("rate").asDouble();
        assertThat(rural.get("ratio").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rural.get("ratio_lo").asDouble()).isLessThan(expected);
        assertThat(rural.get("ratio_hi").asDouble()).isGreaterThan(expected);
    }

    @Test
    void intersectionsOnRequest() throws Exception {
        RunCommandTest.Outcome o = RunCommandTest.cli(
                "audit", run.toString(), "--intersect", "setting,province", "--sanction", "flight_ban", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode rows = RunCommandTest.json(o.out());
        assertThat(rows).hasSize(4);
        long people = 0;
        for (JsonNode r : rows) {
            assertThat(r.get("attribute").asText()).isEqualTo("province,setting");
            assertThat(r.get("value").asText()).matches("(north|south),(urban|rural)");
            people += r.get("people").asLong();
        }
        JsonNode single = RunCommandTest.json(RunCommandTest.cli(
                        "audit", run.toString(), "--attribute", "setting", "--sanction", "flight_ban", "--json")
                .out());
        assertThat(people)
                .isEqualTo(single.get(0).get("people").asLong()
                        + single.get(1).get("people").asLong());
    }

    @Test
    void badDirectoryOrOptionExitsTwoWithAClearMessage() throws Exception {
        RunCommandTest.Outcome missing =
                RunCommandTest.cli("audit", shared.resolve("nothing").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a directory; give a run's output directory");
        assertThat(missing.out()).isEmpty();

        Path empty = Files.createDirectories(shared.resolve("empty"));
        RunCommandTest.Outcome noDb = RunCommandTest.cli("audit", empty.toString());
        assertThat(noDb.code()).isEqualTo(2);
        assertThat(noDb.err()).contains("has no results.duckdb; it is not a finished run's directory");

        Path broken = Files.createDirectories(shared.resolve("broken"));
        Files.writeString(broken.resolve("results.duckdb"), "not a database");
        RunCommandTest.Outcome damaged = RunCommandTest.cli("audit", broken.toString());
        assertThat(damaged.code()).isEqualTo(2);
        assertThat(damaged.err())
                .startsWith("scoresim: cannot read the audit of ")
                .doesNotContain("\tat ");

        RunCommandTest.Outcome year = RunCommandTest.cli("audit", run.toString(), "--year", "2030");
        assertThat(year.code()).isEqualTo(2);
        assertThat(year.err()).contains("--year 2030: the run covers 2013 to 2015");
        RunCommandTest.Outcome ref = RunCommandTest.cli("audit", run.toString(), "--reference", "east");
        assertThat(ref.code()).isEqualTo(2);
        assertThat(ref.err()).contains("--reference: no group 'east'");
        RunCommandTest.Outcome pair = RunCommandTest.cli("audit", run.toString(), "--intersect", "province");
        assertThat(pair.code()).isEqualTo(2);
        assertThat(pair.err()).contains("--intersect: expected two different attributes");
        RunCommandTest.Outcome help = RunCommandTest.cli("audit", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: scoresim audit", "--intersect=ATTR,ATTR", "inconclusive");
    }
}
