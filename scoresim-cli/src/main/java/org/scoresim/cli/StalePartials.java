package org.scoresim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden {@code .NAME.partial-PID} output of runs that were killed (SIGKILL, a power cut)
 * before they could remove it, and their {@code .NAME.lock} files. The next run into the same
 * folder removes those whose process is gone and whose output nobody claims ({@link OutputClaim}),
 * and reports those it cannot remove.
 */
final class StalePartials {
    private static final Pattern PARTIAL = Pattern.compile("\\.(.+)\\.partial-([0-9]{1,19})");

    private StalePartials() {}

    /** Removes the stale partial outputs in the folder of {@code target} (other than its own claim). */
    static List<Path> removeBeside(Path target, PrintWriter warnings) {
        Path parent = target.getParent();
        List<Path> removed = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*.partial-*")) {
            s.forEach(candidates::add);
        } catch (IOException e) {
            return removed; // nothing to tidy where nothing can be listed
        }
        removeLockFiles(parent, target);
        for (Path p : candidates) {
            Matcher m = PARTIAL.matcher(p.getFileName().toString());
            if (!m.matches() || alive(m.group(2))) {
                continue;
            }
            Path owner = parent.resolve(m.group(1));
            boolean ours = owner.equals(target);
            OutputClaim claim = null;
            try {
                if (!ours) {
                    claim = OutputClaim.take(owner);
                    if (claim == null) {
                        continue; // being written by a run of another machine or container
                    }
                }
                delete(p);
                removed.add(p);
            } catch (IOException e) {
                warnings.println("scoresim: cannot remove " + ConsoleText.of(p) + ", left by a run that was stopped: "
                        + WriteFailure.reason(e));
            } finally {
                if (claim != null) {
                    claim.close();
                }
            }
        }
        return removed;
    }

    /** Lock files nobody holds: taking the claim and letting go of it deletes them. */
    private static void removeLockFiles(Path parent, Path target) {
        List<Path> locks = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, ".*.lock")) {
            s.forEach(locks::add);
        } catch (IOException e) {
            return;
        }
        for (Path lock : locks) {
            String name = lock.getFileName().toString();
            if (name.length() <= ".lock".length() + 1 || !Files.isRegularFile(lock)) {
                continue;
            }
            Path owner = parent.resolve(name.substring(1, name.length() - ".lock".length()));
            if (owner.equals(target)) {
                continue;
            }
            try {
                OutputClaim claim = OutputClaim.take(owner);
                if (claim != null) {
                    claim.close();
                }
            } catch (IOException e) {
                // left for a later run: a lock file nobody holds is harmless
            }
        }
    }

    private static boolean alive(String pid) {
        try {
            long n = Long.parseLong(pid);
            return n == ProcessHandle.current().pid()
                    || ProcessHandle.of(n).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a process number: not ours to remove
        }
    }

    /** Deletes a file or a directory tree, links not followed; nothing when it is absent. */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
