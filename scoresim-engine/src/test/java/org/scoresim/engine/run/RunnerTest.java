package org.scoresim.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;

/** The runner's worker pool and its clock. */
class RunnerTest {
    static final String SMALL = Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 50000");

    @Test
    void aRunsTimeIsReadFromItsTicker() throws InterruptedException {
        Plan plan = Sim.plan(SMALL, 1, 1.0);
        AtomicLong now = new AtomicLong(1_000);
        Ticker ticker = () -> now.getAndAdd(2_500_000_000L); // 2.5 s from one reading to the next
        Results r = new Runner(plan, 2, ticker).run();
        assertThat(r.seconds()).isEqualTo(2.5);
        assertThat(r.personYearsPerSecond()).isEqualTo(r.personYears() / 2.5);
    }

    @Test
    void everyChunkIsTakenOnceWhateverTheThreads() throws InterruptedException {
        Chunks chunks = new Chunks(Sim.plan(SMALL, 1, 1.0));
        for (int threads : new int[] {1, 3}) {
            List<int[]> workers =
                    Runner.eachChunk(chunks, threads, () -> new int[chunks.count()], (w, i) -> w[i]++, () -> false);
            assertThat(workers).hasSize(threads);
            int[] taken = new int[chunks.count()];
            workers.forEach(w -> {
                for (int i = 0; i < w.length; i++) {
                    taken[i] += w[i];
                }
            });
            assertThat(taken).containsOnly(1);
        }
    }

    @Test
    void aStopRequestEndsTheWorkWithCancellation() {
        Chunks chunks = new Chunks(Sim.plan(SMALL, 1, 1.0));
        AtomicInteger done = new AtomicInteger();
        assertThatThrownBy(() -> Runner.eachChunk(
                        chunks, 2, Object::new, (w, i) -> done.incrementAndGet(), () -> done.get() >= 3))
                .isInstanceOf(CancellationException.class);
        assertThat(done.get()).isLessThan(chunks.count());
    }
}
