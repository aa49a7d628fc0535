package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario naming a base and changing it by key path ({@code base}, {@code remove}, {@code set}). */
class OverlayTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    /** The minimal scenario as the base, and an overlay of it. */
    Path overlay(String text) throws IOException {
        write("minimal.yaml", Fixtures.minimal());
        return write("variant.yaml", text);
    }

    static List<Problem> problems(Path file) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioParser.parse(file));
        assertThat(e).as("a ScenarioException").isNotNull();
        return e.problems();
    }

    /** The one problem of a file, at the line and column of {@code marker} in {@code text} (at its '^' if any). */
    static Problem only(Path file, String text, String marker, String path, String fragment) {
        List<Problem> p = problems(file);
        assertThat(p).as("exactly one problem").hasSize(1);
        int at = text.indexOf(marker.replace("^", "")) + Math.max(marker.indexOf('^'), 0);
        assertThat(at).as("marker '%s'", marker).isGreaterThanOrEqualTo(Math.max(marker.indexOf('^'), 0));
        int line =
                1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - text.lastIndexOf('\n', at - 1);
        assertThat(p.get(0).path()).isEqualTo(path);
        assertThat(p.get(0).message()).contains(fragment);
        assertThat(new int[] {p.get(0).line(), p.get(0).column()})
                .as("position of %s", p.get(0))
                .containsExactly(line, column);
        return p.get(0);
    }

    @Test
    void anOverlayIsItsBaseWithItsChanges() throws Exception {
        Path f = overlay("""
                base: minimal.yaml
                name: variant
                description: the minimal scenario, changed
                remove: [sanctions.school_restriction, behaviours.volunteering]
                set:
                  channels.cameras.false_match: 0
                  sanctions.hsr_ban.enforcement.2014: 0.75
                  scoring.tiers[1].min: 950
                  scoring.recovery: {points_per_clean_year: 20, expiry_years: 2.5}
                  rewards.free_parking: {when: {tiers: [A]}}
                """);
        String expected = Fixtures.minimal()
                .replace("name: minimal", "name: variant\ndescription: the minimal scenario, changed")
                .replace("false_match: 0.001", "false_match: 0")
                .replace("enforcement: {2013: 0.5, 2015: 1.0}", "enforcement: {2013: 0.5, 2015: 1.0, 2014: 0.75}")
                .replace("{name: B, min: 900}", "{name: B, min: 950}")
                .replace(
                        "recovery: {points_per_clean_year: 0}",
                        "recovery: {points_per_clean_year: 20, expiry_years: 2.5}")
                .replace(
                        "  fast_loans: {when: {tiers: [A]}}",
                        "  fast_loans: {when: {tiers: [A]}}\n  free_parking: {when: {tiers: [A]}}");
        expected = Fixtures.edit(expected, "  school_restriction: {when: {tiers: [C]}, target: children}\n", "");
        expected = expected.substring(0, expected.indexOf("  volunteering:"))
                + expected.substring(expected.indexOf("\nrollout:") + 1);
        Scenario want = ScenarioParser.parse(expected, "expected.yaml");
        Scenario got = ScenarioParser.parse(f);
        assertThat(got).isEqualTo(want);
        assertThat(ScenarioWriter.toYaml(got)).isEqualTo(ScenarioWriter.toYaml(want));
        assertThat(got.behaviours()).doesNotContainKey("volunteering");
        assertThat(got.rewards()).containsOnlyKeys("fast_loans", "free_parking");
    }

    @Test
    void theNameIsTheOverlaysTheDescriptionTheBasesUnlessGiven() throws Exception {
        write("base.yaml", Fixtures.edit("name: minimal", "name: minimal\ndescription: the base"));
        Scenario s = ScenarioParser.parse(write("v.yaml", "base: base.yaml\nname: v\n"));
        assertThat(s.name()).isEqualTo("v");
        assertThat(s.description()).isEqualTo("the base");
        assertThat(s.years())
                .isEqualTo(ScenarioParser.parse(dir.resolve("base.yaml")).years());
        String text = "base: base.yaml\n";
        only(write("nameless.yaml", text), text, "base", "name", "missing key 'name'");
    }

    @Test
    void aProblemOfAnOverlaysValueIsInTheOverlay() throws Exception {
        String text = "base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_match: 1.5\n";
        Problem p = only(overlay(text), text, "1.5", "channels.cameras.false_match", "expected a number in [0, 1)");
        assertThat(p.file()).isEqualTo(dir.resolve("variant.yaml").toString());
    }

    @Test
    void aProblemOfABaseValueIsInTheBase() throws Exception {
        String base = Fixtures.edit("rate: 2.0", "rate: -2.0");
        write("minimal.yaml", base);
        Path f = write("variant.yaml", "base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_match: 0\n");
        List<Problem> p = problems(f);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).file()).isEqualTo(dir.resolve("minimal.yaml").toString());
        assertThat(p.get(0).path()).isEqualTo("behaviours.jaywalking.rate");
        assertThat(p.get(0).line())
                .isEqualTo(base.lines()
                                .toList()
                                .indexOf("    rate: -2.0                          # events per person-year")
                        + 1);
        // the message names the base's file: a user opens it there
        assertThat(p.get(0).toString())
                .startsWith(dir.resolve("minimal.yaml") + ":" + p.get(0).line() + ":11: ");
    }

    @Test
    void problemsOfBothFilesComeAtOnceTheOverlaysFirst() throws Exception {
        write("minimal.yaml", Fixtures.edit("rate: 2.0", "rate: -2.0"));
        Path f = write("variant.yaml", "base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_match: 1.5\n");
        assertThat(problems(f))
                .extracting(Problem::file)
                .containsExactly(f.toString(), dir.resolve("minimal.yaml").toString());
    }

    @Test
    void anUnknownKeyPathIsReportedInTheOverlayWithASuggestion() throws Exception {
        String text = "base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_mach: 0\n";
        only(
                overlay(text),
                text,
                "channels.cameras.false_mach",
                "channels.cameras.false_mach",
                "unknown key 'false_mach'; did you mean 'false_match'?");
        String parent = "base: minimal.yaml\nname: v\nset:\n  channel.cameras.false_match: 0\n";
        only(overlay(parent), parent, "channel.", "channel.cameras.false_match", "no such key; did you mean channels?");
        String index = "base: minimal.yaml\nname: v\nset:\n  scoring.tiers[7].min: 0\n";
        only(
                overlay(index),
                index,
                "scoring.tiers[7]",
                "scoring.tiers[7].min",
                "no such key; scoring.tiers has 3 entries");
        String removed = "base: minimal.yaml\nname: v\nremove: [sanctions.school_restrction]\n";
        only(
                overlay(removed),
                removed,
                "sanctions.school_restrction",
                "sanctions.school_restrction",
                "did you mean sanctions.school_restriction?");
        String notAPath = "base: minimal.yaml\nname: v\nset:\n  behaviours..rate: 1\n";
        only(overlay(notAPath), notAPath, "behaviours..rate", "set.behaviours..rate", "not a key path");
    }

    @Test
    void theOverlaysOwnKeysAreFew() throws Exception {
        String text = "base: minimal.yaml\nname: v\nyears: {from: 2013, to: 2014}\n";
        only(overlay(text), text, "years", "years", "a scenario with a base changes its base's keys under set");
        String typo = "base: minimal.yaml\nname: v\nsett: {years.to: 2014}\n";
        only(overlay(typo), typo, "sett", "sett", "unknown key 'sett'; did you mean 'set'?");
    }

    @Test
    void aMissingBaseIsReportedAtTheBaseKey() throws Exception {
        String text = "base: minimall.yaml\nname: v\n";
        only(
                overlay(text),
                text,
                "minimall",
                "base",
                "no scenario file 'minimall.yaml' in " + dir + "/;" + " did you mean 'minimal.yaml'?");
        // a scenario named without a folder names none in messages either
        ScenarioException e = catchThrowableOfType(
                ScenarioException.class, () -> ScenarioParser.parse(text, "draft.yaml", Map.of(), dir));
        assertThat(e.problems().get(0).message())
                .isEqualTo("no scenario file 'minimall.yaml' in this scenario's folder;"
                        + " did you mean 'minimal.yaml'?");
    }

    @Test
    void aBaseMustLieInTheFolder() throws Exception {
        write("minimal.yaml", Fixtures.minimal());
        for (String name :
                List.of("../minimal.yaml", "/etc/passwd", "sub/../minimal.yaml", "./minimal.yaml", "a\\\\b.yaml")) {
            String text = "base: \"" + name + "\"\nname: v\n";
            only(write("sub/v.yaml", text), text, "\"", "base", "no absolute path");
        }
    }

    @Test
    void aLinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = write("outside/minimal.yaml", Fixtures.minimal());
        Path inside = dir.resolve("inside");
        Files.createDirectories(inside);
        try {
            Files.createSymbolicLink(inside.resolve("link.yaml"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no links on this file system: nothing to refuse
        }
        String text = "base: link.yaml\nname: v\n";
        only(write("inside/v.yaml", text), text, "link.yaml", "base", "leads out of");
    }

    @Test
    void aCycleOfBasesIsReported() throws Exception {
        write("a.yaml", "base: b.yaml\nname: a\n");
        String b = "base: a.yaml\nname: b\n";
        write("b.yaml", b);
        List<Problem> p = problems(dir.resolve("a.yaml"));
        assertThat(p).hasSize(1);
        assertThat(p.get(0).file()).isEqualTo(dir.resolve("b.yaml").toString());
        assertThat(p.get(0).message())
                .contains("the bases form a cycle: " + dir.resolve("a.yaml") + " -> " + dir.resolve("b.yaml") + " -> "
                        + dir.resolve("a.yaml"));
        String self = "base: self.yaml\nname: s\n";
        only(write("self.yaml", self), self, "self.yaml", "base", "the bases form a cycle");
    }

    @Test
    void aBaseMayHaveABase() throws Exception {
        write("minimal.yaml", Fixtures.minimal());
        write("one.yaml", "base: minimal.yaml\nname: one\nset: {years.to: 2014}\n");
        Scenario s =
                ScenarioParser.parse(write("two.yaml", "base: one.yaml\nname: two\nset: {population.size: 1000}\n"));
        assertThat(s.name()).isEqualTo("two");
        assertThat(s.years()).isEqualTo(new Scenario.Years(2013, 2014));
        assertThat(s.population().size()).isEqualTo(1000);
    }

    @Test
    void aTextFindsItsBaseOnlyInTheFolderItIsGiven() throws Exception {
        write("minimal.yaml", Fixtures.minimal());
        String text = "base: minimal.yaml\nname: draft\n";
        Scenario s = ScenarioParser.parse(text, "draft.yaml", Map.of(), dir);
        assertThat(s.name()).isEqualTo("draft");
        ScenarioException e =
                catchThrowableOfType(ScenarioException.class, () -> ScenarioParser.parse(text, "draft.yaml"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("base");
            assertThat(p.message()).contains("has no folder to look up its base in");
        });
        assertThat(ScenarioParser.namesBase(text)).isTrue();
        assertThat(ScenarioParser.namesBase(Fixtures.minimal())).isFalse();
        assertThat(ScenarioParser.namesBase("[")).isFalse();
    }

    @Test
    void overridesApplyToTheResolvedScenario() throws Exception {
        Path f = overlay("base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_match: 0\n");
        Scenario s = ScenarioParser.parse(f, Map.of("channels.cameras.false_match", "0.25", "years.to", "2014"));
        assertThat(s.channels().get("cameras").falseMatch()).isEqualTo(0.25);
        assertThat(s.years().to()).isEqualTo(2014);
    }

    @Test
    void theResolvedScenarioIsWrittenWithoutItsBase() throws Exception {
        Scenario s =
                ScenarioParser.parse(overlay("base: minimal.yaml\nname: v\nset:\n  channels.cameras.false_match: 0\n"));
        String flat = ScenarioWriter.toYaml(s);
        assertThat(flat).startsWith("name: v\n").doesNotContain("base:");
        assertThat(ScenarioParser.namesBase(flat)).isFalse();
        assertThat(ScenarioParser.parse(flat, "flat.yaml")).isEqualTo(s);
    }
}
