package org.scoresim.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scoresim.engine.explain.Explain;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "explain",
        header = "Tells the life of one synthetic household or person, event by event.",
        mixinStandardHelpOptions = true,
        description = {
            "The life of one synthetic household or person, year by year: every event (seen or",
            "not, misattributed or not), its points and the score after it, list entries and exits,",
            "tiers, sanctions and rewards, refused tickets. It re-simulates only that household from",
            "its own random stream, so it is instant at any population size, and it is the same life",
            "as in a run with the same scenario and seed.",
            "",
            "Households are numbered 0 .. households-1; person ids are household x 32 + member",
            "(adults first)."
        },
        footer = {
            "",
            "Examples:",
            "  ./scoresim explain scenarios/minimal.yaml --household 42",
            "  ./scoresim explain scenarios/china-2013-2020.yaml --person 1345 --json"
        })
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--household", paramLabel = "H", description = "a household index")
        Long household;

        @Option(names = "--person", paramLabel = "ID", description = "a person id (household x 32 + member)")
        Long person;
    }

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "the story as JSON (docs/OUTPUTS.md)")
    boolean json;

    @Override
    public Integer call() {
        Scenario scenario;
        try {
            scenario = ScenarioFiles.read(file);
        } catch (ScenarioException e) {
            ValidateCommand.printProblems(e, spec.commandLine().getErr());
            return Main.BAD_INPUT;
        }
        Plan plan = Plan.compile(scenario, seed, 1.0);
        Map<String, Object> story;
        try {
            story = who.household != null ? Explain.household(plan, who.household) : Explain.person(plan, who.person);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("scoresim: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        spec.commandLine().getOut().println(json ? Json.write(story) : Explain.text(story));
        return 0;
    }
}
