package org.scoresim.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one simulation on stderr, in people-years (done, rate, time left), read five times
 * a second from the engine's counters: a bar redrawn in place on a terminal, plain lines otherwise
 * ({@link ProgressOutput}). Used by every command that simulates: run, compare, calibrate.
 */
final class RunProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final ProgressTicker ticker;
    private final LongSupplier done;
    private final LongSupplier total;

    private RunProgress(ProgressBar bar, LongSupplier done, LongSupplier total) {
        this.bar = bar;
        this.done = done;
        this.total = total;
        this.ticker = bar == null ? null : ProgressTicker.start(this::update);
    }

    /**
     * A bar named {@code task}, or nothing when {@code show} is false. {@code total} may change (an
     * engine made after the bar) and may be 0 while no simulation runs.
     */
    static RunProgress start(String task, PrintWriter err, boolean show, LongSupplier done, LongSupplier total) {
        if (!show) {
            return new RunProgress(null, done, total);
        }
        long max = Math.max(1, total.getAsLong());
        // the unit chosen for the first total: a sample of a big country counts in millions
        boolean millions = max >= 20_000_000;
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(millions ? " M people-years" : " k people-years", millions ? 1_000_000 : 1_000)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(ProgressOutput.forStderr(err))
                .build();
        return new RunProgress(bar, done, total);
    }

    private void update() {
        long max = Math.max(1, total.getAsLong());
        if (max != bar.getMax()) {
            bar.maxHint(max);
        }
        bar.stepTo(Math.min(max, done.getAsLong()));
    }

    /** The simulation is done: the bar shows it whole. */
    void finish() {
        if (bar != null) {
            ticker.close(); // before the last step, which no late tick may follow
            bar.stepTo(bar.getMax());
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            ticker.close();
            bar.close();
        }
    }
}
