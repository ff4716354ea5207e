package vn.bdg.registry.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most a few requests of one kind are worked on at once; the others wait their turn in the order
 * they came, for at most a set time, and then get 503 with Retry-After.
 *
 * <p>Why: when every request of a heavy kind runs at the same time on a 2-core machine, the cores
 * are shared out in slices and the unluckiest requests wait longest (bench/README.md: scans had a
 * p99 of 2.7 × p50). Taking turns first come, first served keeps every wait near the average, and
 * costs less CPU (fewer threads switching, fewer waits for a pooled connection). Used for offline
 * uploads; live scans go one step further (attendance.LiveScans). A request answered 503 is not
 * lost: the phone keeps it and sends it again, and the same clientScanId is stored once.
 */
public final class Turns {
    private static final int RETRY_AFTER_SECONDS = 5;
    private final Semaphore turns;
    private final Duration maxWait;

    public Turns(int atOnce, Duration maxWait) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one request must be let through at once, not " + atOnce);
        }
        this.turns = new Semaphore(atOnce, true);
        this.maxWait = maxWait;
    }

    /** Runs work in its turn; 503 (busy) when no turn came within the maximum wait. */
    public <T> T take(Supplier<T> work) {
        boolean admitted;
        try {
            // a fair semaphore's timed tryAcquire keeps the queue's order
            admitted = turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw busy();
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    /** The answer to a request that got no turn in time: 503, with when to try again. */
    public static ApiException busy() {
        return new ApiException(503, "busy", RETRY_AFTER_SECONDS);
    }

    /** How many are waiting for a turn now (for tests and metrics). */
    public int waiting() {
        return turns.getQueueLength();
    }
}
