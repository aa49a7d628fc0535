package org.scoresim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's output directory, written so that nothing incomplete ever looks complete: files go to
 * a hidden sibling {@code .DIR.partial-PID} that is renamed to DIR in one step at the end; an
 * interrupted or failed run removes it (docs/OUTPUTS.md, exit 130).
 */
final class OutputDirectory {
    private final Path target;
    private final Path partial;
    private boolean done;

    private OutputDirectory(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /** Refuses a non-empty existing target, so that no earlier result is overwritten or mixed. */
    static OutputDirectory begin(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IOException("it exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("the directory exists and is not empty; choose another --out");
                }
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + target.getFileName() + ".partial-"
                + ProcessHandle.current().pid());
        Files.createDirectories(partial);
        return new OutputDirectory(target, partial);
    }

    Path path() {
        return target;
    }

    /** Where a file named {@code name} is written before commit (inside the partial directory). */
    Path partialFile(String name) {
        return partial.resolve(name);
    }

    synchronized void write(String name, String text) {
        try {
            Files.writeString(partial.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the finished files into place. */
    synchronized void commit() throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked in begin()
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        done = true;
    }

    /** Removes the partial output unless committed; true when something was removed. */
    synchronized boolean abandon() {
        if (done || !Files.exists(partial)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(partial)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            return false;
        }
        done = true;
        return true;
    }
}
