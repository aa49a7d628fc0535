package org.scoresim.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Expect;
import org.scoresim.engine.Sim;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;

/**
 * The minimal scenario (scenarios/minimal.yaml), every block shown: the identities every run must satisfy
 * (docs/MODEL.md 7) and the shape of summary.json (docs/OUTPUTS.md).
 */
class MinimalScenarioTest {
    static Results results;

    @BeforeAll
    static void run() {
        results = Sim.run(Sim.plan(Sim.resource("scenarios/minimal.yaml"), Sim.SEED, 1.0), Sim.THREADS);
    }

    static long raw(int y, String metric, String item) {
        return results.raw(y, metric, item);
    }

    @Test
    void everyPersonIsInOneTierEveryYear() {
        for (int y = 0; y < results.years(); y++) {
            int year = y;
            long tiers = results.tiers().stream()
                    .mapToLong(t -> raw(year, "tier_end", t))
                    .sum();
            assertThat(raw(y, "population", "")).isEqualTo(results.people()).isEqualTo(tiers);
            assertThat(java.util.Arrays.stream(results.scoreHistogram(y)).sum()).isEqualTo(results.people());
        }
        Expect.near("people", results.people(), 1_000_000, 3 * Math.sqrt(results.households()));
    }

    @Test
    void measureCountsAreConsistent() {
        for (int y = 0; y < results.years(); y++) {
            for (String s : results.sanctions()) {
                long any = raw(y, "sanctioned", s);
                String at = s + " in year " + y;
                assertThat(raw(y, "sanctioned_end", s)).as("end <= any, " + at).isLessThanOrEqualTo(any);
                assertThat(raw(y, "sanctioned_new", s)).as("new <= any, " + at).isLessThanOrEqualTo(any);
                assertThat(raw(y, "wrongful", s)).as("wrongful <= any, " + at).isLessThanOrEqualTo(any);
                assertThat(raw(y, "children_affected", s))
                        .as("children <= any, " + at)
                        .isLessThanOrEqualTo(any);
                // new = active this year and not at the previous year end
                long previousEnd = y == 0 ? 0 : raw(y - 1, "sanctioned_end", s);
                assertThat(raw(y, "sanctioned_new", s))
                        .as("new >= any - previous end, " + at)
                        .isGreaterThanOrEqualTo(any - previousEnd);
            }
            for (String r : results.rewards()) {
                long any = raw(y, "rewarded", r);
                assertThat(raw(y, "rewarded_end", r)).isLessThanOrEqualTo(any);
                assertThat(raw(y, "rewarded_new", r)).isLessThanOrEqualTo(any);
            }
            // school_restriction targets children only
            assertThat(raw(y, "sanctioned", "school_restriction"))
                    .isEqualTo(raw(y, "children_affected", "school_restriction"));
        }
    }

    @Test
    void listCountsAreConsistent() {
        for (String l : results.lists()) {
            long entries = 0;
            long exits = 0;
            long ever = 0;
            for (int y = 0; y < results.years(); y++) {
                entries += raw(y, "listed_new", l);
                exits += raw(y, "delisted", l);
                assertThat(exits).as("exits so far <= entries so far").isLessThanOrEqualTo(entries);
                assertThat(raw(y, "listed_end", l)).isEqualTo(entries - exits);
                assertThat(raw(y, "listed_end", l)).isLessThanOrEqualTo(raw(y, "ever_listed", l));
                assertThat(raw(y, "ever_listed", l))
                        .isGreaterThanOrEqualTo(ever)
                        .isLessThanOrEqualTo(entries);
                ever = raw(y, "ever_listed", l);
            }
            assertThat(ever).as("somebody is listed in the minimal scenario").isPositive();
        }
    }

    @Test
    void eventCountsAreConsistent() {
        for (int y = 0; y < results.years(); y++) {
            for (String b : results.behaviours()) {
                assertThat(raw(y, "detected", b)).isLessThanOrEqualTo(raw(y, "offences", b));
                assertThat(raw(y, "offences", b)).as(b).isPositive();
            }
            // only cameras have false matches, so only jaywalking is misattributed
            assertThat(raw(y, "misattributed", "jaywalking")).isPositive();
            assertThat(raw(y, "misattributed", "debt_default")).isZero();
            assertThat(raw(y, "fines", "jaywalking")).isZero();
            assertThat(raw(y, "locked_in", "")).isLessThanOrEqualTo(raw(y, "tier_end", "C"));
        }
        assertThat(raw(0, "locked_in", "")).isZero();
        assertThat(raw(1, "locked_in", "")).isZero();
        // hsr_ban exists only from 2014-05-01
        assertThat(raw(0, "sanctioned", "hsr_ban")).isZero();
        assertThat(raw(0, "blocked", "hsr")).isZero();
    }

    @Test
    void breakdownsAddUpToTheNationalFigures() {
        for (Map.Entry<String, List<String>> a : results.attributes().entrySet()) {
            for (int y = 0; y < results.years(); y++) {
                for (String metric : org.scoresim.model.Metric.names()) {
                    for (String item : results.items(metric)) {
                        int year = y;
                        long sum = a.getValue().stream()
                                .mapToLong(v -> results.raw(year, a.getKey(), v, metric, item))
                                .sum();
                        assertThat(sum)
                                .as("%s %s by %s, year %d", metric, item, a.getKey(), y)
                                .isEqualTo(results.raw(y, metric, item));
                    }
                }
            }
        }
    }

    static final List<String> INTERFACE_KEYS = List.of(
            "population",
            "offences",
            "detected",
            "misattributed",
            "fines",
            "tier_end",
            "sanctioned",
            "sanctioned_new",
            "sanctioned_end",
            "wrongful",
            "children_affected",
            "blocked",
            "listed_end",
            "delisted",
            "locked_in",
            "rewarded");

    @Test
    @SuppressWarnings("unchecked")
    void theSummaryHasEveryKeyOfInterfaceMdInEveryYear() {
        Map<String, Object> summary = Summary.of(results, "test");
        assertThat(summary).containsKeys("scenario", "seed", "sample", "version", "households", "years", "timing");
        assertThat(summary.get("scenario")).isEqualTo("minimal");
        assertThat(summary.get("households")).isEqualTo(results.households());
        Map<String, Object> years = (Map<String, Object>) summary.get("years");
        assertThat(years).containsOnlyKeys("2013", "2014", "2015");
        Map<String, List<String>> items = Map.of(
                "behaviours", List.of("jaywalking", "debt_default", "smoking_on_train", "volunteering"),
                "tiers", List.of("A", "B", "C"),
                "sanctions", List.of("flight_ban", "hsr_ban", "school_restriction"),
                "lists", List.of("court_blacklist"),
                "rewards", List.of("fast_loans"),
                "modes", List.of("flight", "hsr"));
        Map<String, String> kind = Map.ofEntries(
                Map.entry("offences", "behaviours"),
                Map.entry("detected", "behaviours"),
                Map.entry("misattributed", "behaviours"),
                Map.entry("fines", "behaviours"),
                Map.entry("tier_end", "tiers"),
                Map.entry("sanctioned", "sanctions"),
                Map.entry("sanctioned_new", "sanctions"),
                Map.entry("sanctioned_end", "sanctions"),
                Map.entry("wrongful", "sanctions"),
                Map.entry("children_affected", "sanctions"),
                Map.entry("blocked", "modes"),
                Map.entry("listed_end", "lists"),
                Map.entry("delisted", "lists"),
                Map.entry("rewarded", "rewards"));
        int y = 0;
        for (String year : List.of("2013", "2014", "2015")) {
            Map<String, Object> figures = (Map<String, Object>) years.get(year);
            assertThat(figures).as(year).containsKeys(INTERFACE_KEYS.toArray(new String[0]));
            assertThat(figures.get("population")).isEqualTo(raw(y, "population", ""));
            assertThat(figures.get("locked_in")).isEqualTo(raw(y, "locked_in", ""));
            for (Map.Entry<String, String> e : kind.entrySet()) {
                Map<String, Object> byItem = (Map<String, Object>) figures.get(e.getKey());
                assertThat(byItem)
                        .as("%s %s", year, e.getKey())
                        .containsOnlyKeys(items.get(e.getValue()).toArray(new String[0]));
                for (Object v : byItem.values()) {
                    assertThat(v).as("%s %s", year, e.getKey()).isInstanceOf(Number.class);
                }
            }
            assertThat(((Map<String, Object>) figures.get("sanctioned")).get("flight_ban"))
                    .isEqualTo(raw(y, "sanctioned", "flight_ban"));
            // fines are currency: 200 per fined smoking event
            assertThat(((Number) ((Map<String, Object>) figures.get("fines")).get("smoking_on_train")).doubleValue())
                    .isEqualTo(200.0 * raw(y, "fines", "smoking_on_train"));
            y++;
        }
    }
}
