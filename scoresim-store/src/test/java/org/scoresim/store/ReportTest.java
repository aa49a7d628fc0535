package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Runner;

class ReportTest {
    @Test
    void onePageWithTheLibraryAndTheDataInline() throws Exception {
        String html = Report.html(StoreFixture.run(0.2), "test");
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>scoresim report: minimal</title>", "synthetic", "Apache ECharts")
                .doesNotContain("/*@DATA@*/", "/*@ECHARTS@*/", "@TITLE@")
                .doesNotContainPattern("<script[^>]+src=")
                .doesNotContainPattern("<link[^>]+href=");
        assertThat(html.length()).isGreaterThan(1_000_000); // echarts.min.js is about 1 MB
        assertThat(html.split("</script>", -1)).hasSize(3); // the library and the page's script
    }

    @Test
    void textFromTheScenarioCannotEndTheScript() throws Exception {
        String hostile = "\"</script><script>window.owned = 1</script><!--\"";
        Plan plan =
                Plan.compile(StoreFixture.small("name: minimal", "name: minimal\ndescription: " + hostile), 1, 0.05);
        String html = Report.html(new Runner(plan, 1).run(), "test");
        assertThat(html)
                .doesNotContain("<script>window.owned", "<!--\"")
                .contains("\\u003c/script>\\u003cscript>window.owned");
        assertThat(html.split("</script>", -1)).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dataHoldsEveryYearAndThreeDifferentPeople() throws Exception {
        Results r = StoreFixture.run(0.2);
        Map<String, Object> d = Report.data(r, "test");
        assertThat((List<Integer>) d.get("years")).containsExactly(2013, 2014, 2015);
        assertThat((List<?>) d.get("national")).hasSize(3);
        assertThat((List<?>) d.get("score_hist")).hasSize(3);
        assertThat(d.get("main_sanction")).isIn(r.sanctions().toArray());
        // behaviours that earn points are good deeds, apart from the offences
        assertThat(((Map<String, List<String>>) d.get("names")).get("good_deeds"))
                .containsExactly("volunteering");
        // every metric, with its unit and definition, for the page's labels
        Map<String, Map<String, String>> metrics = (Map<String, Map<String, String>>) d.get("metrics");
        assertThat(metrics.keySet()).containsExactlyElementsOf(org.scoresim.model.Metric.names());
        assertThat(metrics.get("blocked")).containsEntry("unit", "purchase attempts");
        assertThat(metrics.get("fines")).containsEntry("unit", "yuan");
        List<Map<String, Object>> stories = (List<Map<String, Object>>) d.get("stories");
        // at most three, as many as the run's story samples allow, no one twice
        assertThat(stories).hasSizeBetween(1, 3);
        assertThat(stories.stream().map(s -> s.get("id")).distinct()).hasSize(stories.size());
        assertThat(stories)
                .allSatisfy(s -> assertThat((String) s.get("text")).contains("Person " + s.get("id"), "year end"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void lockInPerGroupReachesTheAuditTableOfEveryGroup() throws Exception {
        Results r = StoreFixture.run(0.2);
        List<Map<String, Map<String, Map<String, Object>>>> lockIn =
                (List<Map<String, Map<String, Map<String, Object>>>>)
                        Report.data(r, "test").get("lock_in");
        assertThat(lockIn).hasSize(r.years());
        String lowest = r.tiers().get(r.tiers().size() - 1);
        for (int y = 0; y < r.years(); y++) {
            assertThat(lockIn.get(y).keySet())
                    .containsExactlyElementsOf(r.attributes().keySet());
            for (Map.Entry<String, List<String>> a : r.attributes().entrySet()) {
                Map<String, Map<String, Object>> groups = lockIn.get(y).get(a.getKey());
                assertThat(groups.keySet()).containsExactlyElementsOf(a.getValue());
                for (String v : a.getValue()) {
                    long raw = r.raw(y, a.getKey(), v, "locked_in", "");
                    // the group's people locked in, scaled as every count of the page
                    assertThat(groups.get(v)).containsEntry("locked_in", r.scale(raw));
                    // year ends in the lowest tier per member: those of every year so far over the members
                    long ends = 0;
                    for (int k = 0; k <= y; k++) {
                        ends += r.raw(k, a.getKey(), v, "tier_end", lowest);
                    }
                    long members = r.raw(y, a.getKey(), v, "population", "");
                    assertThat(groups.get(v))
                            .containsEntry("lowest_tier_years", members == 0 ? null : (double) ends / members);
                }
            }
        }
        assertThat(Report.html(r, "test"))
                .contains("years in lowest tier per member", "locked in (lowest tier 3 year ends)", "D.lock_in");
    }

    @Test
    @SuppressWarnings("unchecked")
    void storiesCarryTheLifeAsDataOpeningWithWhatDecidedItAndTheClaimsComeAlong() throws Exception {
        Results r = StoreFixture.run(0.2);
        Map<String, Object> d = Report.data(r, "test");
        assertThat(d.get("claims")).isEqualTo(org.scoresim.engine.results.ClaimFigures.maps(r));
        for (Map<String, Object> s : (List<Map<String, Object>>) d.get("stories")) {
            Map<String, Object> person = (Map<String, Object>) s.get("person");
            assertThat(person.get("id")).isEqualTo(s.get("id"));
            assertThat((Map<String, Object>) person.get("years")).hasSize(3);
            // every sampled life was listed, sanctioned, locked in or rewarded: something decided it
            List<Map<String, Object>> decisive = (List<Map<String, Object>>) person.get("decisive");
            assertThat(decisive).isNotEmpty();
            assertThat((String) s.get("text")).contains("What decided it:\n    ");
        }
    }
}
