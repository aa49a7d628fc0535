package org.scoresim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.scoresim.model.Scenario;
import org.scoresim.model.ScenarioException;
import org.scoresim.model.ScenarioParser;

/** Finds and reads scenario files, including the bundled ones of {@code scenarios/}. */
final class ScenarioFiles {
    static final String DEFAULT = "china-2013-2020";

    private ScenarioFiles() {}

    /** The project's root: where the launcher runs from (system property), else the working directory. */
    static Path home() {
        String home = System.getProperty("scoresim.home");
        return home != null ? Paths.get(home) : Paths.get("").toAbsolutePath();
    }

    /** The bundled default scenario: from {@code scenarios/} of the checkout, else from the jar. */
    static Scenario bundledDefault() throws ScenarioException {
        Path file = home().resolve("scenarios").resolve(DEFAULT + ".yaml");
        if (Files.isRegularFile(file)) {
            return ScenarioParser.parse(file);
        }
        try (InputStream in = ScenarioFiles.class.getResourceAsStream("/scenarios/" + DEFAULT + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("the bundled scenario " + DEFAULT + " is missing from this build");
            }
            return ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT + ".yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled scenario: " + e.getMessage(), e);
        }
    }

    static Scenario read(Path file) throws ScenarioException {
        return ScenarioParser.parse(file);
    }
}
