package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scoresim.model.Fixtures.assertOnly;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code claims}: published figures with the model's figures beside them, checked against the scenario. */
class ClaimsTest {
    static final String CLAIM = """
            claims:
              headline:
                year: 2014
                claimed: 23000000
                by: press
                wording: "23 M people barred from travel in 2014"
                source: "a news report, 2015"
                explanation: >-
                  Purchases, not people.
                beside:
                  - {label: "people under a travel ban in 2014", metric: travel_banned}
                  - {label: "blocked flights since 2013", metric: blocked, items: [flight], cumulative: true}
            """;

    static String withClaim(String old, String replacement) {
        return Fixtures.minimal() + "\n" + Fixtures.edit(CLAIM, old, replacement);
    }

    @Test
    void aClaimIsReadWithItsFigures() throws ScenarioException {
        Scenario s = ScenarioParser.parse(Fixtures.minimal() + "\n" + CLAIM, Fixtures.FILE);
        assertThat(s.claims()).containsOnlyKeys("headline");
        assertThat(s.claims().get("headline"))
                .isEqualTo(new Scenario.Claim(
                        "headline",
                        2014,
                        23e6,
                        "press",
                        "23 M people barred from travel in 2014",
                        "a news report, 2015",
                        "Purchases, not people.",
                        List.of(
                                new Scenario.Beside(
                                        "people under a travel ban in 2014", Metric.TRAVEL_BANNED, List.of(), false),
                                new Scenario.Beside(
                                        "blocked flights since 2013", Metric.BLOCKED, List.of("flight"), true))));
    }

    @Test
    void aScenarioWithoutClaimsHasNone() throws ScenarioException {
        assertThat(ScenarioParser.parse(Fixtures.minimal(), Fixtures.FILE).claims())
                .isEmpty();
    }

    @Test
    void theYearLiesWithinTheScenariosYears() {
        assertOnly(
                withClaim("year: 2014", "year: 2018"),
                "year: ^2018",
                "claims.headline.year",
                "expected a year within years 2013..2015, got 2018");
    }

    @Test
    void metricsAndItemsAreTheScenarios() {
        assertOnly(
                withClaim("metric: travel_banned}", "metric: travel_baned}"),
                "travel_baned",
                "claims.headline.beside[0].metric",
                "unknown metric 'travel_baned'; did you mean 'travel_banned'?");
        assertOnly(
                withClaim("items: [flight]", "items: [flights]"),
                "[^flights]",
                "claims.headline.beside[1].items[0]",
                "unknown travel mode 'flights'; did you mean 'flight'?");
        assertOnly(
                withClaim("metric: travel_banned}", "metric: travel_banned, items: [flight]}"),
                "[flight]}",
                "claims.headline.beside[0].items",
                "the metric travel_banned has no items; leave items out");
        assertOnly(
                withClaim("metric: blocked, items: [flight]", "metric: sanctioned, items: [flight_ban, hsr_bam]"),
                "hsr_bam",
                "claims.headline.beside[1].items[1]",
                "unknown sanction 'hsr_bam'; did you mean 'hsr_ban'?");
    }

    @Test
    void keysAndValuesAreChecked() {
        assertOnly(
                withClaim("    by: press\n", "    by: press\n    colour: red\n"),
                "colour",
                "claims.headline.colour",
                "unknown key 'colour'");
        assertOnly(withClaim("    by: press\n", ""), "headline:\n    ^", "claims.headline.by", "missing key 'by'");
        assertOnly(
                withClaim("cumulative: true", "cumulative: yes"),
                "yes",
                "claims.headline.beside[1].cumulative",
                "expected true or false, got 'yes'");
        assertOnly(
                withClaim("claimed: 23000000", "claimed: -1"),
                "claimed: ^-1",
                "claims.headline.claimed",
                "expected a number in [0, 9007199254740992] (exact in a double), got -1");
        assertOnly(
                withClaim("claimed: 23000000", "claimed: 1e308"),
                "claimed: ^1e308",
                "claims.headline.claimed",
                "expected a number in [0, 9007199254740992] (exact in a double), got 1e308");
        assertOnly(
                withClaim("""
                    beside:
                      - {label: "people under a travel ban in 2014", metric: travel_banned}
                      - {label: "blocked flights since 2013", metric: blocked, items: [flight], cumulative: true}
                """, "    beside: []\n"),
                "[]",
                "claims.headline.beside",
                "expected at least one model figure");
    }
}
