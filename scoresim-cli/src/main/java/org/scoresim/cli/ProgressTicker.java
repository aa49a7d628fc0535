package org.scoresim.cli;

/**
 * Calls an update (a progress bar step) five times a second on a daemon thread until closed:
 * the engines count their work, the ticker shows it.
 */
final class ProgressTicker implements AutoCloseable {
    private final Thread thread;

    private ProgressTicker(Runnable update) {
        thread = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        update.run();
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "scoresim-progress");
        thread.setDaemon(true);
    }

    static ProgressTicker start(Runnable update) {
        ProgressTicker t = new ProgressTicker(update);
        t.thread.start();
        return t;
    }

    /** Stops the updates and waits for the last one to finish. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            // not thrown from close() (AutoCloseable's advice): the caller's next wait sees the interrupt
            Thread.currentThread().interrupt();
        }
    }
}
