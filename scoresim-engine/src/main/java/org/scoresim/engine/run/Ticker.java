package org.scoresim.engine.run;

/**
 * A source of elapsed time in nanoseconds, injected wherever time is measured (run time, rates,
 * progress), so that tests can own the clock.
 */
@FunctionalInterface
public interface Ticker {
    /** The system's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds since some fixed origin. */
    long read();
}
