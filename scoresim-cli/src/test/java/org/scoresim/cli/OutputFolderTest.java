package org.scoresim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Where a run's output goes: a safe folder name, --out checked first, one run per folder, no leftovers. */
class OutputFolderTest {
    static final Path MINIMAL = RunCommandTest.MINIMAL;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:31:20Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static RunCommandTest.Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), CLOCK);
        return new RunCommandTest.Outcome(code, out.toString(), err.toString());
    }

    /** The minimal scenario under another name, in the test's folder. */
    Path named(String name) throws Exception {
        Path file = tmp.resolve("scenario.yaml");
        Files.writeString(file, Files.readString(MINIMAL).replace("name: minimal\n", "name: " + name + "\n"));
        return file;
    }

    /** Runs with the project's home (where runs/ is) set to the test's folder. */
    RunCommandTest.Outcome inHome(String... args) {
        String before = System.getProperty("scoresim.home");
        System.setProperty("scoresim.home", tmp.resolve("home").toString());
        try {
            return cli(args);
        } finally {
            if (before == null) {
                System.clearProperty("scoresim.home");
            } else {
                System.setProperty("scoresim.home", before);
            }
        }
    }

    List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aScenarioNameIsNoPath() throws Exception {
        Path evil = named("\"../../../" + tmp.getFileName() + "/evil\"");
        RunCommandTest.Outcome o = inHome("run", evil.toString(), "--sample", "0.01", "--no-progress");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(names(tmp.resolve("home/runs"))).containsExactly(tmp.getFileName() + "_evil-20261129-003120");
        assertThat(names(tmp)).containsExactlyInAnyOrder("home", "scenario.yaml");

        Path absolute = named("/tmp/x");
        o = inHome("run", absolute.toString(), "--sample", "0.01", "--no-progress", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(names(tmp.resolve("home/runs"))).contains("tmp_x-20261129-003120");
    }

    @Test
    void aSweepsFolderIsMadeFromTheNameAlike() throws Exception {
        Path evil = named("\"../../evil\"");
        RunCommandTest.Outcome o = inHome(
                "sweep",
                evil.toString(),
                "--set",
                "lists.court_blacklist.exit_rate=0.3",
                "--sample",
                "0.01",
                "--no-progress");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(names(tmp.resolve("home/runs"))).containsExactly("evil-sweep-20261129-003120");
    }

    @Test
    void calibratesNewFileHasAPlainNameUnderRuns() {
        Path runs = ScenarioFiles.home().resolve("runs");
        assertThat(CalibrateCommand.defaultTarget(Paths.get("scenarios", "china-2013-2020.yaml"), CLOCK))
                .isEqualTo(runs.resolve("china-2013-2020-calibrated-20261129-003120.yaml"));
        assertThat(CalibrateCommand.defaultTarget(Paths.get("/x", "..\u001b[2J.yaml"), CLOCK))
                .isEqualTo(runs.resolve("2J-calibrated-20261129-003120.yaml"));
        assertThat(CalibrateCommand.defaultTarget(Paths.get("\u4e2d\u56fd.yaml"), CLOCK))
                .isEqualTo(runs.resolve("scenario-calibrated-20261129-003120.yaml"));
    }

    /** Without --out the calibrated scenario goes under runs/ (ignored by git), and the closing line says where. */
    @Test
    void calibrateWritesUnderRunsAndSaysWhere() throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), CalibrateCommandTest.TINY);
        Path targets = Files.writeString(tmp.resolve("targets.yaml"), CalibrateCommandTest.TINY_TARGETS);
        RunCommandTest.Outcome o = inHome(
                "calibrate",
                scenario.toString(),
                "--targets",
                targets.toString(),
                "--sample",
                "0.05",
                "--max-evaluations",
                "2",
                "--no-progress");
        assertThat(o.code()).as(o.err()).isZero();
        Path written = tmp.resolve("home/runs/tiny-calibrated-20261129-003120.yaml");
        assertThat(names(tmp.resolve("home/runs")))
                .containsExactly(written.getFileName().toString());
        assertThat(o.out()).contains("Wrote " + written + " (the scenario with the fitted values;");
        assertThat(names(tmp)).containsExactlyInAnyOrder("home", "tiny.yaml", "targets.yaml");
    }

    @Test
    void controlCharactersInANameAreShownEscaped() throws Exception {
        Path file = named("\"red\\e[31m\\a\\u202e\"");
        RunCommandTest.Outcome o = cli(
                "run",
                file.toString(),
                "--sample",
                "0.01",
                "--no-progress",
                "--out",
                tmp.resolve("r").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("scoresim: red\\x1b[31m\\x07\\u202e, seed 1");
        assertThat(o.out() + o.err()).doesNotContain("\u001b", "\u0007", "\u202e");
        RunCommandTest.Outcome v = cli("validate", file.toString());
        assertThat(v.out())
                .contains("valid scenario 'red\\x1b[31m\\x07\\u202e'")
                .doesNotContain("\u001b");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(MINIMAL) + "\"\\e]0;title\\a\": 1\n");
        v = cli("validate", bad.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("\\x1b]0;title\\x07").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void aDanglingLinkIsRefusedBeforeTheRun() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("nowhere/deeper"));
        RunCommandTest.Outcome o = cli("run", MINIMAL.toString(), "--out", link.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("scoresim: cannot write to " + link + ": it is a dangling symbolic link (to "
                        + tmp.resolve("nowhere/deeper") + ")\n");
        assertThat(names(tmp)).containsExactly("link");
    }

    @Test
    void aLinkLoopAFileAndAPathThroughAFileAreRefusedWithTheirReason() throws Exception {
        Path loop = Files.createSymbolicLink(tmp.resolve("loop"), tmp.resolve("loop"));
        RunCommandTest.Outcome o = cli("run", MINIMAL.toString(), "--out", loop.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("scoresim: cannot write to " + loop + ": a symbolic link loop\n");

        Path file = Files.writeString(tmp.resolve("file"), "mine");
        o = cli("run", MINIMAL.toString(), "--out", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("scoresim: cannot write to " + file + ": it is a file, not a directory\n");

        o = cli("run", MINIMAL.toString(), "--out", file.resolve("below/run").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).endsWith(": " + file + " is a file, not a folder\n");
        assertThat(Files.readString(file)).isEqualTo("mine");
        assertThat(names(tmp)).containsExactlyInAnyOrder("file", "loop");
    }

    @Test
    void theRootFolderIsNoOutputFolder() {
        RunCommandTest.Outcome o = cli("run", MINIMAL.toString(), "--out", "/");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("scoresim: cannot write to /: the root folder cannot take a run; name a folder in it\n");
    }

    @Test
    void aLinkToAnEmptyFolderTakesTheRun() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        RunCommandTest.Outcome o =
                cli("run", MINIMAL.toString(), "--sample", "0.01", "--json", "--out", link.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real.resolve("summary.json")).exists();
    }

    @Test
    void aReadOnlyFileSystemIsNamed() throws Exception {
        try (Tmpfs ro = Tmpfs.mount(tmp.resolve("ro"), "ro,size=1m")) {
            RunCommandTest.Outcome o = cli(
                    "run", MINIMAL.toString(), "--out", ro.dir().resolve("run").toString());
            assertThat(o.code()).isEqualTo(2);
            assertThat(o.err()).endsWith(": read-only file system\n");
        }
    }

    @Test
    void aFolderWithoutWritePermissionIsNamed() throws Exception {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes anyway (and so Files.isWritable says true): the check is then the one above
            assumeFalse(Files.isWritable(locked), "running as root: permissions do not apply");
            RunCommandTest.Outcome o = cli(
                    "run", MINIMAL.toString(), "--out", locked.resolve("run").toString());
            assertThat(o.code()).isEqualTo(2);
            assertThat(o.err()).endsWith(": permission denied\n");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void oneClaimPerFolder() throws Exception {
        Path target = tmp.resolve("out");
        try (OutputClaim first = OutputClaim.take(target)) {
            assertThat(first).isNotNull();
            assertThat(OutputClaim.take(target)).isNull();
            RunCommandTest.Outcome o = cli("run", MINIMAL.toString(), "--sample", "0.01", "--out", target.toString());
            assertThat(o.code()).isEqualTo(2);
            assertThat(o.err()).contains("another run").contains("is writing to it");
        }
        assertThat(names(tmp)).isEmpty(); // the lock file goes with the claim
        try (OutputClaim again = OutputClaim.take(target)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aFolderFilledMeanwhileIsKeptAndThisRunsOutputIsNot() throws Exception {
        Path target = tmp.resolve("out");
        OutputDirectory mine = OutputDirectory.claim(target, new PrintWriter(new StringWriter()));
        mine.open();
        mine.write("summary.json", "mine");
        // another machine's run, which cannot see our lock, finishes first
        Files.createDirectories(target);
        Files.writeString(target.resolve("summary.json"), "theirs");
        assertThatThrownBy(mine::commit).hasMessageContaining("another run wrote to it meanwhile");
        assertThat(mine.abandon()).isTrue();
        assertThat(Files.readString(target.resolve("summary.json"))).isEqualTo("theirs");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSecondRunIntoTheSameFolderSaysSoAndLeavesTheFirstAlone() throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, Files.readString(MINIMAL).replace("size: 1000000", "size: 400000000"));
        Path out = tmp.resolve("out");
        Process first = InterruptTest.start(big, out);
        try {
            InterruptTest.awaitPartial(tmp);
            RunCommandTest.Outcome second = cli("run", MINIMAL.toString(), "--sample", "0.01", "--out", out.toString());
            assertThat(second.code()).isEqualTo(2);
            assertThat(second.err())
                    .isEqualTo("scoresim: cannot write to " + out + ": another run (process " + first.pid()
                            + ") is writing to it; wait for it to end, or choose another --out\n");
            assertThat(InterruptTest.partialExists(tmp)).isTrue();
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(first.pid()))
                    .start()
                    .waitFor();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names(tmp)).containsExactly("big.yaml");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aKilledRunsLeftoversGoWithTheNextRun() throws Exception {
        long dead = deadProcess();
        Path stale = Files.createDirectories(tmp.resolve(".killed.partial-" + dead));
        Files.writeString(stale.resolve("summary.json"), "{");
        Files.writeString(tmp.resolve(".killed.lock"), dead + "\n");
        // a run of this process (alive) in another folder keeps its own
        Path live = Files.createDirectories(
                tmp.resolve(".busy.partial-" + ProcessHandle.current().pid()));
        RunCommandTest.Outcome o = cli(
                "run",
                MINIMAL.toString(),
                "--sample",
                "0.01",
                "--json",
                "--out",
                tmp.resolve("next").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        assertThat(names(tmp))
                .containsExactlyInAnyOrder(
                        ".busy.partial-" + ProcessHandle.current().pid(), "next");
        assertThat(live).isDirectory();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void leftoversThatCannotBeRemovedAreReported() throws Exception {
        long dead = deadProcess();
        Path stale =
                Files.createDirectories(tmp.resolve(".killed.partial-" + dead).resolve("mounted"));
        // a mount point cannot be removed ("device or resource busy")
        try (Tmpfs busy = Tmpfs.mount(stale, "size=64k")) {
            RunCommandTest.Outcome o = cli(
                    "run",
                    MINIMAL.toString(),
                    "--sample",
                    "0.01",
                    "--json",
                    "--out",
                    tmp.resolve("next").toString());
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.err())
                    .startsWith("scoresim: cannot remove " + tmp.resolve(".killed.partial-" + dead)
                            + ", left by a run that was stopped: ");
            assertThat(busy.dir()).isDirectory();
        }
    }

    /** The number of a process that has ended. */
    static long deadProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        return p.pid();
    }
}
