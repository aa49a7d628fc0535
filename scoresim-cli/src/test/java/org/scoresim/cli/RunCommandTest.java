package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
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

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void jsonSummaryHasEveryKeyOfTheInterfaceInEveryYear() throws Exception {
        Path out = tmp.resolve("run");
        Outcome o = cli("run", MINIMAL.toString(), "--json", "--sample", "0.2", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode s = json(o.out());
        assertThat(s.get("scenario").asText()).isEqualTo("minimal");
        assertThat(s.get("seed").asLong()).isEqualTo(1);
        assertThat(s.get("sample").asDouble()).isEqualTo(0.2);
        assertThat(s.has("version")).isTrue();
        assertThat(s.get("households").asLong()).isPositive();
        assertThat(s.get("timing").has("people_years_per_second")).isTrue();
        assertThat(s.get("years").size()).isEqualTo(3);
        List<String> behaviours = List.of("jaywalking", "debt_default", "smoking_on_train", "volunteering");
        List<String> sanctions = List.of("flight_ban", "hsr_ban", "school_restriction");
        for (String year : List.of("2013", "2014", "2015")) {
            JsonNode y = s.get("years").get(year);
            assertThat(y.get("population").asLong()).isPositive();
            assertThat(y.has("locked_in")).isTrue();
            for (String m : List.of("offences", "detected", "misattributed", "fines")) {
                assertThat(y.get(m).size()).as(m).isEqualTo(behaviours.size());
                behaviours.forEach(
                        b -> assertThat(y.get(m).has(b)).as(m + "." + b).isTrue());
            }
            for (String m :
                    List.of("sanctioned", "sanctioned_new", "sanctioned_end", "wrongful", "children_affected")) {
                sanctions.forEach(
                        x -> assertThat(y.get(m).has(x)).as(m + "." + x).isTrue());
            }
            for (String t : List.of("A", "B", "C")) {
                assertThat(y.get("tier_end").has(t)).isTrue();
            }
            assertThat(y.get("blocked").has("flight")).isTrue();
            assertThat(y.get("blocked").has("hsr")).isTrue();
            assertThat(y.get("listed_end").has("court_blacklist")).isTrue();
            assertThat(y.get("delisted").has("court_blacklist")).isTrue();
            assertThat(y.get("rewarded").has("fast_loans")).isTrue();
            long tiers = y.get("tier_end").get("A").asLong()
                    + y.get("tier_end").get("B").asLong()
                    + y.get("tier_end").get("C").asLong();
            assertThat(Math.abs(tiers - y.get("population").asLong()))
                    .isLessThanOrEqualTo(3); // rounding of scaled counts
        }
        assertThat(s.get("interval95").get("2015").get("population")).hasSize(2);
        // what each figure rests on: the people simulated, unscaled
        assertThat(s.get("simulated").get("2015").get("population").asLong() * 5)
                .isCloseTo(y2015(s).get("population").asLong(), org.assertj.core.data.Offset.offset(5L));
        // the file written is the same as stdout
        assertThat(json(Files.readString(out.resolve("summary.json")))).isEqualTo(s);
    }

    static JsonNode y2015(JsonNode summary) {
        return summary.get("years").get("2015");
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreads() throws Exception {
        Outcome one = cli(
                "run",
                MINIMAL.toString(),
                "--json",
                "--sample",
                "0.1",
                "--threads",
                "1",
                "--out",
                tmp.resolve("a").toString());
        Outcome many = cli(
                "run",
                MINIMAL.toString(),
                "--json",
                "--sample",
                "0.1",
                "--out",
                tmp.resolve("b").toString());
        Outcome three = cli(
                "run",
                MINIMAL.toString(),
                "--json",
                "--sample",
                "0.1",
                "--threads",
                "3",
                "--out",
                tmp.resolve("c").toString());
        JsonNode a = json(one.out());
        JsonNode b = json(many.out());
        JsonNode c = json(three.out());
        assertThat(b.get("years")).isEqualTo(a.get("years"));
        assertThat(c.get("years")).isEqualTo(a.get("years"));
        assertThat(c.get("audit")).isEqualTo(a.get("audit"));
        assertThat(c.get("interval95")).isEqualTo(a.get("interval95"));
        Outcome other = cli(
                "run",
                MINIMAL.toString(),
                "--json",
                "--sample",
                "0.1",
                "--seed",
                "2",
                "--out",
                tmp.resolve("d").toString());
        assertThat(json(other.out()).get("years")).isNotEqualTo(a.get("years"));
    }

    @Test
    void tableIsPrintedWithoutJson() {
        Outcome o = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.05",
                "--no-progress",
                "--out",
                tmp.resolve("t").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains(
                        "2013",
                        "2015",
                        "jaywalking: offences",
                        "court_blacklist: entries",
                        "flight_ban",
                        "Blocked ticket purchases",
                        "summary.json");
        // labels are whole, and events named by their kind: volunteering earns points
        assertThat(o.out())
                .contains(
                        "court_blacklist: on list at year end",
                        "volunteering: good deeds",
                        "jaywalking: attributed to the wrong person")
                .doesNotContain("volunteering: offences");
        assertThat(o.out().lines().filter(l -> l.startsWith("  ")).map(l -> l.substring(0, 40)))
                .as("no label cut short")
                .noneMatch(l -> l.contains("~"));
        int width = o.out()
                .lines()
                .filter(l -> l.startsWith("  people "))
                .findFirst()
                .orElseThrow()
                .length();
        assertThat(o.out().lines().filter(l -> l.startsWith("  ") && !l.startsWith("   ")))
                .as("every row of the table as wide as the others")
                .filteredOn(l -> l.matches(".*\\d$"))
                .allSatisfy(l -> assertThat(l).hasSize(width));
    }

    @Test
    void aSampledRunShowsEachFiguresIntervalAndMarksFiguresOnFewPeople() {
        Outcome o = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.05",
                "--no-progress",
                "--out",
                tmp.resolve("t").toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<String> lines = o.out().lines().toList();
        int people = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("  people "))
                .findFirst()
                .orElseThrow());
        // under the population, a percentage; under a count of some thousands, a count
        assertThat(lines.get(people + 1)).startsWith("    ± 95%").matches(".*(\\s+±\\d\\.\\d%){3}");
        int flight = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("  flight_ban "))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(flight + 1)).matches("    ± 95%(\\s+±[\\d,]+){3}");
        // school restrictions of 2014 rest on a handful of children: marked, and the mark explained
        assertThat(lines.stream()
                        .filter(l -> l.startsWith("  school_restriction "))
                        .findFirst()
                        .orElseThrow())
                .contains("~");
        assertThat(o.out()).contains("~ rests on fewer than 30 simulated people or events", "--no-intervals");
        // every figure's row is as wide as its line of intervals
        assertThat(lines.get(flight + 1)).hasSameSizeAs(lines.get(flight));

        Outcome hidden = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.05",
                "--no-progress",
                "--no-intervals",
                "--out",
                tmp.resolve("u").toString());
        assertThat(hidden.code()).as(hidden.err()).isZero();
        assertThat(hidden.out()).doesNotContain("±").contains("~ rests on fewer than 30");
        // the figures themselves are the same
        assertThat(hidden.out().lines().filter(l -> l.startsWith("  flight_ban ")))
                .containsExactly(lines.get(flight));

        // a run of every household has no interval and no mark
        Outcome full = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "1",
                "--no-progress",
                "--out",
                tmp.resolve("v").toString());
        assertThat(full.out()).doesNotContain("±", "~");
    }

    @Test
    void aScenarioStatesItsDefaultSampleAndSampleOverridesIt() throws Exception {
        Path file = tmp.resolve("sampled.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(MINIMAL) + "\nsample: 0.05\n");
        Outcome stated =
                cli("run", file.toString(), "--json", "--out", tmp.resolve("a").toString());
        assertThat(stated.code()).as(stated.err()).isZero();
        assertThat(stated.out()).contains("\"sample\" : 0.05");
        Outcome asked = cli(
                "run",
                file.toString(),
                "--json",
                "--sample",
                "0.1",
                "--out",
                tmp.resolve("b").toString());
        assertThat(asked.out()).contains("\"sample\" : 0.1");
        // the bundled run is the China scenario at its own sample
        assertThat(org.scoresim.model.ScenarioParser.parse(MINIMAL.resolveSibling("china-2013-2020.yaml"))
                        .defaultSample())
                .isEqualTo(0.01);
    }

    @Test
    void theScenariosClaimsArePrintedBesideTheModelsFigures() throws Exception {
        Outcome plain = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.05",
                "--no-progress",
                "--out",
                tmp.resolve("p").toString());
        assertThat(plain.out()).doesNotContain("explained");
        Path claimed = tmp.resolve("claimed.yaml");
        Files.writeString(claimed, Files.readString(MINIMAL) + """

                claims:
                  headline:
                    year: 2015
                    by: press
                    claimed: 2300000
                    wording: "2.3 M barred"
                    source: "a test"
                    explanation: "Purchases, not people."
                    beside:
                      - {label: "people banned in 2015", metric: travel_banned}
                      - {label: "blocked purchases since 2013", metric: blocked, cumulative: true}
                """);
        Outcome o = cli(
                "run",
                claimed.toString(),
                "--sample",
                "0.05",
                "--no-progress",
                "--out",
                tmp.resolve("c").toString());
        assertThat(o.code()).as(o.err()).isZero();
        String block = o.out().substring(o.out().indexOf("\nThe press figure"));
        List<String> lines = block.lines().toList();
        assertThat(lines.get(1)).isEqualTo("The press figure, explained (2015)");
        assertThat(lines.get(2)).startsWith("  press: \"2.3 M barred\"   ").endsWith(" 2.30M");
        assertThat(lines.get(3)).startsWith("  model: people banned in 2015   ").hasSize(87);
        assertThat(lines.get(4))
                .startsWith("  model: blocked purchases since 2013   ")
                .hasSize(87);
        assertThat(lines.get(5)).isEqualTo("  Purchases, not people.");
    }

    @Test
    void badFileExitsTwoListsEveryProblemAndWritesNothing() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        String text = Files.readString(MINIMAL)
                .replace("rate: 2.0", "rate: -2.0")
                .replace("probability: 0.8", "probability: 1.8");
        Files.writeString(bad, text);
        Path out = tmp.resolve("never");
        Outcome o = cli("run", bad.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("bad.yaml:", "behaviours.jaywalking.rate", "probability");
        assertThat(o.err().lines().filter(l -> l.startsWith(bad.toString())).count())
                .isGreaterThanOrEqualTo(2);
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("bad.yaml");
        }
        Outcome v = cli("validate", bad.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).doesNotContain("Exception");
    }

    @Test
    void validateAcceptsEveryBundledScenario() throws Exception {
        try (Stream<Path> files = Files.list(Paths.get("..", "scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Outcome o = cli("validate", f.toString());
                assertThat(o.code()).as(f + ": " + o.err()).isZero();
                assertThat(o.out()).contains("valid scenario");
            }
        }
    }

    @Test
    void validateResolvedPrintsAScenarioWithABaseAsOneFile() throws Exception {
        Path variant = Paths.get("..", "scenarios", "china-no-false-matches.yaml");
        Outcome o = cli("validate", variant.toString(), "--resolved");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("name: china-no-false-matches\n").doesNotContain("base:");
        assertThat(org.scoresim.model.ScenarioParser.parse(o.out(), "resolved.yaml"))
                .isEqualTo(org.scoresim.model.ScenarioParser.parse(variant));

        Files.writeString(tmp.resolve("minimal.yaml"), Files.readString(MINIMAL).replace("rate: 2.0", "rate: -2.0"));
        Path overlay = tmp.resolve("variant.yaml");
        Files.writeString(overlay, "base: minimal.yaml\nname: variant\nset:\n  channels.cameras.false_mach: 0\n");
        Outcome bad = cli("validate", overlay.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines().toList())
                .startsWith(
                        overlay
                                + ":4:3: channels.cameras.false_mach: unknown key 'false_mach'; did you mean 'false_match'?",
                        tmp.resolve("minimal.yaml")
                                + ":26:11: behaviours.jaywalking.rate: expected a number >= 0 or a {year: value} map,"
                                + " got -2.0");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli("run", MINIMAL.toString(), "--sample", "0").code()).isEqualTo(2);
        assertThat(cli("run", MINIMAL.toString(), "--sample", "1.5").code()).isEqualTo(2);
        assertThat(cli("run", MINIMAL.toString(), "--threads", "0").code()).isEqualTo(2);
        assertThat(cli("run", MINIMAL.toString(), "--engine", "gpu").code()).isEqualTo(2);
        assertThat(cli("run", "--no-such-option").code()).isEqualTo(2);
        assertThat(cli("validate", tmp.resolve("missing.yaml").toString()).code())
                .isEqualTo(2);
        assertThat(cli("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void existingNonEmptyOutputIsRefused() throws Exception {
        Path out = tmp.resolve("full");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        Outcome o = cli("run", MINIMAL.toString(), "--sample", "0.01", "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void helpTeaches() {
        Outcome o = cli("run", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("--sample", "--seed", "--threads", "--json", "summary.json");
    }
}
