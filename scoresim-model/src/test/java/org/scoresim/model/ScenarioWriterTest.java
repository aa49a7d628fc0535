package org.scoresim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Printing back (CONTRIBUTING.md): canonical YAML that reads back to an equal scenario, and its hash. */
class ScenarioWriterTest {

    static Scenario parse(String text) throws ScenarioException {
        return ScenarioParser.parse(text, Fixtures.FILE);
    }

    /** Every optional key, texts that need quoting, curves everywhere a curve may be. */
    static final String RICH = """
            name: "rich: every key"
            description: "A \\"quoted\\" text,\\nover two lines, with \\u00e9, \\t tab and a \\\\ backslash \\u0085 \\u2028"
            years: {from: 1990, to: 2200}
            population:
              size: 3_000_000_000
              households:
                adults: {2: 0.7, 1: 0.3, 16: 0}
                children: {0: 1}
              attributes:
                province: {"null": 1, "yes": 2, "1": 3, "a b": 4, "x:y": 5, "#c": 6}
                age_band: {18-29: 0.2, 30-59: 0.5, 60+: 0.3}
            channels:
              cameras:
                coverage: {1990: 0.0, 2020: 1.0}
                coverage_by_province: {"null": {2000: 1.0E-7}, "a b": 0.25}
                false_match: 0.9999999999999999
              courts: {coverage: 0}
            behaviours:
              everything:
                who: everyone
                rate: {1990: 0.0037, 2000: 2.2250738585072014E-308}
                heterogeneity: 0.001
                multipliers: {age_band: {60+: 0.0, 18-29: 3}, province: {"yes": 2}}
                deterrence: 1
                detection: []
                points: -65536
                fine: 1234.567891
                lists: [l1, l2]
              kids:
                who: children
                rate: 0.1
                points: 65536
            rollout: {default: 2000}
            scoring:
              initial: 0
              min: -32768
              max: 32768
              recovery: {points_per_clean_year: 5, expiry_years: 2.5}
              tiers:
                - {name: top, min: 100}
                - {name: bottom-tier_2, min: -32768}
            lists:
              l1: {}
              l2: {active_from: 2200, max_years: 0.5}
            sanctions:
              ban:
                when: {tiers: [bottom-tier_2], lists: [l1], behaviours: [everything, kids]}
                duration_days: 0.5
                active_from: 2199-12-31
                enforcement: {2100: 0.5}
                target: self
              kid_ban: {when: {behaviours: [kids]}, duration_days: 1, active_from: 2000-01-01, target: children}
            rewards:
              star: {when: {tiers: [top]}, enforcement: 0.0}
            travel:
              boat: {trips_per_year: {1990: 0, 2200: 1e3}, multipliers: {province: {"#c": 0}}, blocked_by: ban}
            claims:
              headline:
                year: 2200
                claimed: 2.3e7
                by: 'the press: "all" of it'
                wording: '23 M people barred, "in 2200"'
                source: a report
                explanation: >-
                  Folded
                  over two lines.
                beside:
                  - {label: people, metric: travel_banned}
                  - {label: "blocked: since 1990", metric: blocked, items: [boat], cumulative: true}
                  - {label: fines, metric: fines, items: [kids, everything], cumulative: false}
              bare: {year: 1990, claimed: 0, by: x, wording: w, source: s, beside: [{label: l, metric: population}]}
            """;

    @Test
    void minimalRoundTrips() throws ScenarioException {
        Scenario s = parse(Fixtures.minimal());
        String yaml = ScenarioWriter.toYaml(s);
        assertThat(parse(yaml)).isEqualTo(s);
        assertThat(ScenarioWriter.toYaml(parse(yaml))).isEqualTo(yaml);
    }

    @Test
    void everyKeyRoundTrips() throws ScenarioException {
        Scenario s = parse(RICH);
        assertThat(s.name()).isEqualTo("rich: every key");
        assertThat(s.description())
                .isEqualTo("A \"quoted\" text,\nover two lines, with \u00e9, \t tab and a \\ backslash \u0085 \u2028");
        assertThat(s.population().attributes().get("province").keySet())
                .containsExactly("null", "yes", "1", "a b", "x:y", "#c");
        assertThat(s.sanctions().get("kid_ban").activeFrom()).isEqualTo(new Scenario.ActiveFrom(2000, 1, 1));
        assertThat(s.claims().keySet()).containsExactly("headline", "bare");
        assertThat(s.claims().get("headline").beside().get(2).items()).containsExactly("kids", "everything");
        assertThat(s.claims().get("bare").explanation()).isNull();
        String yaml = ScenarioWriter.toYaml(s);
        assertThat(parse(yaml)).isEqualTo(s);
        assertThat(ScenarioWriter.toYaml(parse(yaml))).isEqualTo(yaml);
    }

    @Test
    void emptyBlocksRoundTrip() throws ScenarioException {
        String bare = """
                name: bare
                years: {from: 2013, to: 2013}
                population: {size: 1, households: {adults: {1: 1}, children: {0: 1}}}
                scoring: {initial: 0, min: 0, max: 1, tiers: [{name: all, min: 0}]}
                """;
        Scenario s = parse(bare);
        assertThat(s.channels()).isEmpty();
        assertThat(s.population().attributes()).isEmpty();
        assertThat(s.scoring().recovery()).isEqualTo(new Scenario.Recovery(0, null));
        String yaml = ScenarioWriter.toYaml(s);
        assertThat(yaml)
                .contains("channels: {}\n", "behaviours: {}\n", "lists: {}\n", "travel: {}\n")
                .doesNotContain("rollout");
        assertThat(parse(yaml)).isEqualTo(s);
    }

    @Test
    void hashIdentifiesTheScenarioNotItsSpelling() throws ScenarioException {
        Scenario s = parse(Fixtures.minimal());
        assertThat(ScenarioWriter.hash(s))
                .matches("[0-9a-f]{64}")
                .isEqualTo(ScenarioWriter.hash(parse(Fixtures.minimal())));
        // the same scenario in other words: comments gone, defaults written out, block style
        String respelt = Fixtures.edit(
                Fixtures.minimal().replaceAll("(?m)\\s+#.*$", ""),
                "  fast_loans: {when: {tiers: [A]}}",
                "  fast_loans:\n    when:\n      tiers:\n        - A\n    enforcement: 1\n    target: self");
        assertThat(ScenarioWriter.hash(parse(respelt))).isEqualTo(ScenarioWriter.hash(s));
        assertThat(ScenarioWriter.hash(parse(ScenarioWriter.toYaml(s)))).isEqualTo(ScenarioWriter.hash(s));
        assertThat(ScenarioWriter.hash(parse(Fixtures.edit("points: 5\n", "points: 6\n"))))
                .isNotEqualTo(ScenarioWriter.hash(s));
    }

    @Test
    void claimsAreWrittenButLeftOutOfTheHash() throws ScenarioException {
        Scenario s = parse(RICH);
        String yaml = ScenarioWriter.toYaml(s);
        assertThat(yaml).contains("claims:\n  headline:\n    year: 2200\n    claimed: 2.3E7\n");
        Scenario without = parse(RICH.substring(0, RICH.indexOf("claims:")));
        assertThat(without.claims()).isEmpty();
        assertThat(ScenarioWriter.toYaml(without))
                .doesNotContain("claims")
                .isEqualTo(yaml.substring(0, yaml.indexOf("claims:")));
        // claims change no result, so the scenario keeps its identity in results
        assertThat(ScenarioWriter.hash(without)).isEqualTo(ScenarioWriter.hash(s));
    }

    @Test
    void canonicalFormOfTheMinimalScenario() throws ScenarioException {
        String yaml = ScenarioWriter.toYaml(parse(Fixtures.minimal()));
        assertThat(yaml).startsWith("name: minimal\nyears: {from: 2013, to: 2015}\npopulation:\n  size: 1000000\n");
        assertThat(yaml).contains("""
                  hsr_ban:
                    when: {lists: [court_blacklist], behaviours: [smoking_on_train]}
                    duration_days: 180.0
                    active_from: 2014-05-01
                    enforcement: {2013: 0.5, 2015: 1.0}
                    target: self
                """);
        assertThat(yaml).contains("  courts:\n    coverage: 1.0\n    false_match: 0.0\n");
    }
}
