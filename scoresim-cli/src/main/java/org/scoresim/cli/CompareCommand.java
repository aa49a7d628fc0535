package org.scoresim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.experiments.compare.Comparison;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        header = "Runs two scenarios on the same people and counts whom the difference moved.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs two scenarios on the same synthetic people with the same random draws, in one pass,",
            "and shows whom the policy difference moved: per year and sanction, the people under",
            "A, under B, under both, under A only and under B only. The two scenarios must describe the",
            "same population (identical population blocks and years)."
        },
        footer = {
            "",
            "Example:",
            "  ./scoresim compare scenarios/china-2013-2020.yaml scenarios/china-no-false-matches.yaml --sample 0.01"
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the first scenario")
    Path fileA;

    @Parameters(index = "1", paramLabel = "B", description = "the second scenario")
    Path fileB;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--sample",
            description = "fraction of households (default: the first scenario's sample, else 1: every household)")
    Double sample;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "the comparison as JSON (docs/OUTPUTS.md); no progress bar")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1], got " + sample);
        }
        Scenario a;
        Scenario b;
        try {
            a = ScenarioFiles.read(fileA);
            b = ScenarioFiles.read(fileB);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, err);
            return Main.BAD_INPUT;
        }
        double f = sample != null ? sample : a.defaultSample();
        Comparison c;
        try {
            Plan planA = Plan.compile(a, seed, f);
            Plan planB = Plan.compile(b, seed, f);
            for (Plan plan : new Plan[] {planA, planB}) {
                String tooSmall = SampleSize.problem(plan, "--sample");
                if (tooSmall != null) {
                    err.println("scoresim: " + tooSmall);
                    return Main.BAD_INPUT;
                }
            }
            c = new Comparison(planA, planB);
        } catch (IllegalArgumentException e) {
            err.println("scoresim: cannot compare " + ConsoleText.of(fileA) + " and " + ConsoleText.of(fileB) + ": "
                    + ConsoleText.of(e.getMessage()));
            return Main.BAD_INPUT;
        }
        if (!json) {
            err.println("comparing " + ConsoleText.of(a.name()) + " and " + ConsoleText.of(b.name())
                    + " on the same people ...");
        }
        // both scenarios on each household in turn: the bar counts the people-years of one
        try (RunProgress bar =
                RunProgress.start("comparing", err, !json && !noProgress, c::personYearsDone, c::expectedPersonYears)) {
            c.run(EngineOptions.threads(threads, spec));
            bar.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(c.toMap()));
            return 0;
        }
        out.printf(
                "%nA = %s, B = %s, seed %d, %s%n",
                ConsoleText.of(a.name()),
                ConsoleText.of(b.name()),
                seed,
                f >= 1 ? "every household" : "sample " + f + " (counts scaled)");
        out.println("People under each sanction at any time of the year:");
        out.printf("%-6s %-26s %12s %12s %12s %12s %12s%n", "year", "sanction", "A", "B", "both", "A only", "B only");
        for (int y = 0; y < c.resultsA().years(); y++) {
            for (String s : c.sanctions()) {
                out.printf("%-6d %-26s", c.resultsA().firstYear() + y, s);
                for (String col : Comparison.COLUMNS) {
                    out.printf(" %,12d", c.resultsA().scale(c.raw(y, s, col)));
                }
                out.println();
            }
        }
        return 0;
    }
}
