package org.scoresim.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found from the test's working directory (a module's folder). */
public final class Repository {
    private Repository() {}

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scenarios")) && Files.isRegularFile(dir.resolve("scoresim"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the repository: no folder above "
                + Path.of("").toAbsolutePath() + " holds scenarios/ and the scoresim launcher");
    }
}
