package org.scoresim.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.model.Metric;

/**
 * docs/OUTPUTS.md "Intervals": a sampled run's 95% intervals cover the figure of the run of every
 * household of the same seed (the same lives; the sample is the only difference) 95% of the time,
 * and the standard error they claim is the one observed, with unequal variance groups (more chunks
 * than groups, not a multiple of them) and counts resting on a handful of simulated people.
 */
class IntervalCoverageTest {
    /** minimal.yaml at a fifth of its size: about 87,000 households, a run of all of them in well under a second. */
    static final String SCENARIO = Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 200000");

    static final double SAMPLE = 0.1;
    /** About 60 sampled households a chunk: 145 chunks in 64 groups, 17 groups of 3 chunks and 47 of 2. */
    static final long CHUNK_WORK = 60;

    static final int SEEDS = 40;

    @Test
    void intervalsCoverTheRunOfEveryHouseholdAndClaimTheObservedError() throws InterruptedException {
        Plan first = Sim.plan(SCENARIO, 1, SAMPLE);
        Chunks chunks = new Chunks(first, CHUNK_WORK);
        assertThat(chunks.count() % Chunks.GROUPS)
                .as("chunks not a multiple of the groups")
                .isNotZero();
        assertThat(chunks.count()).isGreaterThan(Chunks.GROUPS);

        List<Series> series = new ArrayList<>();
        for (int seed = 1; seed <= SEEDS; seed++) {
            Plan sampled = Sim.plan(SCENARIO, seed, SAMPLE);
            Results full = Sim.run(Sim.plan(SCENARIO, seed, 1.0), Sim.THREADS);
            Results part = new Runner(sampled, Sim.THREADS, Ticker.SYSTEM, new Chunks(sampled, CHUNK_WORK)).run();
            int k = 0;
            for (Metric metric : Metric.all()) {
                for (String item : full.items(metric)) {
                    for (int y = 0; y < full.years(); y++) {
                        if (seed == 1) {
                            series.add(new Series(metric.label(item) + " " + (full.firstYear() + y)));
                        }
                        long truth = full.raw(y, metric, item);
                        long estimate = part.scale(part.raw(y, metric, item));
                        double[] lohi = part.interval(y, metric, item);
                        if (metric == Metric.FINES) {
                            double fine = truth == 0 ? 1 : full.fines(y, item) / truth;
                            lohi = new double[] {lohi[0] / fine, lohi[1] / fine};
                        }
                        series.get(k++).add(truth, estimate, lohi);
                    }
                }
            }
        }
        // every series whose figure is not 0 in every run of every household, small counts included
        List<Series> checked = series.stream().filter(s -> s.meanTruth() > 0).toList();
        long covered = checked.stream().mapToLong(s -> s.covered).sum();
        long total = checked.stream().mapToLong(s -> s.n).sum();
        double coverage = (double) covered / total;
        double[] ratios = checked.stream()
                .filter(s -> s.observedSe() > 0)
                .mapToDouble(s -> s.claimedSe() / s.observedSe())
                .sorted()
                .toArray();
        double median = ratios[ratios.length / 2];
        List<Series> small = checked.stream()
                .filter(s -> s.meanTruth() * SAMPLE >= 3 && s.meanTruth() * SAMPLE <= 60)
                .toList();
        long smallCovered = small.stream().mapToLong(s -> s.covered).sum();
        long smallTotal = small.stream().mapToLong(s -> s.n).sum();
        String report = String.format(
                "%d series, coverage %.4f, median claimed/observed SE %.3f; %d series of 3 to 60 simulated: coverage %.4f%n%s",
                checked.size(),
                coverage,
                median,
                small.size(),
                (double) smallCovered / smallTotal,
                String.join("\n", checked.stream().map(Series::toString).toList()));

        assertThat(checked.size()).as(report).isGreaterThanOrEqualTo(10);
        assertThat(small).as("small counts among the series").hasSizeGreaterThanOrEqualTo(5);
        assertThat(coverage).as(report).isBetween(0.92, 0.98);
        assertThat(median).as(report).isBetween(0.8, 1.25);
        assertThat((double) smallCovered / smallTotal).as(report).isBetween(0.90, 0.99);
    }

    /** One national figure (metric, item, year) over the seeds. */
    static final class Series {
        final String name;
        final List<Double> errors = new ArrayList<>();
        final List<Double> halves = new ArrayList<>();
        double truthSum;
        int n;
        int covered;

        Series(String name) {
            this.name = name;
        }

        void add(long truth, long estimate, double[] lohi) {
            n++;
            truthSum += truth;
            errors.add((double) estimate - truth);
            halves.add((lohi[1] - lohi[0]) / 2);
            if (lohi[0] <= truth && truth <= lohi[1]) {
                covered++;
            }
        }

        double meanTruth() {
            return truthSum / n;
        }

        /** Root mean square of the estimates' errors. */
        double observedSe() {
            return Math.sqrt(errors.stream().mapToDouble(e -> e * e).sum() / n);
        }

        /** Root mean square of the claimed standard errors (half-width / 1.96). */
        double claimedSe() {
            return Math.sqrt(halves.stream().mapToDouble(h -> h * h).sum() / n) / 1.96;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-50s truth %10.1f  covered %2d/%d  claimed/observed %s",
                    name,
                    meanTruth(),
                    covered,
                    n,
                    observedSe() > 0 ? String.format("%.2f", claimedSe() / observedSe()) : "-");
        }
    }
}
