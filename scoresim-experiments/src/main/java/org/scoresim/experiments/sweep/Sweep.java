package org.scoresim.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.run.Engine;
import org.scoresim.model.ScenarioWriter;
import org.scoresim.store.RunTables;
import org.scoresim.store.SweepDatabase;
import org.scoresim.store.SweepDatabase.RunKey;

/**
 * A sweep in its output directory: the runs of a {@link SweepDesign} on an {@link Engine}, each
 * stored in the directory's {@link SweepDatabase} as soon as it ends. Opening a directory that
 * holds the same sweep resumes it: only the runs it lacks are done, and its figures are read back
 * from the database, so a resumed sweep reports exactly what an uninterrupted one does.
 *
 * <p>{@link #run} runs on the caller's thread; {@link #progress} and {@link #cancel} may be called
 * from any other (a progress bar, a shutdown hook).
 */
public final class Sweep implements AutoCloseable {
    /** What a caller hears of a sweep as it runs. */
    public interface Listener {
        /** A run is about to start. */
        default void starting(RunKey run) {}

        /**
         * A run is done and stored; {@code ranNow} runs are done by this {@link #run} so far.
         *
         * @return false to stop here, as if interrupted: the stored runs stay, to be resumed
         */
        default boolean finished(RunKey run, Results results, int ranNow) {
            return true;
        }
    }

    /**
     * How far a {@link #run} is: runs done of those it had to do, and the person-years of the run
     * in progress (both 0 between runs).
     */
    public record Progress(int ran, int toDo, long personYearsDone, long personYearsExpected) {
        /** The share of the run in progress that is done, in [0, 1]. */
        public double currentRunDone() {
            return Math.min(1.0, (double) personYearsDone / Math.max(1, personYearsExpected));
        }
    }

    /** What a {@link #run} did: the runs it did, and whether every run of the sweep is now stored. */
    public record Outcome(int ran, boolean complete) {}

    /** The output directory cannot take a sweep; nothing was written. */
    public static final class UnusableDirectory extends Exception {
        private static final long serialVersionUID = 1L;

        /** Why. */
        public enum Reason {
            NOT_A_DIRECTORY("it exists and is not a directory"),
            HOLDS_OTHER_FILES("the directory holds something other than a sweep");

            private final String text;

            Reason(String text) {
                this.text = text;
            }
        }

        private final Reason reason;

        UnusableDirectory(Reason reason) {
            super(reason.text);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** The directory could take the sweep, but its database could not be created or opened (held by another sweep, unwritable). */
    public static final class DatabaseUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        DatabaseUnavailable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Where a sweep's runs are stored: {@link #SWEEP} ({@code sweep.duckdb}) for {@code scoresim
     * sweep}; other experiments made of many runs of one scenario (a sensitivity analysis) keep
     * their own database with the same run tables.
     */
    public interface Storage {
        /** The database's file name inside the output directory. */
        String file();

        /** Opens or creates the database, as {@link SweepDatabase#open} does. */
        RunTables open(
                Path dir,
                SweepDatabase.Identity id,
                List<Map<String, String>> points,
                int replications,
                String version,
                Instant now)
                throws IOException, SweepDatabase.Mismatch;
    }

    /** {@code sweep.duckdb}. */
    public static final Storage SWEEP = new Storage() {
        @Override
        public String file() {
            return SweepDatabase.FILE;
        }

        @Override
        public RunTables open(
                Path dir,
                SweepDatabase.Identity id,
                List<Map<String, String>> points,
                int replications,
                String version,
                Instant now)
                throws IOException, SweepDatabase.Mismatch {
            return SweepDatabase.open(dir, id, points, replications, version, now);
        }
    };

    private final SweepDesign design;
    private final Path dir;
    private final Storage storage;
    private final RunTables store;
    private final String engine;
    private final Engine.Settings settings;
    private final String version;
    private final Clock clock;
    private final Deque<RunKey> toDo;
    private final AtomicReference<Engine> current = new AtomicReference<>();
    private final AtomicInteger ran = new AtomicInteger();
    private volatile int toDoThisRun;
    private volatile boolean cancelled;

    private Sweep(
            SweepDesign design,
            Path dir,
            Storage storage,
            RunTables store,
            String engine,
            Engine.Settings settings,
            String version,
            Clock clock)
            throws IOException {
        this.design = design;
        this.dir = dir;
        this.storage = storage;
        this.store = store;
        this.engine = engine;
        this.settings = settings;
        this.version = version;
        this.clock = clock;
        Set<RunKey> done = store.done();
        this.toDo = new ArrayDeque<>(
                design.order().stream().filter(r -> !done.contains(r)).toList());
    }

    /**
     * Opens the sweep in {@code dir}: creates the directory and its database when absent or
     * empty, or resumes the same sweep stored there. Runs go to the engine named {@code engine}
     * (as {@link Engine#of}); {@code version} is stored with each run, and every timestamp is read
     * from {@code clock}. Only one process at a time can hold a sweep open.
     *
     * @throws UnusableDirectory when {@code dir} is a file, or a directory holding anything but a sweep
     * @throws SweepDatabase.Mismatch when {@code dir} holds a sweep of another scenario, grid, sample or seed
     * @throws DatabaseUnavailable when the directory or its database cannot be created or opened
     * @throws IOException when the directory cannot be listed, or the runs stored cannot be read
     */
    public static Sweep open(
            SweepDesign design, Path dir, String engine, Engine.Settings settings, String version, Clock clock)
            throws UnusableDirectory, SweepDatabase.Mismatch, DatabaseUnavailable, IOException {
        return open(design, dir, SWEEP, engine, settings, version, clock);
    }

    /** As {@link #open(SweepDesign, Path, String, Engine.Settings, String, Clock)}, with the runs stored in {@code storage}'s database. */
    public static Sweep open(
            SweepDesign design,
            Path dir,
            Storage storage,
            String engine,
            Engine.Settings settings,
            String version,
            Clock clock)
            throws UnusableDirectory, SweepDatabase.Mismatch, DatabaseUnavailable, IOException {
        UnusableDirectory.Reason problem = problem(dir, storage);
        if (problem != null) {
            throw new UnusableDirectory(problem);
        }
        RunTables store;
        try {
            Files.createDirectories(dir);
            store = storage.open(
                    dir, design.identity(), design.grid().points(), design.replications(), version, clock.instant());
        } catch (IOException e) {
            throw new DatabaseUnavailable(e);
        }
        try {
            return new Sweep(design, dir, storage, store, engine, settings, version, clock);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Null when the directory may take the sweep: absent, empty, or holding a sweep. */
    private static UnusableDirectory.Reason problem(Path dir, Storage storage) throws IOException {
        if (!Files.exists(dir) || Files.isRegularFile(dir.resolve(storage.file()))) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            return UnusableDirectory.Reason.NOT_A_DIRECTORY;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent() ? UnusableDirectory.Reason.HOLDS_OTHER_FILES : null;
        }
    }

    public SweepDesign design() {
        return design;
    }

    /** The sweep's database file. */
    public Path database() {
        return dir.resolve(storage.file());
    }

    /** Runs stored so far, of {@link SweepDesign#runs()}. */
    public int done() {
        return design.runs() - toDo.size();
    }

    /** The runs not stored yet, in the order {@link #run} does them. */
    public List<RunKey> toDo() {
        return List.copyOf(toDo);
    }

    /**
     * Does the runs not stored yet, in order, storing each as it ends; when every run is stored,
     * marks the sweep complete. Stops early, with nothing of the run in progress stored, after
     * {@link #cancel} or when the listener says so.
     */
    public Outcome run(Listener listener) throws InterruptedException, IOException {
        ran.set(0);
        toDoThisRun = toDo.size();
        while (!toDo.isEmpty()) {
            RunKey next = toDo.peekFirst();
            Results results = runOne(next, listener);
            if (results == null) {
                break;
            }
            toDo.removeFirst();
            if (!listener.finished(next, results, ran.incrementAndGet())) {
                break;
            }
        }
        if (toDo.isEmpty()) {
            store.finish(design.replications(), clock.instant());
        }
        return new Outcome(ran.get(), toDo.isEmpty());
    }

    /** One run, stored; null when cancelled (nothing of it stored). */
    private Results runOne(RunKey run, Listener listener) throws InterruptedException, IOException {
        if (cancelled) {
            return null;
        }
        listener.starting(run);
        Engine e = Engine.of(engine, design.plan(run), settings);
        current.set(e);
        Instant started = clock.instant();
        Results results;
        try {
            // a cancel between the check above and current.set would otherwise be missed
            if (cancelled) {
                return null;
            }
            results = e.run();
        } catch (CancellationException x) {
            return null;
        } finally {
            current.set(null);
        }
        store.record(run, ScenarioWriter.hash(design.point(run.point())), results, started, clock.instant(), version);
        return results;
    }

    /** Stops the run in progress (nothing of it is stored) and any after it; {@link #run} then returns. */
    public void cancel() {
        cancelled = true;
        Engine e = current.get();
        if (e != null) {
            e.cancel();
        }
    }

    /** How far the current {@link #run} is. */
    public Progress progress() {
        Engine e = current.get();
        return new Progress(
                ran.get(), toDoThisRun, e == null ? 0 : e.personYearsDone(), e == null ? 0 : e.expectedPersonYears());
    }

    /**
     * The outputs' estimates per point for one year, over every replication, read from the
     * database: a sweep resumed any number of times gives the same figures as one run straight through.
     */
    public List<SweepStatistics.Point> results(List<SweepStatistics.Output> outputs, int year) throws IOException {
        return SweepStatistics.compute(outputs, design.grid(), store.year(year, design.replications()));
    }

    /** The sweep's database, open for writing (for what an experiment stores beside the runs). */
    public RunTables store() {
        return store;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
