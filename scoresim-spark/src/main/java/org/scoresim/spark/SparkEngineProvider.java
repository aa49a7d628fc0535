package org.scoresim.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.scoresim.engine.kernel.Plan;
import org.scoresim.engine.run.Engine;

/**
 * {@code --engine spark}: found by {@link Engine#of} through ServiceLoader. Runs of one JVM share one
 * SparkContext (a sweep starts Spark once), made at the first run with the {@code --master} URL, else
 * the {@code spark.master} that spark-submit sets, else {@code local[*]}; it stops when the JVM exits.
 * Other {@code spark.*} settings come from system properties, as Spark reads them.
 */
public final class SparkEngineProvider implements Engine.Provider {
    private static JavaSparkContext shared;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine engine(Plan plan, Engine.Settings settings) {
        return new SparkEngine(context(settings.master()), plan);
    }

    /**
     * The JVM's SparkContext, started on first use.
     *
     * @throws IllegalStateException when one with another master runs already
     */
    static synchronized JavaSparkContext context(String master) {
        if (shared == null || shared.sc().isStopped()) {
            SparkConf conf = new SparkConf(); // and every spark.* system property
            if (master != null) {
                conf.setMaster(master);
            }
            conf.setIfMissing("spark.master", "local[*]");
            conf.setIfMissing("spark.app.name", "scoresim");
            conf.setIfMissing("spark.ui.enabled", "false");
            shared = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        }
        if (master != null && !master.equals(shared.master())) {
            throw new IllegalStateException(
                    "Spark runs already with master " + shared.master() + " in this JVM, not " + master);
        }
        return shared;
    }

    /** Stops the shared SparkContext, if any (tests). */
    static synchronized void stop() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }
}
