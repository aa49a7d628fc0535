package org.scoresim.cli;

import org.scoresim.engine.run.Engine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose where runs execute, shared by run, sweep and calibrate. */
final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(
            names = "--engine",
            defaultValue = "local",
            paramLabel = "NAME",
            description = "local or spark (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master URL, with --engine spark (default: spark.master, else local[*])")
    String master;

    /** The thread count asked for, all cores by default; a usage error outside 1..4096. */
    static int threads(Integer threads, CommandSpec spec) {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 4096) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 4096, got " + n);
        }
        return n;
    }

    /**
     * The engine settings, after checking the options: a usage error for a bad thread count or an
     * unknown engine; null (with a message on stderr) when the engine is known but not on the class path.
     */
    Engine.Settings settings(CommandSpec spec) {
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new ParameterException(
                    spec.commandLine(), "--engine must be 'local' or 'spark', got '" + engine + "'");
        }
        int n = threads(threads, spec);
        if (!Engine.available(engine)) {
            spec.commandLine()
                    .getErr()
                    .println("scoresim: the " + engine + " engine is not on the class path; run through"
                            + " ./scoresim, which builds it and adds Spark when the arguments say --engine " + engine);
            return null;
        }
        return new Engine.Settings(n, master);
    }
}
