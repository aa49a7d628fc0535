package org.scoresim.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scoresim.engine.Sim;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Engine;
import org.scoresim.model.ScenarioException;
import org.scoresim.store.SweepDatabase;
import org.scoresim.store.SweepDatabase.RunKey;

/** A sweep on the engine: seeds per replication, the order of runs, storing, resuming, cancelling, time from the clock. */
class SweepTest {
    static final Engine.Settings TWO_THREADS = new Engine.Settings(2, null);
    static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");
    static final double SAMPLE = 0.01;
    static final long SEED = 11;

    @TempDir
    Path tmp;

    Path file;

    /** The minimal scenario on 200,000 people: 1% of it runs in a moment. */
    @BeforeEach
    void scenario() throws Exception {
        file = tmp.resolve("minimal.yaml");
        Files.writeString(file, Sim.resource("scenarios/minimal.yaml").replace("size: 1000000", "size: 200000"));
    }

    /** Two exit rates (the first the file's own, 0.3), three replications. */
    SweepDesign design() throws ScenarioException {
        return SweepDesign.read(
                file, SweepGrid.parse(List.of("lists.court_blacklist.exit_rate=0.3,0.9")), 3, SEED, SAMPLE);
    }

    static Sweep open(SweepDesign design, Path dir, Instant now) throws Exception {
        return Sweep.open(design, dir, "local", TWO_THREADS, "test", Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Records what a sweep says as it runs, and stops it after {@code stopAfter} runs (0: never). */
    static class Recorder implements Sweep.Listener {
        final List<RunKey> started = new ArrayList<>();
        final Map<RunKey, Results> finished = new LinkedHashMap<>();
        final int stopAfter;

        Recorder(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void starting(RunKey run) {
            started.add(run);
        }

        @Override
        public boolean finished(RunKey run, Results results, int ranNow) {
            finished.put(run, results);
            return ranNow != stopAfter;
        }
    }

    @Test
    void replicationsUseTheSeedsSPlusRAtEveryPointInReplicationMajorOrder() throws Exception {
        SweepDesign design = design();
        Recorder recorder = new Recorder(0);
        try (Sweep sweep = open(design, tmp.resolve("sweep"), MONDAY)) {
            assertThat(sweep.done()).isZero();
            assertThat(sweep.run(recorder)).isEqualTo(new Sweep.Outcome(6, true));
        }
        assertThat(recorder.started)
                .containsExactly(
                        new RunKey(0, 0),
                        new RunKey(1, 0),
                        new RunKey(0, 1),
                        new RunKey(1, 1),
                        new RunKey(0, 2),
                        new RunKey(1, 2));
        recorder.finished.forEach(
                (run, r) -> assertThat(r.seed()).as(run.toString()).isEqualTo(SEED + run.replication()));
        // point 0 is the file as written: its replications are plain runs with those seeds, each drawing differently
        Results first = recorder.finished.get(new RunKey(0, 0));
        for (int rep = 0; rep < 3; rep++) {
            Plan plain = Plan.compile(Sim.scenario(Files.readString(file)), SEED + rep, SAMPLE);
            assertThat(recorder.finished.get(new RunKey(0, rep)).sameCounts(Sim.run(plain, 2)))
                    .as("replication %d", rep)
                    .isTrue();
            if (rep > 0) {
                assertThat(recorder.finished.get(new RunKey(0, rep)).sameCounts(first))
                        .as("replication %d", rep)
                        .isFalse();
            }
        }
        try (SweepDatabase db = SweepDatabase.read(tmp.resolve("sweep"))) {
            assertThat(db.runs())
                    .extracting(r -> r.key().point() + ":" + r.key().replication() + ":" + r.seed())
                    .containsExactly("0:0:11", "0:1:12", "0:2:13", "1:0:11", "1:1:12", "1:2:13");
        }
    }

    @Test
    void aResumedSweepDoesOnlyTheMissingRunsAndReportsWhatAnUninterruptedOneDoes() throws Exception {
        SweepDesign design = design();
        List<SweepStatistics.Output> outputs = SweepStatistics.defaults(design.scenario());
        List<SweepStatistics.Point> straight;
        try (Sweep sweep = open(design, tmp.resolve("straight"), MONDAY)) {
            sweep.run(new Recorder(0));
            straight = sweep.results(outputs, 2015);
        }

        Path dir = tmp.resolve("resumed");
        Recorder before = new Recorder(4);
        try (Sweep sweep = open(design, dir, MONDAY)) {
            assertThat(sweep.run(before)).isEqualTo(new Sweep.Outcome(4, false));
            assertThat(sweep.done()).isEqualTo(4);
        }
        try (SweepDatabase db = SweepDatabase.read(dir)) {
            assertThat(db.sweep().finishedAt()).as("incomplete").isNull();
            assertThat(db.runs()).hasSize(4);
        }

        Recorder after = new Recorder(0);
        try (Sweep sweep = open(design, dir, TUESDAY)) {
            assertThat(sweep.done()).isEqualTo(4);
            assertThat(sweep.toDo()).containsExactly(new RunKey(0, 2), new RunKey(1, 2));
            assertThat(sweep.run(after)).isEqualTo(new Sweep.Outcome(2, true));
            assertThat(sweep.results(outputs, 2015)).isEqualTo(straight);
        }
        assertThat(after.started).containsExactly(new RunKey(0, 2), new RunKey(1, 2));
        try (SweepDatabase db = SweepDatabase.read(dir)) {
            // the runs of Monday were kept, not redone on Tuesday
            assertThat(db.runs())
                    .extracting(r -> r.key().replication() + "@" + r.startedAt())
                    .containsExactly(
                            "0@" + MONDAY, "1@" + MONDAY, "2@" + TUESDAY, "0@" + MONDAY, "1@" + MONDAY, "2@" + TUESDAY);
            assertThat(db.sweep().createdAt()).isEqualTo(MONDAY);
            assertThat(db.sweep().finishedAt()).isEqualTo(TUESDAY);
        }

        // a finished sweep opened again has nothing to do and reports the same
        try (Sweep sweep = open(design, dir, TUESDAY)) {
            assertThat(sweep.toDo()).isEmpty();
            assertThat(sweep.run(new Recorder(0))).isEqualTo(new Sweep.Outcome(0, true));
            assertThat(sweep.results(outputs, 2015)).isEqualTo(straight);
        }
    }

    @Test
    void theResultsAreTheStoredFiguresOfEachReplication() throws Exception {
        SweepDesign design = design();
        Recorder recorder = new Recorder(0);
        SweepStatistics.Output flights = new SweepStatistics.Output("sanctioned", "flight_ban", false);
        List<SweepStatistics.Point> points;
        try (Sweep sweep = open(design, tmp.resolve("sweep"), MONDAY)) {
            sweep.run(recorder);
            points = sweep.results(List.of(flights), 2014);
        }
        assertThat(points)
                .extracting(SweepStatistics.Point::set)
                .containsExactly(
                        Map.of("lists.court_blacklist.exit_rate", "0.3"),
                        Map.of("lists.court_blacklist.exit_rate", "0.9"));
        for (int p = 0; p < 2; p++) {
            List<Long> expected = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                Results r = recorder.finished.get(new RunKey(p, rep));
                expected.add(r.scale(r.raw(1, "sanctioned", "flight_ban")));
            }
            SweepStatistics.Estimate e = points.get(p).estimates().get(0);
            assertThat(e.values()).as("point %d", p).isEqualTo(expected);
            assertThat(e.mean())
                    .isEqualTo(expected.stream()
                            .mapToLong(Long::longValue)
                            .average()
                            .orElseThrow());
        }
    }

    @Test
    void cancellingStopsBeforeTheNextRunAndStoresNothingOfTheRunInProgress() throws Exception {
        Path dir = tmp.resolve("sweep");
        try (Sweep sweep = open(design(), dir, MONDAY)) {
            Recorder recorder = new Recorder(0) {
                @Override
                public void starting(RunKey run) {
                    super.starting(run);
                    if (started.size() == 2) {
                        sweep.cancel(); // as a shutdown hook would, as the second run starts
                    }
                }
            };
            assertThat(sweep.run(recorder)).isEqualTo(new Sweep.Outcome(1, false));
            assertThat(recorder.finished).containsOnlyKeys(new RunKey(0, 0));
            assertThat(sweep.run(recorder)).as("a cancelled sweep runs no more").isEqualTo(new Sweep.Outcome(0, false));
        }
        try (SweepDatabase db = SweepDatabase.read(dir)) {
            assertThat(db.done()).containsExactly(new RunKey(0, 0));
        }
    }

    @Test
    void progressCountsTheRunsOfThisRun() throws Exception {
        List<Sweep.Progress> seen = new ArrayList<>();
        try (Sweep sweep = open(design(), tmp.resolve("sweep"), MONDAY)) {
            sweep.run(new Recorder(0) {
                @Override
                public boolean finished(RunKey run, Results results, int ranNow) {
                    seen.add(sweep.progress());
                    return super.finished(run, results, ranNow);
                }
            });
        }
        assertThat(seen).extracting(Sweep.Progress::ran).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.toDo()).isEqualTo(6);
            assertThat(p.personYearsDone()).as("between runs").isZero();
        });
    }

    @Test
    void aDirectoryHoldingAnythingButThisSweepIsRefusedUntouched() throws Exception {
        SweepDesign design = design();
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> open(design, taken, MONDAY))
                .isInstanceOf(Sweep.UnusableDirectory.class)
                .hasMessage("the directory holds something other than a sweep")
                .extracting(e -> ((Sweep.UnusableDirectory) e).reason())
                .isEqualTo(Sweep.UnusableDirectory.Reason.HOLDS_OTHER_FILES);
        assertThat(SweepDatabase.exists(taken)).isFalse();
        assertThatThrownBy(() -> open(design, taken.resolve("notes.txt"), MONDAY))
                .isInstanceOf(Sweep.UnusableDirectory.class)
                .hasMessage("it exists and is not a directory");

        Path dir = tmp.resolve("sweep");
        open(design, dir, MONDAY).close();
        SweepDesign other = SweepDesign.read(
                file, SweepGrid.parse(List.of("lists.court_blacklist.exit_rate=0.3")), 3, SEED, SAMPLE);
        assertThatThrownBy(() -> open(other, dir, MONDAY))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessageContaining("another grid");
        SweepDesign reseeded = SweepDesign.read(file, design.grid(), 3, SEED + 1, SAMPLE);
        assertThatThrownBy(() -> open(reseeded, dir, MONDAY))
                .isInstanceOf(SweepDatabase.Mismatch.class)
                .hasMessageContaining("--seed 11");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly(SweepDatabase.FILE);
    }

    @Test
    void aDesignReportsEveryProblemOfEveryPointAtOnce() {
        SweepGrid grid = SweepGrid.parse(
                List.of("behaviours.debt_default.rate=0.01,-1,-2", "lists.court_blacklist.exit_rate=0.3,-3"));
        assertThatThrownBy(() -> SweepDesign.read(file, grid, 1, 1, 1.0))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .as("each different problem once")
                        .hasSize(3));
        SweepGrid fine = SweepGrid.parse(List.of("behaviours.debt_default.rate=0.01"));
        assertThatThrownBy(() -> SweepDesign.read(file, fine, 0, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SweepDesign.read(file, fine, 1, 1, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
