package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults get the right words and exit codes, and leave nothing that looks complete. */
class FailureTest {
    static final Path MINIMAL = RunCommandTest.MINIMAL;
    static final String NO_SPACE = "No space left on device"; // the kernel's words, as Java and DuckDB pass them on

    @TempDir
    Path tmp;

    /**
     * A clock that fails from its {@code n}-th reading on: the commands read it once their output is
     * set up (run: before simulating; sweep: at every run's start and end), so it stands for a failure there.
     */
    static Clock failingFrom(int n, Supplier<RuntimeException> failure) {
        AtomicInteger readings = new AtomicInteger();
        return new Clock() {
            @Override
            public Instant instant() {
                if (readings.incrementAndGet() >= n) {
                    throw failure.get();
                }
                return Instant.parse("2026-11-29T00:31:20Z");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    static RunCommandTest.Outcome cli(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), clock);
        return new RunCommandTest.Outcome(code, out.toString(), err.toString());
    }

    static UncheckedIOException diskFull() {
        return new UncheckedIOException(new IOException(NO_SPACE));
    }

    List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCrashAfterTheOutputIsSetUpSaysWhatHappened() throws Exception {
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o = cli(
                failingFrom(1, () -> new IllegalStateException("the clock broke")),
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.01",
                "--out",
                out.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err())
                .isEqualTo("scoresim: failed: internal error: java.lang.IllegalStateException: the clock broke;"
                        + " partial output removed\n"
                        + "(set SCORESIM_DEBUG=1 for the stack trace; please report it)\n");
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void aFullDiskIsNamed() throws Exception {
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o = cli(
                failingFrom(1, FailureTest::diskFull),
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.01",
                "--out",
                out.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err())
                .isEqualTo("scoresim: failed: no space left on device in " + out
                        + " (the disk is full); partial output removed\n");
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void aRunOntoAFullFileSystemEndsWithExitOneAndLeavesNothing() throws Exception {
        // 2 MiB: less than a run's report and results database (the disk fills as they are written)
        try (Tmpfs small = Tmpfs.mount(tmp.resolve("small"), "size=2m")) {
            Path out = small.dir().resolve("run");
            RunCommandTest.Outcome o = RunCommandTest.cli(
                    "run", MINIMAL.toString(), "--sample", "0.05", "--no-progress", "--out", out.toString());
            assertThat(o.code()).isEqualTo(1);
            assertThat(o.err())
                    .isEqualTo("scoresim: failed: no space left on device in " + out
                            + " (the disk is full); partial output removed\n");
            assertThat(o.out()).isEmpty();
            assertThat(names(small.dir())).isEmpty();

            // full before it starts: the claim cannot be written
            small.fill(0);
            o = RunCommandTest.cli("run", MINIMAL.toString(), "--sample", "0.05", "--out", out.toString());
            assertThat(o.code()).isEqualTo(1);
            assertThat(o.err()).contains("no space left on device (the disk is full)");
            assertThat(out).doesNotExist();
        }
    }

    static List<String> sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "sweep",
                MINIMAL.toString(),
                "--set",
                "behaviours.debt_default.rate=0.01,0.02",
                "--set",
                "lists.court_blacklist.exit_rate=0.3,0.6",
                "--replications",
                "2",
                "--sample",
                "0.01",
                "--no-progress",
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aSweepOnAFullDiskKeepsItsRunsForTheResume() throws Exception {
        Path out = tmp.resolve("sweep");
        // readings: 1 the database created, then a start and an end per run: the 6th is run 3's start
        RunCommandTest.Outcome full =
                cli(failingFrom(6, FailureTest::diskFull), sweep(out).toArray(String[]::new));
        assertThat(full.code()).isEqualTo(1);
        assertThat(full.err())
                .endsWith("scoresim: failed: no space left on device in " + out + " (the disk is full); 2 of 8 runs"
                        + " done and saved in " + out.resolve("sweep.duckdb")
                        + "; free some space, then run the same command to resume\n");
        RunCommandTest.Outcome resumed = RunCommandTest.cli(sweep(out, "--json").toArray(String[]::new));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming: 2 of 8 runs already done");
        RunCommandTest.Outcome straight =
                RunCommandTest.cli(sweep(tmp.resolve("straight"), "--json").toArray(String[]::new));
        assertThat(RunCommandTest.json(resumed.out()).get("points"))
                .isEqualTo(RunCommandTest.json(straight.out()).get("points"));
    }

    @Test
    void aSweepOntoAFullFileSystemSaysSoAndResumesOnceThereIsSpace() throws Exception {
        try (Tmpfs small = Tmpfs.mount(tmp.resolve("small"), "size=2m")) {
            Path out = small.dir().resolve("sweep");
            // room for the database and a few dozen runs of the 100 asked for
            small.fill(400_000);
            List<String> args = new ArrayList<>(List.of(
                    "sweep",
                    MINIMAL.toString(),
                    "--set",
                    "channels.cameras.false_match=0.001,0.002,0.003,0.004",
                    "--replications",
                    "25",
                    "--sample",
                    "0.01",
                    "--no-progress",
                    "--out",
                    out.toString()));
            RunCommandTest.Outcome full = RunCommandTest.cli(args.toArray(String[]::new));
            assertThat(full.code()).as(full.err()).isEqualTo(1);
            assertThat(full.err())
                    .contains("scoresim: failed: no space left on device in " + out + " (the disk is full); ")
                    .contains("free some space, then run the same command to resume")
                    .doesNotContain("internal error", "no transaction");
            Files.delete(small.dir().resolve("fill"));
            RunCommandTest.Outcome resumed = RunCommandTest.cli(args.toArray(String[]::new));
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("resuming: ");
        }
    }

    @Test
    void aSampleThatDrawsNoHouseholdIsRefused() throws Exception {
        Path out = tmp.resolve("run");
        RunCommandTest.Outcome o =
                RunCommandTest.cli("run", MINIMAL.toString(), "--sample", "1e-12", "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("scoresim: --sample 1e-12 draws no household: minimal has 434,783 households, and"
                        + " that sample holds 4.3e-07 of them on average; the smallest useful sample is 0.0000023"
                        + " (one household on average)\n");
        assertThat(names(tmp)).isEmpty();
        // the smallest useful sample runs
        o = RunCommandTest.cli("run", MINIMAL.toString(), "--sample", "0.0000023", "--json", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();

        RunCommandTest.Outcome sweep = RunCommandTest.cli(sweep(tmp.resolve("sweep")).stream()
                .map(a -> a.equals("0.01") ? "1e-9" : a)
                .toArray(String[]::new));
        assertThat(sweep.code()).isEqualTo(2);
        assertThat(sweep.err()).startsWith("scoresim: --sample 1e-9 draws no household");
        assertThat(tmp.resolve("sweep")).doesNotExist();

        RunCommandTest.Outcome compare =
                RunCommandTest.cli("compare", MINIMAL.toString(), MINIMAL.toString(), "--sample", "1e-7");
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).startsWith("scoresim: --sample 1e-7 draws no household");
    }

    @Test
    void exportOfADamagedDatabaseOrOntoAFileGivesTheReason() throws Exception {
        Path run = tmp.resolve("run");
        assertThat(RunCommandTest.cli("run", MINIMAL.toString(), "--sample", "0.01", "--json", "--out", run.toString())
                        .code())
                .isZero();
        Path file = Files.writeString(tmp.resolve("file.csv"), "mine");
        RunCommandTest.Outcome onto =
                RunCommandTest.cli("export", run.toString(), "--format", "csv", "--out", file.toString());
        assertThat(onto.code()).isEqualTo(2);
        assertThat(onto.err())
                .isEqualTo("scoresim: cannot export to " + file
                        + ": it is a file; --out names a folder (the files go in it, one a table)\n");
        assertThat(Files.readString(file)).isEqualTo("mine");

        Path damaged = Files.createDirectories(tmp.resolve("damaged"));
        Files.writeString(damaged.resolve("results.duckdb"), "not a database at all, " + "x".repeat(5000));
        RunCommandTest.Outcome o = RunCommandTest.cli("export", damaged.toString(), "--format", "csv");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .startsWith("scoresim: cannot export " + damaged.resolve("results.duckdb") + " to "
                        + damaged.resolve("csv") + ": ")
                .doesNotContain("internal error")
                .hasLineCount(1);
    }

    @Test
    void aThousandProblemsAreListedAsTheirFirstHundredAndACount() throws Exception {
        StringBuilder b = new StringBuilder(Files.readString(MINIMAL));
        for (int i = 0; i < 1000; i++) {
            b.append("unknown_").append(i).append(": 1\n");
        }
        Path file = Files.writeString(tmp.resolve("many.yaml"), b.toString());
        RunCommandTest.Outcome o = RunCommandTest.cli("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        List<String> lines = o.err().lines().toList();
        assertThat(lines).hasSize(102);
        assertThat(lines.get(0)).startsWith(file + ":").contains(": unknown_0: unknown key 'unknown_0'");
        assertThat(lines.get(99)).contains("unknown_99:");
        assertThat(lines.get(100)).isEqualTo("... and 900 more problems");
        assertThat(lines.get(101)).isEqualTo("1,000 problems in " + file + "; nothing was run or written.");
    }

    @Test
    void writeFailuresAreNamedInTheSystemsWords() {
        assertThat(WriteFailure.reason(new AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(WriteFailure.reason(new FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(WriteFailure.reason(new FileSystemException(
                        "/x",
                        null,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link")))
                .isEqualTo("a symbolic link loop");
        assertThat(WriteFailure.reason(new NoSuchFileException("/x"))).isEqualTo("no such file or directory");
        // DuckDB's message of a full disk, wrapped as the store wraps it
        IOException duck = new IOException(
                "IO Error: Could not write file \"/x/results.duckdb\": " + NO_SPACE,
                new SQLException("IO Error: Could not write file \"/x/results.duckdb\": " + NO_SPACE));
        assertThat(WriteFailure.isDiskFull(duck)).isTrue();
        assertThat(WriteFailure.isDiskFull(new UncheckedIOException(new IOException(NO_SPACE))))
                .isTrue();
        assertThat(WriteFailure.isDiskFull(new IOException("Disk quota exceeded")))
                .isTrue();
        assertThat(WriteFailure.isDiskFull(new IOException("Input/output error")))
                .isFalse();
        assertThat(WriteFailure.reason(duck)).isEqualTo("no space left on device (the disk is full)");
    }
}
