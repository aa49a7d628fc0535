package org.scoresim.engine.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;

/** The model's figures beside a scenario's claims: the metric's scaled counts, summed over items and years. */
class ClaimFiguresTest {
    static final String CLAIMS = """

            claims:
              headline:
                year: 2014
                by: press
                claimed: 5000000
                wording: "5 M people barred from travel in 2014"
                source: "a test"
                beside:
                  - {label: people under a travel ban, metric: travel_banned}
                  - {label: blocked purchases, metric: blocked}
                  - {label: blocked flights since 2013, metric: blocked, items: [flight], cumulative: true}
                  - {label: fines for smoking, metric: fines, items: [smoking_on_train]}
              later: {year: 2015, by: x, claimed: 1, wording: w, source: s, beside: [{label: l, metric: population}]}
            """;

    @Test
    void figuresAreTheScaledCountsOfTheClaimsYearOrYears() {
        Results r = run(Sim.plan(Sim.resource("scenarios/minimal.yaml") + CLAIMS, 1, 0.25));
        List<ClaimFigures.Figures> figures = ClaimFigures.of(r);
        assertThat(figures).extracting(f -> f.claim().name()).containsExactly("headline", "later");
        int y = 2014 - r.firstYear();
        long blocked = r.raw(y, "blocked", "flight") + r.raw(y, "blocked", "hsr");
        long flights = r.raw(0, "blocked", "flight") + r.raw(1, "blocked", "flight");
        assertThat(figures.get(0).model())
                .containsExactly(
                        r.scale(r.raw(y, "travel_banned", "")),
                        r.scale(blocked),
                        r.scale(flights),
                        Math.round(r.fines(y, "smoking_on_train")));
        assertThat(figures.get(0).model()).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(figures.get(1).model()).containsExactly(r.scale(r.raw(2, "population", "")));
    }

    @Test
    void aScenarioWithoutClaimsHasNoFigures() {
        assertThat(ClaimFigures.of(run(Sim.plan(Sim.resource("scenarios/minimal.yaml"), 1, 0.05))))
                .isEmpty();
    }

    private static Results run(Plan plan) {
        return Sim.run(plan, Sim.THREADS);
    }
}
