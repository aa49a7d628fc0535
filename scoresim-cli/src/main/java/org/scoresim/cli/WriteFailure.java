package org.scoresim.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why writing a file or folder failed, in the words of the operating system's error ("permission
 * denied", "read-only file system", "no space left on device"), without the path Java puts in
 * front of them: Java's {@code AccessDeniedException} says nothing but the path.
 */
final class WriteFailure {
    /** The kernel's words for ENOSPC, as the JDK and DuckDB pass them on. */
    private static final String NO_SPACE = "no space left on device";

    private WriteFailure() {}

    /** Whether {@code t}, or one of its causes, is a full disk (or a quota reached). */
    static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains(NO_SPACE) || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The reason of a failed write, in a few words. */
    static String reason(Throwable t) {
        if (isDiskFull(t)) {
            return NO_SPACE + " (the disk is full)";
        }
        Throwable e = t instanceof UncheckedIOException u ? u.getCause() : t;
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f && f.getFile() != null) {
            // creating a folder where something else is
            Path there = Path.of(f.getFile());
            if (Files.isSymbolicLink(there) && !Files.exists(there)) {
                return there + " is a dangling symbolic link";
            }
            return there + (Files.isRegularFile(there) ? " is a file, not a folder" : " exists and is not a folder");
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.startsWith("Too many levels of symbolic links")) {
                return "a symbolic link loop";
            }
            if (r.equals("Not a directory") && f.getFile() != null) {
                Path file = fileAbove(Path.of(f.getFile()));
                return file == null ? "not a directory" : file + " is a file, not a folder";
            }
            return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The first of the folders above {@code path} (or itself) that is no folder, or null. */
    static Path fileAbove(Path path) {
        Path absolute = path.toAbsolutePath();
        Path at = absolute.getRoot();
        for (Path part : absolute) {
            at = at == null ? part : at.resolve(part);
            if (Files.exists(at) && !Files.isDirectory(at)) {
                return at;
            }
            if (!Files.exists(at)) {
                return null;
            }
        }
        return null;
    }
}
