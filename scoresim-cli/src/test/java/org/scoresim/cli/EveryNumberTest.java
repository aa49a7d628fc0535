package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.scoresim.cli.RunCommandTest.Outcome;
import org.scoresim.model.Problem;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Whatever validate accepts runs: every number written in the bundled scenarios (values and
 * numeric keys such as curve years and household sizes), replaced one at a time by an extreme
 * value, either is refused with exit code 2 and every problem located (file:line:column), or the
 * scenario runs a 0.1% sample to exit code 0. Never an internal failure (exit 1), never a hang.
 * Validation is checked for every replacement; the command, run, for a fresh draw of them each
 * time, mostly valid ones (a run takes about a second, on populations cut to 20,000 people).
 */
class EveryNumberTest {
    static final List<String> EXTREMES = List.of(
            "0",
            "1e-300",
            "4.9e-324",
            "1e308",
            "-1e308",
            "-1",
            "99999999999999999999",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648");

    private static final Pattern NUMBER =
            Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    /** One number of a scenario's text replaced by another. */
    record Mutation(String scenario, String text, int start, int end, int line, String value) {
        String apply() {
            return text.substring(0, start) + value + text.substring(end);
        }

        @Override
        public String toString() {
            return scenario + " line " + line + ": " + text.substring(start, end) + " -> " + value;
        }
    }

    static final List<Mutation> MUTATIONS = Stream.concat(
                    mutations("minimal.yaml", "size: 1000000"), mutations("china-2013-2020.yaml", "size: 1400000000"))
            .toList();

    private static Stream<Mutation> mutations(String name, String size) {
        String text;
        try {
            text = Files.readString(Paths.get("..", "scenarios", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(text).contains(size);
        String small = text.replace(size, "size: 20000");
        List<ScalarNode> numbers = new ArrayList<>();
        collect(new Yaml().compose(new StringReader(small)), numbers);
        assertThat(numbers).as("numbers of %s", name).hasSizeGreaterThan(50);
        return numbers.stream()
                .flatMap(n -> EXTREMES.stream().map(v -> {
                    int start = small.offsetByCodePoints(0, n.getStartMark().getIndex());
                    int end = small.offsetByCodePoints(0, n.getEndMark().getIndex());
                    return new Mutation(
                            name, small, start, end, n.getStartMark().getLine() + 1, v);
                }));
    }

    /** The plain scalars of a node tree written as numbers, keys included. */
    private static void collect(Node node, List<ScalarNode> out) {
        if (node instanceof ScalarNode s) {
            if (s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && NUMBER.matcher(s.getValue()).matches()) {
                out.add(s);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> collect(n, out));
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                collect(t.getKeyNode(), out);
                collect(t.getValueNode(), out);
            }
        }
    }

    /** Where validation puts each mutation: null when valid, else its problems. */
    record Checked(Mutation mutation, ScenarioException problems) {}

    private static List<Checked> checked;

    /** Every mutation through the validation {@code scoresim validate} runs, once per test run. */
    static synchronized List<Checked> checked() {
        if (checked == null) {
            List<Checked> out = new ArrayList<>();
            for (Mutation m : MUTATIONS) {
                try {
                    ScenarioParser.parse(m.apply(), m.scenario());
                    out.add(new Checked(m, null));
                } catch (ScenarioException e) {
                    out.add(new Checked(m, e));
                }
            }
            checked = out;
        }
        return checked;
    }

    @Test
    void everyExtremeOfEveryNumberIsRefusedAtItsPlaceOrValid() {
        int valid = 0;
        for (Checked c : checked()) {
            if (c.problems() == null) {
                valid++;
                continue;
            }
            assertThat(c.problems().problems()).as(c.mutation().toString()).isNotEmpty();
            for (Problem p : c.problems().problems()) {
                assertThat(p.file())
                        .as("%s: %s", c.mutation(), p)
                        .isEqualTo(c.mutation().scenario());
                assertThat(Math.min(p.line(), p.column()))
                        .as("%s: a located problem: %s", c.mutation(), p)
                        .isPositive();
                assertThat(p.message()).as(p.toString()).isNotBlank();
            }
        }
        // both outcomes occur, so that the runs below draw from both
        assertThat(valid).isBetween(1, MUTATIONS.size() - 1);
    }

    /** Three valid mutations for one refused: the runs are what this property is for. */
    @Provide
    Arbitrary<Mutation> mutation() {
        List<Mutation> valid = new ArrayList<>();
        List<Mutation> refused = new ArrayList<>();
        for (Checked c : checked()) {
            (c.problems() == null ? valid : refused).add(c.mutation());
        }
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(valid)), Tuple.of(1, Arbitraries.of(refused)));
    }

    /** About a second a run on two cores, a few milliseconds a refusal; drawn afresh on every test run. */
    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void whatValidatesRunsAndWhatDoesNotIsRefusedAtItsPlace(@ForAll("mutation") Mutation m) throws IOException {
        Path dir = Files.createTempDirectory("scoresim-every-number");
        try {
            Path file = dir.resolve(m.scenario());
            Files.writeString(file, m.apply());
            Path out = dir.resolve("out");
            // a guard against a hang, not a measure of speed
            Outcome o = assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> RunCommandTest.cli(
                            "run", file.toString(), "--sample", "0.001", "--json", "--out", out.toString()),
                    m::toString);
            assertThat(o.code()).as("%s: %s", m, o.err()).isIn(0, 2);
            if (o.code() == 0) {
                assertThat(out.resolve("summary.json")).as(m.toString()).exists();
            } else {
                assertLocated(m, file, o.err());
                assertThat(out).doesNotExist();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every problem line names the file, a line and a column; the last line says nothing was run. */
    private static void assertLocated(Mutation m, Path file, String err) {
        List<String> lines = err.lines().toList();
        assertThat(lines).as("%s: %s", m, err).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(lines.size() - 1)).as(m.toString()).contains("nothing was run or written");
        Pattern located = Pattern.compile(Pattern.quote(file.toString()) + ":([0-9]+):([0-9]+): \\S.*");
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher at = located.matcher(line);
            assertThat(at.matches()).as("%s: a located problem: %s", m, line).isTrue();
            assertThat(Integer.parseInt(at.group(1))).as(line).isPositive();
            assertThat(Integer.parseInt(at.group(2))).as(line).isPositive();
        }
    }
}
