package org.scoresim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        header = "Checks a scenario file and prints every problem, with its line and key.",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a scenario file and prints every problem in it, with file, line, column and",
            "key path; runs nothing and writes nothing. Exit code 0 when the file is valid, 2 otherwise.",
            "A scenario that names a base is checked with its base, each problem in the file it is written in."
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file (YAML, see docs/SCENARIO.md)")
    Path file;

    @Option(
            names = "--resolved",
            description = {
                "print the scenario as it is read, in one file: a scenario with a base",
                "resolved into its base, every default written out (canonical YAML, no comments)"
            })
    boolean resolved;

    @Override
    public Integer call() {
        try {
            Scenario s = ScenarioFiles.read(file);
            if (resolved) {
                spec.commandLine().getOut().print(ScenarioWriter.toYaml(s));
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: valid scenario '%s': %d behaviours, %d channels, %d lists, "
                                    + "%d sanctions, %d rewards, %d travel modes, years %d-%d%n",
                            ConsoleText.of(file),
                            ConsoleText.of(s.name()),
                            s.behaviours().size(),
                            s.channels().size(),
                            s.lists().size(),
                            s.sanctions().size(),
                            s.rewards().size(),
                            s.travel().size(),
                            s.years().from(),
                            s.years().to());
            return 0;
        } catch (ScenarioException e) {
            printProblems(e, spec.commandLine().getErr());
            return Main.BAD_INPUT;
        }
    }

    /**
     * Every problem listed, one a line (at most {@link ScenarioException#MAX_LISTED}: a file with
     * more gets the first of them and their count), any control character of the file escaped.
     */
    static void printProblems(ScenarioException e, java.io.PrintWriter err) {
        for (Problem p : e.problems()) {
            err.println(ConsoleText.of(p.toString()));
        }
        int more = e.total() - e.problems().size();
        if (more > 0) {
            err.println(String.format(Locale.ROOT, "... and %,d more problem%s", more, more == 1 ? "" : "s"));
        }
        err.println(ConsoleText.of(e.getMessage()) + "; nothing was run or written.");
    }
}
