package org.scoresim.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The right to write one output folder: a lock on a hidden file {@code .NAME.lock} beside it, held
 * from before the run starts until its output is in place or removed. Exactly one process (and one
 * run within a process) holds it at a time; the operating system releases it when its holder dies,
 * so a killed run never blocks the next one. The file names the holder's process, for messages.
 */
final class OutputClaim implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private OutputClaim(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an output folder. */
    static Path fileOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /**
     * Takes the claim on {@code target}, or returns null when another run holds it. The lock
     * file is created when missing (its folder must exist).
     */
    static OutputClaim take(Path target) throws IOException {
        Path file = fileOf(target);
        while (true) {
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            OutputClaim claim;
            Object opened;
            try {
                opened = keyOf(file);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return null;
                }
                claim = new OutputClaim(file, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            // The holder before us deletes the file as it lets go: a lock on a file no longer at
            // that path is no claim, and the next try locks the file that is there now. (By its
            // key, not by reading it: closing any other descriptor of the file would release our
            // lock, POSIX locks being the process's.)
            if (opened == null || !opened.equals(keyOf(file))) {
                claim.release(false);
                continue;
            }
            try {
                channel.truncate(0);
                channel.write(
                        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException | RuntimeException e) {
                claim.close();
                throw e;
            }
            return claim;
        }
    }

    /** The identity of the file at a path (device and inode), or null when there is none. */
    private static Object keyOf(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /**
     * The process that holds the claim on {@code target} as its lock file says, or -1 when unknown.
     * Only for a run that holds no claim on it (reading the file would release its own lock).
     */
    static long holder(Path target) {
        try {
            String text =
                    Files.readString(fileOf(target), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Lets go: the lock file is deleted first, while held, so that no one takes a claim on it after us. */
    @Override
    public void close() {
        release(true);
    }

    private synchronized void release(boolean deleteFile) {
        if (released) {
            return;
        }
        released = true;
        if (deleteFile) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a lock file left behind is harmless: the next run takes it over
            }
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
