package org.scoresim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.scoresim.store.Report;
import org.scoresim.store.ResultsDatabase;
import org.scoresim.web.Dashboard;
import org.scoresim.web.RunSink;
import org.scoresim.web.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        header = "Starts the web dashboard: the whole tool in a browser.",
        mixinStandardHelpOptions = true,
        description = {
            "The web dashboard: the whole tool in a browser. Pick or edit a scenario (checked as you",
            "type), run it with a live progress bar, read its results as charts (sanctions, blocked",
            "purchases, tiers, scores, provinces, the fairness audit), compare two policies on the same",
            "people, and follow sampled people through the years.",
            "",
            "Runs go to the runs directory like those of 'scoresim run' (summary.json, " + ResultsDatabase.FILE + ",",
            "report.html, plus run.json and scenario.yaml) and are listed again after a restart.",
            "It listens on 127.0.0.1 only, unless --host says otherwise; stop it with Ctrl-C."
        },
        footer = {
            "",
            "Examples:",
            "  ./scoresim serve                      then open http://127.0.0.1:8080/",
            "  ./scoresim serve --port 9000 --runs /tmp/my-runs"
        })
final class ServeCommand implements Callable<Integer> {
    private final Clock clock;

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = Settings.DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--runs", paramLabel = "DIR", description = "runs directory (default: runs/ of the project home)")
    Path runs;

    @Option(
            names = "--queue",
            paramLabel = "N",
            defaultValue = "8",
            description = "runs that may wait for a free slot; more get 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dashboard dashboard;
        try {
            dashboard = start();
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            err.println("scoresim: cannot serve on " + host + ":" + port + ": " + rootMessage(e));
            return Main.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            dashboard.close();
                            stopped.countDown();
                        },
                        "scoresim-serve-stop"));
        out.println("scoresim: the dashboard is at " + dashboard.url() + "  (runs in " + runsDir() + "; Ctrl-C stops)");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            err.println("scoresim: listening on " + host
                    + ": anyone who can reach this machine can start simulations here");
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /** Starts the dashboard and returns it (tests call this; {@link #call()} then waits for Ctrl-C). */
    Dashboard start() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        if (queue < 1 || queue > 10_000) {
            throw new ParameterException(spec.commandLine(), "--queue must be between 1 and 10000, got " + queue);
        }
        Settings s = Settings.of(host, port, runsDir(), ScenarioFiles.home().resolve("scenarios"), Main.version());
        return Dashboard.start(
                s.withQueue(s.concurrent(), queue).withSink(storeSink(clock)).withClock(clock));
    }

    private Path runsDir() {
        return runs != null ? runs : ScenarioFiles.home().resolve("runs");
    }

    /** What {@code scoresim run} writes besides summary.json: the {@link ResultsDatabase} and report.html. */
    static RunSink storeSink(Clock clock) {
        return (results, yaml, dir) -> {
            Instant started = clock.instant().minusMillis(Math.round(results.seconds() * 1000));
            Path db = dir.resolve("." + ResultsDatabase.FILE + ".partial");
            Files.deleteIfExists(db);
            ResultsDatabase.write(results, db, Main.version(), started);
            Files.move(db, dir.resolve(ResultsDatabase.FILE), StandardCopyOption.ATOMIC_MOVE);
            Report.write(results, Main.version(), dir.resolve(Report.FILE));
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
