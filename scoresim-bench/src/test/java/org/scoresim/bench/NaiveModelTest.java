package org.scoresim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Runner;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioParser;

/**
 * The control (BENCHMARKS.md) and scoresim's engine give the same national figures of the busy
 * benchmark scenario within sampling error: every figure of every year (offences, detections,
 * misattributed events and fines by behaviour, tiers, sanctioned at any instant, new and at year
 * end, lists, blocked purchases, travel bans, locked in), each estimated by both from independent
 * samples of about 120,000 people, must agree within 4.5 standard errors of their difference (the
 * engine's from its 64 variance groups, the control's from 32 groups of households). With about
 * 260 comparisons (figures under 100 events in both are left out), a correct pair fails by chance
 * about once in 500 seeds; the seeds are fixed.
 * The second test checks that the comparison has the power to see a rule that differs.
 */
class NaiveModelTest {
    static final int PEOPLE = 120_000;
    static final double SIGMAS = 4.5;
    static Scenario busy;
    static Results engine;

    @BeforeAll
    static void engineRun() throws Exception {
        busy = ScenarioParser.parse(Path.of("..", "scenarios", "bench-busy.yaml"));
        double sample = (double) PEOPLE / busy.population().size();
        engine = new Runner(Plan.compile(busy, 11, sample), 2).run();
    }

    @Test
    void theControlGivesTheEnginesNationalFiguresWithinSamplingError() {
        NaiveModel.Figures control = new NaiveModel(busy, 5, PEOPLE).run();
        List<String> compared = new ArrayList<>();
        List<String> disagree = compare(control, compared);
        assertThat(disagree).as("figures beyond %s standard errors", SIGMAS).isEmpty();
        assertThat(compared.size()).as("figures compared").isGreaterThan(250);
        assertThat(compared)
                .contains("2020 sanctioned:hsr_ban", "2020 blocked:flight", "2016 listed_new:court_blacklist");
    }

    @Test
    void theComparisonSeesARuleThatDiffers() throws Exception {
        // the control given 20% more offences of one behaviour: its detections, fines, tiers and
        // sanctions move by far more than their sampling error
        Scenario busier = ScenarioParser.parse(
                Path.of("..", "scenarios", "bench-busy.yaml"), Map.of("behaviours.traffic_violation.rate", "0.6"));
        NaiveModel.Figures control = new NaiveModel(busier, 5, PEOPLE).run();
        List<String> disagree = compare(control, new ArrayList<>());
        assertThat(disagree)
                .anyMatch(d -> d.startsWith("2020 offences:traffic_violation"))
                .anyMatch(d -> d.contains("sanctioned:loan_restriction"));
    }

    /** The figures where the control and the engine differ by more than SIGMAS standard errors. */
    private static List<String> compare(NaiveModel.Figures control, List<String> compared) {
        List<String> disagree = new ArrayList<>();
        double scale = (double) busy.population().size() / control.total("population:", 0);
        List<String[]> figures = new ArrayList<>();
        for (String b : engine.behaviours()) {
            for (String m : List.of("offences", "detected", "misattributed", "fines")) {
                figures.add(new String[] {m, b});
            }
        }
        for (String t : engine.tiers()) {
            figures.add(new String[] {"tier_end", t});
        }
        for (String s : engine.sanctions()) {
            for (String m : List.of("sanctioned", "sanctioned_new", "sanctioned_end")) {
                figures.add(new String[] {m, s});
            }
        }
        for (String l : engine.lists()) {
            for (String m : List.of("listed_end", "listed_new", "delisted", "ever_listed")) {
                figures.add(new String[] {m, l});
            }
        }
        for (String mode : engine.modes()) {
            figures.add(new String[] {"blocked", mode});
        }
        figures.add(new String[] {"travel_banned", ""});
        figures.add(new String[] {"locked_in", ""});
        for (int y = 0; y < engine.years(); y++) {
            for (String[] f : figures) {
                String name = f[0] + ":" + f[1];
                long rawEngine = engine.raw(y, f[0], f[1]);
                long rawControl = control.total(name, y);
                if (Math.max(rawEngine, rawControl) < 100) {
                    continue; // too few for a normal approximation of the error
                }
                double a = engine.scale(rawEngine); // fines too: the count of fined events
                double high = engine.interval(y, f[0], f[1])[1];
                if (f[0].equals("fines")) {
                    high /= busy.behaviours().get(f[1]).fine();
                }
                double seEngine = (high - a) / 1.96;
                double b = rawControl * scale;
                double seControl = control.standardError(name, y) * scale;
                double se = Math.sqrt(seEngine * seEngine + seControl * seControl);
                String label = (engine.firstYear() + y) + " " + name;
                compared.add(label);
                if (Math.abs(a - b) > SIGMAS * se) {
                    disagree.add(String.format(
                            "%s: engine %.4g, control %.4g, %.1f standard errors", label, a, b, (a - b) / se));
                }
            }
        }
        return disagree;
    }
}
