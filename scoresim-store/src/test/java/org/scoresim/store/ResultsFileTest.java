package org.scoresim.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.kernel.Tally;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.model.ScenarioWriter;

/** A results database read back: every row as written, from the run's {@link Results}. */
class ResultsFileTest {
    private static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path tmp;

    private ResultsFile written(Results r) throws Exception {
        ResultsDatabase.write(r, tmp.resolve(ResultsDatabase.FILE), "test", STARTED);
        return ResultsFile.in(tmp).orElseThrow();
    }

    @Test
    void aDirectoryWithoutTheDatabaseHasNone() throws Exception {
        assertThat(ResultsFile.in(tmp)).isEmpty();
        Files.createDirectories(tmp.resolve(ResultsDatabase.FILE)); // not a file
        assertThat(ResultsFile.in(tmp)).isEmpty();
    }

    @Test
    void theRunRowSaysWhatWasRunWithWhatAndWhen() throws Exception {
        Results r = StoreFixture.run(0.2);
        ResultsFile.Run run = written(r).run().orElseThrow();
        assertThat(run.runId()).isEqualTo(ResultsDatabase.runId(r));
        assertThat(run.scenario()).isEqualTo("minimal");
        assertThat(run.scenarioYaml()).isEqualTo(ScenarioWriter.toYaml(r.scenario()));
        assertThat(run.scenarioHash()).isEqualTo(ScenarioWriter.hash(r.scenario()));
        assertThat(run.seed()).isEqualTo(1);
        assertThat(run.sample()).isEqualTo(0.2);
        assertThat(run.engine()).isEqualTo(r.engine());
        assertThat(run.version()).isEqualTo("test");
        assertThat(run.startedAt()).isEqualTo(STARTED);
        assertThat(run.seconds()).isEqualTo(r.seconds());
        assertThat(run.households()).isEqualTo(r.households());
        assertThat(run.people()).isEqualTo(r.people());
        assertThat(run.firstYear()).isEqualTo(2013);
        assertThat(run.lastYear()).isEqualTo(2015);
    }

    @Test
    void nationalMetricRowsAreTheSummaryAndFiltersSelectRows() throws Exception {
        Results r = StoreFixture.run(0.2);
        ResultsFile file = written(r);
        List<ResultsFile.MetricRow> national = file.metrics("all", null, null);
        List<ResultsFile.MetricRow> expected = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            Map<String, Object> summary = Summary.year(r, y);
            for (String metric : org.scoresim.model.Metric.names()) {
                for (String item : r.items(metric)) {
                    Object v = summary.get(metric);
                    Object n = v instanceof Map<?, ?> m ? m.get(item) : v;
                    expected.add(new ResultsFile.MetricRow(
                            r.firstYear() + y, "all", "all", metric, item, ((Number) n).doubleValue()));
                }
            }
        }
        assertThat(national).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(national)
                .isSortedAccordingTo(java.util.Comparator.comparing(ResultsFile.MetricRow::year)
                        .thenComparing(ResultsFile.MetricRow::metric)
                        .thenComparing(ResultsFile.MetricRow::item));

        List<ResultsFile.MetricRow> flights = file.metrics("province", "sanctioned", "flight_ban");
        assertThat(flights)
                .hasSize(r.years() * r.attributes().get("province").size())
                .allMatch(m -> m.attribute().equals("province")
                        && m.metric().equals("sanctioned")
                        && m.item().equals("flight_ban"));
        long values = r.attributes().values().stream().mapToLong(List::size).sum();
        long items = org.scoresim.model.Metric.names().stream()
                .mapToLong(m -> r.items(m).size())
                .sum();
        assertThat(file.metrics(null, null, null)).hasSize((int) (r.years() * (1 + values) * items));
        assertThat(file.metrics("no such attribute", null, null)).isEmpty();
        assertThat(file.metrics("all", "population", null))
                .extracting(ResultsFile.MetricRow::item)
                .containsOnly("");
    }

    @Test
    void scoreBinsStoriesAuditAndIntervalsAreTheRunsOwn() throws Exception {
        Results r = StoreFixture.run(0.2);
        ResultsFile file = written(r);
        List<ResultsFile.ScoreBin> expectedBins = new ArrayList<>();
        for (int y = 0; y < r.years(); y++) {
            long[] bins = r.scoreHistogram(y);
            for (int i = 0; i < bins.length; i++) {
                expectedBins.add(
                        new ResultsFile.ScoreBin(r.firstYear() + y, r.scoreBinLow() + 10 * i, r.scale(bins[i])));
            }
        }
        assertThat(file.scoreHistogram()).containsExactlyElementsOf(expectedBins);

        List<ResultsFile.Story> expectedStories = new ArrayList<>();
        for (String category : Tally.STORIES.stream().sorted().toList()) {
            long[] ids = r.stories(category);
            for (int i = 0; i < ids.length; i++) {
                expectedStories.add(new ResultsFile.Story(category, i, ids[i]));
            }
        }
        assertThat(expectedStories).isNotEmpty();
        assertThat(file.stories()).containsExactlyElementsOf(expectedStories);

        // the audit rows are the engine's, intersections of every pair of attributes included
        List<org.scoresim.engine.results.Audit.Row> expectedAudit =
                org.scoresim.engine.results.Audit.rows(r, new org.scoresim.engine.results.Audit.Options(null, true));
        assertThat(file.audit()).isNotEmpty().containsExactlyElementsOf(expectedAudit);

        List<ResultsFile.Interval> intervals = file.intervals();
        assertThat(intervals).isNotEmpty().allMatch(i -> i.lo() == null || i.hi() == null || i.lo() <= i.hi());
        ResultsFile.Interval first = intervals.stream()
                .filter(i -> i.lo() != null && i.hi() != null)
                .findFirst()
                .orElseThrow();
        double[] lohi = r.interval(first.year() - r.firstYear(), first.metric(), first.item());
        assertThat(new Double[] {first.lo(), first.hi()}).containsExactly(lohi[0], lohi[1]);
    }

    @Test
    void aRunOfEveryHouseholdHasNoIntervals() throws Exception {
        assertThat(written(StoreFixture.run(1.0)).intervals()).isEmpty();
    }
}
