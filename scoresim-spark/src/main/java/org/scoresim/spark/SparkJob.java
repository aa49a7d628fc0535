package org.scoresim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.results.Results;
import org.scoresim.engine.results.Summary;
import org.scoresim.model.Problem;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/**
 * The main class for {@code spark-submit} (docs/SPARK.md): runs one scenario on the cluster and
 * writes OUT/summary.json, the same file as {@code scoresim run} writes (engine "spark").
 *
 * <pre>
 * spark-submit --class org.scoresim.spark.SparkJob --files china.yaml scoresim-spark-job.jar \
 *     china.yaml [--seed N] [--sample F] [--out DIR] [--partitions P] [--replications R] [--json]
 * </pre>
 *
 * SCENARIO is a path on the driver, or the name of a file shipped with {@code --files}. OUT is any
 * Hadoop file system URI (hdfs://, s3a://, file://) or a path on the driver; default
 * runs/SCENARIO-TIMESTAMP. With {@code --replications R}, the seeds N .. N+R-1 run one after the
 * other in the same application and write OUT/seed-S/summary.json each. Exit codes as the command
 * line's: 0 done, 2 bad input, 1 failure.
 */
public final class SparkJob {
    private SparkJob() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scoresim: " + e.getMessage());
            System.err.println(
                    "usage: SparkJob SCENARIO [--seed N] [--sample F] [--out DIR] [--partitions P] [--replications R] [--json]");
            code = 2;
        } catch (Exception e) {
            System.err.println("scoresim: the Spark run failed: " + e);
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) throws IOException, InterruptedException {
        return run(args, Clock.systemDefaultZone());
    }

    /** As {@link #run(String[])}, with the wall clock of the default output folder's name. */
    static int run(String[] args, Clock clock) throws IOException, InterruptedException {
        String file = null;
        long seed = 1;
        double sample = 1.0;
        String out = null;
        int partitions = 0;
        int replications = 1;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--sample" -> sample = Double.parseDouble(value(args, ++i, a));
                case "--out" -> out = value(args, ++i, a);
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, a));
                case "--replications" -> replications = Integer.parseInt(value(args, ++i, a));
                case "--json" -> json = true;
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("missing SCENARIO");
        }
        if (!(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("--sample must be in (0, 1], got " + sample);
        }
        if (replications < 1) {
            throw new IllegalArgumentException("--replications must be at least 1, got " + replications);
        }
        JavaSparkContext spark = SparkEngineProvider.context(null);
        try {
            Scenario scenario;
            try {
                scenario = ScenarioParser.parse(locate(file));
            } catch (ScenarioException e) {
                for (Problem p : e.problems()) {
                    System.err.println(p);
                }
                System.err.println(e.getMessage() + "; nothing was run or written.");
                return 2;
            }
            String dir = out != null
                    ? out
                    : "runs/" + scenario.name() + "-"
                            + LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            for (long s = seed; s < seed + replications; s++) {
                Plan plan = Plan.compile(scenario, s, sample);
                SparkEngine engine = new SparkEngine(spark, plan, partitions);
                Results results = engine.run();
                String text = new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(Summary.of(results, version()));
                org.apache.hadoop.fs.Path summary =
                        new org.apache.hadoop.fs.Path(replications == 1 ? dir : dir + "/seed-" + s, "summary.json");
                FileSystem fs = summary.getFileSystem(spark.hadoopConfiguration());
                try (OutputStream o = fs.create(summary, true)) {
                    o.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                }
                if (json) {
                    System.out.println(text);
                }
                System.err.printf(
                        "scoresim: wrote %s (%,d households, %,d people, %d tasks, %.1f s, %,.0f people-years/s)%n",
                        fs.makeQualified(summary),
                        results.households(),
                        results.people(),
                        engine.partitions(),
                        results.seconds(),
                        results.personYearsPerSecond());
            }
            return 0;
        } finally {
            SparkEngineProvider.stop();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The path as given, else the copy spark-submit made of a {@code --files} file. */
    private static Path locate(String file) {
        Path p = Paths.get(file);
        if (Files.isRegularFile(p)) {
            return p;
        }
        try {
            Path shipped = Paths.get(SparkFiles.get(p.getFileName().toString()));
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        } catch (RuntimeException noSparkFilesYet) {
            // no SparkContext yet: the path alone decides
        }
        return p; // the parser reports it missing
    }

    static String version() {
        try (InputStream in = SparkJob.class.getResourceAsStream("/scoresim-spark-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
