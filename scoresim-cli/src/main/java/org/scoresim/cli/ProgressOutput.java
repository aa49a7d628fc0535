package org.scoresim.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.scoresim.engine.run.Ticker;

/**
 * Where a progress bar goes. On a terminal (the launcher tells: {@code -Dscoresim.stderr=tty}), a
 * bar redrawn in place; otherwise ({@code ./scoresim run 2>log}, a pipe, CI) plain lines, one every
 * few seconds and the last one at the end, so that a log holds readable lines, not one huge line of
 * carriage returns.
 */
final class ProgressOutput implements ProgressBarConsumer {
    /** How often a plain line is written. */
    static final long EVERY_NANOS = 5_000_000_000L;
    /** The width of a line. */
    static final int WIDTH = 100;

    private final PrintWriter out;
    private final Ticker ticker;
    private long lastWritten = Long.MIN_VALUE;
    private String pending;
    /** The line written last: the same state is not written twice (a bar's close redraws its end). */
    private String last;

    ProgressOutput(PrintWriter out, Ticker ticker) {
        this.out = out;
        this.ticker = ticker;
    }

    /** The bar's output for this process: redrawn on a terminal, plain lines to {@code err} otherwise. */
    static ProgressBarConsumer forStderr(PrintWriter err) {
        return "tty".equals(System.getProperty("scoresim.stderr"))
                ? new ConsoleProgressBarConsumer(System.err)
                : new ProgressOutput(err, Ticker.SYSTEM);
    }

    @Override
    public int getMaxRenderedLength() {
        return WIDTH;
    }

    @Override
    public synchronized void accept(String rendered) {
        String line = rendered.replace('\r', ' ').strip();
        long now = ticker.read();
        if (lastWritten == Long.MIN_VALUE || now - lastWritten >= EVERY_NANOS) {
            write(line);
            lastWritten = now;
            pending = null;
        } else {
            pending = line;
        }
    }

    private void write(String line) {
        String shown = line.length() > WIDTH ? line.substring(0, WIDTH) : line;
        if (shown.equals(last)) {
            return;
        }
        last = shown;
        out.println(shown);
        out.flush();
    }

    /** The last state, if it was not written yet. */
    @Override
    public synchronized void close() {
        if (pending != null) {
            write(pending);
            pending = null;
        }
    }
}
