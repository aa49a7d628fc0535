package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scoresim.store.Export;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.store.SweepDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        header = "Writes the tables of a run's or a sweep's results as CSV or Parquet files.",
        mixinStandardHelpOptions = true,
        description = {
            "Writes every table of a run's " + ResultsDatabase.FILE + " (runs, metrics, score_hist, stories, audit,",
            "interval95), or of a sweep's " + SweepDatabase.FILE + " (sweep, points, runs, metrics), as one CSV or",
            "Parquet file each, for tools that do not read DuckDB."
        },
        footer = {
            "",
            "Examples:",
            "  ./scoresim export runs/minimal-20261129-003120 --format csv",
            "  ./scoresim export runs/minimal-20261129-003120 --format parquet --out /tmp/minimal",
            "  ./scoresim export runs/minimal-sweep --format csv"
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "DIR",
            description = "a run's output directory (it holds " + ResultsDatabase.FILE + ") or a sweep's (it holds "
                    + SweepDatabase.FILE + ")")
    Path dir;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet", description = "csv or parquet")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: DIR/<format>)")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Export.Format f;
        try {
            f = Export.Format.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("scoresim: --format: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (!Files.isDirectory(dir)) {
            err.println("scoresim: " + dir
                    + " is not a directory; give a run's or a sweep's output directory (runs/<scenario>-<time>)");
            return Main.BAD_INPUT;
        }
        // a run's results, else a sweep's (finished or not: what it stored so far)
        Path db = dir.resolve(ResultsDatabase.FILE);
        if (!Files.isRegularFile(db)) {
            db = SweepDatabase.in(dir);
        }
        if (!Files.isRegularFile(db)) {
            err.println(
                    "scoresim: " + dir + " has neither " + ResultsDatabase.FILE + " nor " + SweepDatabase.FILE
                            + "; it is not a finished run's directory nor a sweep's (or the run predates the results database)");
            return Main.BAD_INPUT;
        }
        Path target = out != null ? out : dir.resolve(f.extension());
        if (Files.exists(target) && !Files.isDirectory(target)) {
            err.println("scoresim: cannot export to " + ConsoleText.of(target)
                    + ": it is a file; --out names a folder (the files go in it, one a table)");
            return Main.BAD_INPUT;
        }
        List<Path> files;
        try {
            files = Export.tables(db, f, target);
        } catch (IOException e) {
            // DuckDB's words: a damaged or foreign file ("not a valid DuckDB database file"), a write that failed
            err.println("scoresim: cannot export " + ConsoleText.of(db) + " to " + ConsoleText.of(target) + ": "
                    + ConsoleText.of(oneLine(e.getMessage())));
            return WriteFailure.isDiskFull(e) ? Main.INTERNAL : Main.BAD_INPUT;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        files.forEach(stdout::println);
        stdout.flush();
        return 0;
    }

    private static String oneLine(String message) {
        return message == null
                ? "unknown failure"
                : message.replaceAll("\\s+", " ").trim();
    }
}
