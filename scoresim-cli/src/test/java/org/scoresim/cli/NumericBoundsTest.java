package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.cli.RunCommandTest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scoresim.cli.RunCommandTest.Outcome;

/**
 * Whatever validate accepts runs with right numbers; values past what the engine represents are
 * refused at their place (docs/BOUNDS.md). These values used to validate and then run wrong (a rate
 * of 1e308 gave no offence), run out of memory (1e12), or fail inside the engine (a fine or a
 * weight of 1e308, a heterogeneity of 1e-320 or 1e20).
 */
class NumericBoundsTest {
    /** The minimal scenario on 20,000 people: a 0.1% sample is some 20 people. */
    static final String SMALL;

    static {
        try {
            SMALL = Files.readString(Paths.get("..", "scenarios", "minimal.yaml"))
                    .replace("size: 1000000", "size: 20000");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path tmp;

    private Path write(String old, String replacement) throws Exception {
        assertThat(SMALL).contains(old);
        Path file = tmp.resolve("scenario.yaml");
        Files.writeString(file, SMALL.replace(old, replacement));
        return file;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rate: 2.0 | rate: 1e308 | 26:11: behaviours.jaywalking.rate: expected a rate in [0, 480] events per"
                        + " person-year, got 1e308",
                "rate: 2.0 | rate: 99999999999999999999 | 26:11: behaviours.jaywalking.rate: expected a rate in [0, 480]",
                "rate: 2.0 | rate: 1e12 | 26:11: behaviours.jaywalking.rate: expected a rate in [0, 480]",
                "urban: 1.5 | urban: 1e308 | 28:18: behaviours.jaywalking.multipliers: expected factors whose product is"
                        + " at most 360 for this rate, got a largest product of 1e308",
                "fine: 200 | fine: 1e308 | 46:11: behaviours.smoking_on_train.fine: expected a fine in" + " [0, 9e13]",
                "fine: 200 | fine: 99999999999999999999 | 46:11: behaviours.smoking_on_train.fine: expected a fine in"
                        + " [0, 9e13]",
                "{1: 0.3, 2: 0.7} | {1: 0.3, 2: 1e308} | 7:25: population.households.adults.2: expected a weight in"
                        + " [0, 5.48e303], got 1e308",
                "heterogeneity: 0.5 | heterogeneity: 1e-320 | 27:20: behaviours.jaywalking.heterogeneity: expected a"
                        + " Gamma shape in [0.001, 10000]",
                "heterogeneity: 0.5 | heterogeneity: 1e12 | 27:20: behaviours.jaywalking.heterogeneity: expected a Gamma"
                        + " shape in [0.001, 10000]",
                "heterogeneity: 0.5 | heterogeneity: 1e20 | 27:20: behaviours.jaywalking.heterogeneity: expected a Gamma"
                        + " shape in [0.001, 10000]",
                "heterogeneity: 0.5 | heterogeneity: 1e308 | 27:20: behaviours.jaywalking.heterogeneity: expected a"
                        + " Gamma shape in [0.001, 10000]",
            })
    void valuesPastTheEnginesBoundsAreRefusedAtTheirPlace(String old, String replacement, String problem)
            throws Exception {
        Path file = write(old, replacement);
        Outcome validate = cli("validate", file.toString());
        assertThat(validate.code()).as(validate.err()).isEqualTo(2);
        assertThat(validate.err().lines().findFirst().orElseThrow()).startsWith(file + ":" + problem);
        Outcome run = cli(
                "run",
                file.toString(),
                "--sample",
                "0.001",
                "--out",
                tmp.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aRateAtItsBoundGivesTheOffencesItStandsFor() throws Exception {
        // debt_default for everyone: no multiplier, frailty or false match, so 2^17 events over 3 years
        Path file = write(
                "  debt_default:\n    who: adults\n    rate: 0.01",
                "  debt_default:\n    who: everyone\n    rate: 43690");
        Outcome o = cli(
                "run",
                file.toString(),
                "--sample",
                "0.001",
                "--json",
                "--out",
                tmp.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode years = RunCommandTest.json(o.out()).get("years");
        for (String year : new String[] {"2013", "2014", "2015"}) {
            JsonNode y = years.get(year);
            double people = y.get("population").asDouble();
            assertThat(people).isPositive();
            // some 20 people with 43,690 events each a year: the count is within a percent of the rate
            assertThat(y.get("offences").get("debt_default").asDouble() / people)
                    .as("offences per person in %s", year)
                    .isBetween(0.99 * 43690, 1.01 * 43690);
        }
    }

    /** Values at their bounds, each with the edits that put it there: old, new, old, new ... */
    static Stream<List<String>> atTheBounds() {
        return Stream.of(
                List.of("rate: 2.0 ", "rate: 480 "),
                // the smallest shape: frailty up to 27,737 times the mean, with a rate to match
                List.of("rate: 2.0 ", "rate: 1 ", "heterogeneity: 0.5", "heterogeneity: 0.001"),
                List.of("heterogeneity: 0.5", "heterogeneity: 10000"),
                List.of("fine: 200", "fine: 290000000"),
                List.of("trips_per_year: 2.0", "trips_per_year: 1070000000"),
                List.of("{1: 0.3, 2: 0.7}", "{1: 5.48e303, 2: 5.48e303}"),
                List.of("duration_days: 180", "duration_days: 5.83e-11"),
                List.of(
                        "points: -50",
                        "points: -65536",
                        "max: 1300",
                        "max: 32768",
                        "min: 0\n",
                        "min: -32768\n",
                        "{name: C, min: 0}",
                        "{name: C, min: -32768}"),
                List.of("deterrence: 0.3", "deterrence: 2.2250738585072014e-308"));
    }

    @ParameterizedTest
    @MethodSource("atTheBounds")
    void valuesAtTheirBoundsRun(List<String> edits) throws Exception {
        String text = SMALL;
        for (int i = 0; i < edits.size(); i += 2) {
            assertThat(text).contains(edits.get(i));
            text = text.replace(edits.get(i), edits.get(i + 1));
        }
        Path file = tmp.resolve("scenario.yaml");
        Files.writeString(file, text);
        Outcome o = cli(
                "run",
                file.toString(),
                "--sample",
                "0.001",
                "--json",
                "--out",
                tmp.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(RunCommandTest.json(o.out()).get("years").size()).isEqualTo(3);
    }
}
