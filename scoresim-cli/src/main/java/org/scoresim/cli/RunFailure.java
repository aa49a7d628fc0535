package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * What a command says when a run fails after its output was set up: what happened, in words (a
 * full disk, a file that could not be written, a lack of memory, or a bug), and what became of
 * the output. The exit code is 1: nothing in the command line was wrong.
 */
final class RunFailure {
    private RunFailure() {}

    /**
     * Prints {@code scoresim: failed: <what happened>; <aftermath>} and, for a bug, how to report
     * it; returns the exit code.
     */
    static int report(Throwable e, Path dir, String aftermath, PrintWriter err) {
        err.println("scoresim: failed: " + what(e, dir) + "; " + aftermath);
        if (isBug(e)) {
            if (System.getenv("SCORESIM_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set SCORESIM_DEBUG=1 for the stack trace; please report it)");
            }
        }
        err.flush();
        return Main.INTERNAL;
    }

    /** What happened, for the message: "no space left on device in DIR", "cannot write DIR: ...". */
    static String what(Throwable e, Path dir) {
        if (WriteFailure.isDiskFull(e)) {
            return "no space left on device in " + ConsoleText.of(dir) + " (the disk is full)";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; try a smaller --sample, or give Java more memory (SCORESIM_JAVA_OPTS=-Xmx...)";
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
            // the file's name, not its path: that is in the hidden partial folder, removed by now
            String file = io instanceof FileSystemException f && f.getFile() != null
                    ? Path.of(f.getFile()).getFileName() + ": "
                    : "";
            return "cannot write to " + ConsoleText.of(dir) + ": " + ConsoleText.of(file + WriteFailure.reason(e));
        }
        return "internal error: " + ConsoleText.of(String.valueOf(e));
    }

    private static boolean isBug(Throwable e) {
        return !WriteFailure.isDiskFull(e)
                && !(e instanceof OutOfMemoryError)
                && !(e instanceof IOException)
                && !(e instanceof UncheckedIOException);
    }
}
