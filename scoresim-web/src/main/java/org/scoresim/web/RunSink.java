package org.scoresim.web;

import java.nio.file.Path;
import org.scoresim.engine.results.Results;

/**
 * Writes whatever else a finished run leaves in its directory besides summary.json (the store's
 * results database and report.html, when the front end has them). The dashboard only reads the
 * store: the command that starts it passes the same writer {@code scoresim run} uses.
 */
@FunctionalInterface
public interface RunSink {
    /** Writes nothing. */
    RunSink NONE = (results, scenarioYaml, dir) -> {};

    void write(Results results, String scenarioYaml, Path dir) throws Exception;
}
