package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A run's output directory, written so that nothing incomplete ever looks complete: files go to
 * a hidden sibling {@code .DIR.partial-PID} that is renamed to DIR in one step at the end; an
 * interrupted or failed run removes it (docs/OUTPUTS.md, exit 130). From {@link #claim} to the end the
 * run holds an {@link OutputClaim} on DIR, so that of two runs into one DIR exactly one writes it.
 */
final class OutputDirectory {
    /** The output cannot go to this directory; nothing was written. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean diskFull;

        Unusable(String reason) {
            this(reason, false);
        }

        private Unusable(String reason, boolean diskFull) {
            super(reason);
            this.diskFull = diskFull;
        }

        static Unusable of(IOException e) {
            return new Unusable(WriteFailure.reason(e), WriteFailure.isDiskFull(e));
        }

        /** A full disk: no fault of the command line (exit 1, not 2). */
        boolean diskFull() {
            return diskFull;
        }
    }

    private final Path shown;
    private final Path target;
    private final Path partial;
    private final OutputClaim claim;
    private boolean done;

    private OutputDirectory(Path shown, Path target, Path partial, OutputClaim claim) {
        this.shown = shown;
        this.target = target;
        this.partial = partial;
        this.claim = claim;
    }

    /**
     * Checks that {@code dir} can take a run's output and claims it; refuses a non-empty existing
     * directory, so that no earlier result is overwritten or mixed, and one another run is writing.
     * Partial directories left beside it by runs that were killed are removed (those that cannot be
     * are reported on {@code warnings}). {@link #open} then creates the partial directory: in two
     * steps, so that whatever removes it on Ctrl-C ({@link #abandon}) can be in place before it exists.
     */
    static OutputDirectory claim(Path dir, PrintWriter warnings) throws Unusable {
        Path shown = dir.toAbsolutePath().normalize();
        Path target = resolveLink(shown);
        Path parent = target.getParent();
        if (parent == null) {
            throw new Unusable("the root folder cannot take a run; name a folder in it");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw Unusable.of(e);
        }
        OutputClaim claim;
        try {
            claim = OutputClaim.take(target);
        } catch (IOException e) {
            throw Unusable.of(e);
        }
        if (claim == null) {
            long pid = OutputClaim.holder(target);
            throw new Unusable("another run" + (pid > 0 ? " (process " + pid + ")" : "")
                    + " is writing to it; wait for it to end, or choose another --out");
        }
        try {
            refuseExisting(target);
            StalePartials.removeBeside(target, warnings);
            Path partial = parent.resolve("." + target.getFileName() + ".partial-"
                    + ProcessHandle.current().pid());
            // ours by the claim: one left by an earlier process with our number is stale
            StalePartials.delete(partial);
            return new OutputDirectory(shown, target, partial, claim);
        } catch (IOException e) {
            claim.close();
            throw Unusable.of(e);
        } catch (Unusable | RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /** Creates the partial directory, unless abandoned already; on failure the claim is let go. */
    synchronized void open() throws Unusable {
        if (done) {
            return;
        }
        try {
            Files.createDirectory(partial);
        } catch (IOException e) {
            done = true;
            claim.close();
            throw Unusable.of(e);
        }
    }

    /** A symbolic link is followed to the directory it names; a dangling one or a loop is refused. */
    private static Path resolveLink(Path dir) throws Unusable {
        if (!Files.isSymbolicLink(dir)) {
            return dir;
        }
        try {
            return dir.toRealPath();
        } catch (NoSuchFileException e) {
            String to;
            try {
                to = " (to " + Files.readSymbolicLink(dir) + ")";
            } catch (IOException | UnsupportedOperationException x) {
                to = "";
            }
            throw new Unusable("it is a dangling symbolic link" + to);
        } catch (IOException e) {
            throw Unusable.of(e); // a loop among them
        }
    }

    private static void refuseExisting(Path target) throws Unusable, IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new Unusable("it is a file, not a directory");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new Unusable("the directory exists and is not empty; choose another --out");
            }
        }
    }

    /** The directory as the user named it (for messages). */
    Path path() {
        return shown;
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

    /** Moves the finished files into place, and lets go of the claim. */
    synchronized void commit() throws IOException {
        // empty, checked in begin(), and ours since: a run that wrote it meanwhile (one that did
        // not see our claim, such as one of another machine) keeps what it wrote
        try {
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new IOException("another run wrote to it meanwhile; its output is kept, this run's is not", e);
        }
        done = true;
        claim.close();
    }

    /** Removes the partial output unless committed, and lets go of the claim; true when something was removed. */
    synchronized boolean abandon() {
        if (done) {
            return false;
        }
        done = true;
        boolean removed = Files.exists(partial);
        try {
            StalePartials.delete(partial);
        } catch (IOException e) {
            removed = false;
        }
        claim.close();
        return removed;
    }
}
