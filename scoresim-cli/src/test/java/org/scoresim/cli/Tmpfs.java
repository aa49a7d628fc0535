package org.scoresim.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a test's folder, for what only a real file system shows: a full disk,
 * a read-only one. Mounting needs root and a system that allows it (not every container does):
 * where it cannot be mounted the test is skipped, and the same behaviour is checked with an
 * injected failure by the tests of {@link WriteFailure}.
 */
final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code options} (such as {@code size=2m} or {@code ro}) on a new folder {@code dir}. */
    static Tmpfs mount(Path dir, String options) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs is Linux's");
        Files.createDirectories(dir);
        int code = command("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        assumeTrue(code == 0, "cannot mount a tmpfs here (needs root, and a system that allows it)");
        return new Tmpfs(dir);
    }

    /** Fills the file system up to its last {@code keepFree} bytes or fewer. */
    void fill(long keepFree) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free > keepFree) {
            try (var out = Files.newOutputStream(dir.resolve("fill"))) {
                byte[] block = new byte[4096];
                for (long left = free - keepFree; left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
        }
    }

    Path dir() {
        return dir;
    }

    private static int command(String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(line).redirectErrorStream(true).start();
        } catch (IOException noMount) {
            return -1;
        }
        p.getInputStream().readAllBytes();
        try {
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        command("umount", dir.toString());
    }
}
