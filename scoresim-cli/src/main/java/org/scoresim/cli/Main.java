package org.scoresim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Properties;
import org.scoresim.store.ResultsDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scoresim}: an executable model of a social credit system on a synthetic population.
 * Exit codes (docs/OUTPUTS.md): 0 done, 2 bad usage or bad input, 1 internal failure, 130 interrupted.
 */
@Command(
        name = "scoresim",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            ExplainCommand.class,
            CompareCommand.class,
            ExportCommand.class,
            AuditCommand.class,
            SweepCommand.class,
            SensitivityCommand.class,
            CalibrateCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        },
        description = {
            "An executable model of a social credit system: synthetic people, their behaviour, cameras",
            "and databases that detect (and misattribute) it, scores, tiers, blacklists, sanctions and",
            "rewards, year by year; and what it all does to whom.",
            "",
            "scoresim models; it never operates on real people. Populations are synthetic."
        },
        footer = {
            "",
            "Examples:",
            "  ./scoresim run                                  the bundled China 2013-2020 scenario, 1%% sample",
            "  ./scoresim run scenarios/minimal.yaml --seed 7  a small scenario, every household",
            "  ./scoresim run scenarios/minimal.yaml --json    summary.json on stdout, nothing else",
            "  ./scoresim validate my.yaml                     every problem of a file, with its line",
            "  ./scoresim export runs/minimal-... --format csv the run's " + ResultsDatabase.FILE
                    + " tables as CSV files",
            "",
            "Exit codes: 0 done, 2 bad usage or bad input (nothing written), 1 internal failure,",
            "130 interrupted (partial output removed)."
        })
public final class Main {
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;
    static final int INTERRUPTED = 130;

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; used by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, Clock.systemDefaultZone());
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, with the wall clock of output folder names and timestamps. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine cl = new CommandLine(new Main(), new ClockFactory(clock));
        cl.setOut(out);
        cl.setErr(err);
        cl.setUsageHelpWidth(100);
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("scoresim: " + ConsoleText.of(ex.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            }
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("scoresim: internal error: " + ConsoleText.of(String.valueOf(ex)));
            if (System.getenv("SCORESIM_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("(set SCORESIM_DEBUG=1 for the stack trace; please report it)");
            }
            return INTERNAL;
        });
        return cl.execute(args);
    }

    /**
     * Makes the commands, handing the clock to those that read the time: a command class with a
     * constructor taking a {@link Clock} gets that one.
     */
    private record ClockFactory(Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Clock.class).newInstance(clock);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/scoresim-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scoresim " + version(), "Java " + System.getProperty("java.version")};
        }
    }
}
