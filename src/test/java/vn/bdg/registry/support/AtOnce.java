package vn.bdg.registry.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls made at the same instant, each from its own thread, so that a race between them is likely. */
public final class AtOnce {
    private AtOnce() {
    }

    /** Runs every call at once and answers their results in the calls' order. */
    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CyclicBarrier together = new CyclicBarrier(calls.size());
            List<Future<T>> sent = new ArrayList<>();
            for (Callable<T> call : calls) {
                sent.add(pool.submit(() -> {
                    together.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : sent) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs first, and second delay milliseconds after it (a delay changed from round to round lands
     * the second somewhere into the first's transaction); answers both results, first's first.
     */
    public static <T> List<T> staggered(Callable<T> first, int delay, Callable<T> second) throws Exception {
        return run(List.of(first, () -> {
            Thread.sleep(delay);
            return second.call();
        }));
    }
}
