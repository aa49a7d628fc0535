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
            "A, under B, under both, under A only and under B only, and the difference B - A. The two",
            "scenarios must describe the same population (identical population blocks and years).",
            "With --sample, the difference has its own 95% interval, from the variance groups' differences:",
            "both sides are the same households and draws, so it is much narrower than either side's."
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
        boolean sampled = f < 1;
        boolean few = false;
        out.println("People under each sanction at any time of the year:");
        out.printf(
                "%-6s %-26s %12s %12s %12s %12s %12s %12s%s%n",
                "year",
                "sanction",
                "A",
                "B",
                "both",
                "A only",
                "B only",
                "B - A",
                sampled ? String.format(" %12s", "± 95%") : "");
        for (int y = 0; y < c.resultsA().years(); y++) {
            for (String s : c.sanctions()) {
                out.printf("%-6d %-26s", c.resultsA().firstYear() + y, s);
                for (String col : Comparison.COLUMNS) {
                    out.printf(" %,12d", c.resultsA().scale(c.raw(y, s, col)));
                }
                boolean onFew = c.differenceRestsOnFew(y, s);
                few |= onFew;
                String d = String.format("%,d", c.resultsA().scale(c.rawDifference(y, s)));
                out.printf(" %12s", (onFew ? Uncertainty.FEW_MARK : "") + d);
                if (sampled) {
                    double[] lohi = c.differenceInterval(y, s);
                    out.printf(" %12s", String.format("±%,d", Math.round((lohi[1] - lohi[0]) / 2)));
                }
                out.println();
            }
        }
        if (sampled) {
            out.println("± 95%: half-width of the interval of B - A, from the same households on both sides.");
        }
        if (few) {
            out.printf(
                    "%s B - A rests on fewer than %d simulated people moved: read it as an order of magnitude.%n",
                    Uncertainty.FEW_MARK, org.scoresim.engine.results.Interval.FEW);
        }
        return 0;
    }
}
