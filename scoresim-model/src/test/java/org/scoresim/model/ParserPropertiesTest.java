package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever is done to a valid scenario file, {@code parse} answers with a scenario or with a
 * {@link ScenarioException} listing its problems: never another exception, never an empty message.
 * A scenario that parses prints back to itself.
 */
class ParserPropertiesTest {
    static final String MINIMAL = Fixtures.minimal();
    static final List<String> TOKENS = List.of(
            ": [",
            "{",
            "}",
            "[",
            "]",
            "- ",
            "&a ",
            "*a",
            "\t",
            ": ",
            "? ",
            ",",
            "'",
            "\"",
            "#",
            "\n",
            "  ",
            "---\n",
            "...\n",
            "<<: ",
            "~",
            "null",
            "-1",
            "1e999",
            "0x1F",
            ".nan",
            "2014-02-30",
            "&a [*a, *a]",
            "!!int ",
            "!!binary ",
            "!foo ",
            "|\n",
            ">-\n",
            "%YAML 1.1\n",
            "\\u0000",
            "\u00e9",
            "\uFEFF",
            "\u2028",
            "99999999999999999999");
    static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("scoresim-props");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 300)
    void mutatedTextGivesAScenarioOrProblems(@ForAll("mutations") List<UnaryOperator<String>> mutations) {
        String text = MINIMAL;
        for (UnaryOperator<String> m : mutations) {
            text = m.apply(text);
        }
        check(text);
    }

    @Property(tries = 100)
    void mutatedBytesGiveAScenarioOrProblems(@ForAll("byteEdits") List<int[]> edits) throws IOException {
        byte[] bytes = MINIMAL.getBytes(StandardCharsets.UTF_8);
        for (int[] e : edits) {
            bytes[e[0] % bytes.length] = (byte) e[1];
        }
        Path file = Files.write(dir.resolve("mutated.yaml"), bytes);
        Scenario s;
        try {
            s = ScenarioParser.parse(file);
        } catch (ScenarioException e) {
            checkProblems(e, file.toString());
            // a file with content has its problems somewhere in it: a line to go to
            assertThat(e.problems())
                    .allSatisfy(p -> assertThat(p.line()).as("line of %s", p).isPositive());
            return;
        }
        checkRoundTrip(s);
    }

    @Property(tries = 300)
    void numbersPrintBackExactly(@ForAll("unitDoubles") double p, @ForAll("rates") double rate)
            throws ScenarioException {
        String text = Fixtures.edit("probability: 0.8", "probability: " + p);
        text = Fixtures.edit(text, "rate: 0.01", "rate: {2013: " + rate + ", 2100: " + p + "}");
        Scenario s = ScenarioParser.parse(text, Fixtures.FILE);
        assertThat(s.behaviours().get("jaywalking").detection().get(0).probability())
                .isEqualTo(p);
        assertThat(ScenarioParser.parse(ScenarioWriter.toYaml(s), Fixtures.FILE))
                .isEqualTo(s);
    }

    private static void check(String text) {
        Scenario s;
        try {
            s = ScenarioParser.parse(text, Fixtures.FILE);
        } catch (ScenarioException e) {
            checkProblems(e, Fixtures.FILE);
            return;
        }
        checkRoundTrip(s);
    }

    /** A scenario that parses prints back to text that reads as the same scenario. */
    private static void checkRoundTrip(Scenario s) {
        try {
            assertThat(ScenarioParser.parse(ScenarioWriter.toYaml(s), Fixtures.FILE))
                    .isEqualTo(s);
        } catch (ScenarioException e) {
            throw new AssertionError("a parsed scenario prints back to a file with problems " + e.problems(), e);
        }
    }

    private static void checkProblems(ScenarioException e, String file) {
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.message()).isNotBlank().doesNotStartWith("internal error");
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isNotNegative();
            assertThat(p.column()).isNotNegative();
        });
        assertThat(e.problems())
                .isSortedAccordingTo(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    }

    @Provide
    Arbitrary<List<UnaryOperator<String>>> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 100_000);
        Arbitrary<UnaryOperator<String>> deleteLine = at.map(i -> t -> lines(t, i, (ls, k) -> ls.remove(k)));
        Arbitrary<UnaryOperator<String>> duplicateLine = at.map(i -> t -> lines(t, i, (ls, k) -> ls.add(k, ls.get(k))));
        Arbitrary<UnaryOperator<String>> swapLines = Combinators.combine(at, at)
                .as((i, j) -> t -> lines(t, i, (ls, k) -> {
                    int other = j % ls.size();
                    String a = ls.get(k);
                    ls.set(k, ls.get(other));
                    ls.set(other, a);
                }));
        Arbitrary<UnaryOperator<String>> printable = Combinators.combine(
                        at, Arbitraries.chars().range(' ', '~'))
                .as((i, c) -> t -> replaceAt(t, i, String.valueOf(c)));
        Arbitrary<UnaryOperator<String>> anyByte = Combinators.combine(
                        at, Arbitraries.integers().between(0, 255))
                .as((i, b) -> t -> replaceAt(t, i, String.valueOf((char) b.intValue())));
        Arbitrary<UnaryOperator<String>> truncate = at.map(i -> t -> t.substring(0, i % (t.length() + 1)));
        Arbitrary<UnaryOperator<String>> insert = Combinators.combine(at, Arbitraries.of(TOKENS))
                .as((i, token) -> t -> {
                    int k = i % (t.length() + 1);
                    return t.substring(0, k) + token + t.substring(k);
                });
        return Arbitraries.oneOf(deleteLine, duplicateLine, swapLines, printable, anyByte, truncate, insert)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<int[]>> byteEdits() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(0, 255))
                .as((i, b) -> new int[] {i, b})
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<Double> unitDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1).ofScale(20),
                Arbitraries.of(0.0, Double.MIN_NORMAL, 1e-300, 0.1, 1.0 / 3, Math.nextDown(1.0), 1.0));
    }

    @Provide
    Arbitrary<Double> rates() {
        return Arbitraries.oneOf(
                // up to the largest rate of debt_default in the minimal scenario: 2^17 events over 3 years
                Arbitraries.doubles().between(0, 40_000).ofScale(12),
                Arbitraries.of(0.0, Double.MIN_NORMAL, 1e-300, 43_690.0, 12345.678901234567));
    }

    private interface LineEdit {
        void apply(List<String> lines, int index);
    }

    private static String lines(String text, int i, LineEdit edit) {
        List<String> ls = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        edit.apply(ls, i % ls.size());
        return String.join("\n", ls);
    }

    private static String replaceAt(String text, int i, String with) {
        if (text.isEmpty()) {
            return with;
        }
        int k = i % text.length();
        return text.substring(0, k) + with + text.substring(k + 1);
    }
}
