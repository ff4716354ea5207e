package vn.bdg.registry.attendance;

import vn.bdg.registry.auth.Caller;
import vn.bdg.registry.web.ErrorHandlers;
import vn.bdg.registry.web.Turns;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Live scans, stored together when they arrive together. A few passes run at once; a scan that
 * arrives while they all run waits, and the next pass takes every scan waiting at that moment,
 * its own and those of other phones, deciding and storing them in one go and one transaction. A
 * database does the same with commits (one flush for many): a pass costs a few statements and a
 * commit whether it holds one scan or fifty, so under load the cost per scan falls instead of the
 * queue growing, and with no load a scan is stored alone at once.
 *
 * <p>The request of the first scan waiting runs the next pass (it is handed the lead when a pass
 * ends), so no thread runs passes for others. Each scan is judged as if it came alone: by its own
 * caller's rights, and within a pass the earliest scan of a person at a session is the attendance
 * (CheckInService). A scan not taken into a pass within the wait is answered 503 busy (as Turns
 * does) and stores nothing; one already taken waits for its pass's answer.
 */
public final class LiveScans {
    /** The most scans one pass takes: more would only make the first of them wait longer. */
    private static final int MOST_IN_ONE_PASS = 500;

    private record Waiting(CheckInService.Submitted scan, CompletableFuture<ScanResult> answer,
                           CompletableFuture<Boolean> lead) {
    }

    /** What stores a pass: its scans' answers, in the same order. */
    interface Store {
        List<ScanResult> process(List<CheckInService.Submitted> scans);
    }

    private final Store store;
    private final int passesAtOnce;
    private final Duration maxWait;
    private final Object lock = new Object();
    /** Scans not yet taken into a pass, in the order they came; guarded by lock. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    /** Passes running or handed to the next leader; guarded by lock. */
    private int passes;

    public LiveScans(CheckInService checkIns, int passesAtOnce, Duration maxWait) {
        this(checkIns::process, passesAtOnce, maxWait);
    }

    LiveScans(Store store, int passesAtOnce, Duration maxWait) {
        if (passesAtOnce < 1) {
            throw new IllegalArgumentException("at least one pass must run at once, not " + passesAtOnce);
        }
        this.store = store;
        this.passesAtOnce = passesAtOnce;
        this.maxWait = maxWait;
    }

    /** One live scan: its stored outcome; an unknown or unscannable session is a 404. */
    public ScanResult checkIn(Caller caller, Scan scan) {
        Waiting mine = new Waiting(new CheckInService.Submitted(caller, scan), new CompletableFuture<>(),
                new CompletableFuture<>());
        synchronized (lock) {
            waiting.add(mine);
            if (passes < passesAtOnce) {
                passes++;
                mine.lead().complete(true);
            }
        }
        if (!mine.lead().isDone() && !awaitAnswerOrLead(mine)) {
            synchronized (lock) {
                if (!mine.lead().isDone() && waiting.remove(mine)) {
                    throw Turns.busy();
                }
            }
        }
        if (mine.lead().isDone()) {
            runPass();
        }
        return CheckInService.liveAnswer(answerTo(mine));
    }

    /** Whether the answer or the lead came within the wait. */
    private boolean awaitAnswerOrLead(Waiting mine) {
        try {
            CompletableFuture.anyOf(mine.answer(), mine.lead()).get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true; // the answer is a failure, thrown by answerTo
        }
    }

    /** Takes every scan waiting (up to a pass), stores them, and hands the lead to the first one still waiting. */
    private void runPass() {
        List<Waiting> pass = new ArrayList<>();
        synchronized (lock) {
            while (!waiting.isEmpty() && pass.size() < MOST_IN_ONE_PASS) {
                pass.add(waiting.poll());
            }
        }
        try {
            if (!pass.isEmpty()) {
                answer(pass);
            }
        } finally {
            // never leave a request waiting for an answer that will not come
            pass.forEach(w -> w.answer().completeExceptionally(new IllegalStateException("scan not stored")));
            synchronized (lock) {
                // The first scan waiting may already have been handed the lead by a pass that ended
                // just before this one and not yet have taken its scans: this pass's turn goes to
                // the next one without it, or is given back.
                Waiting next = waiting.stream().filter(w -> !w.lead().isDone()).findFirst().orElse(null);
                if (next == null) {
                    passes--;
                } else {
                    next.lead().complete(true);
                }
            }
        }
    }

    private void answer(List<Waiting> pass) {
        try {
            List<ScanResult> results = store.process(pass.stream().map(Waiting::scan).toList());
            for (int i = 0; i < pass.size(); i++) {
                pass.get(i).answer().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (pass.size() == 1 || ErrorHandlers.databaseUnreachable(e)) {
                // alone, or the database is out of reach: each again on its own would only wait again
                pass.forEach(w -> w.answer().completeExceptionally(e));
                return;
            }
            // whatever one scan made fail must not fail the others: each again on its own
            pass.forEach(w -> answer(List.of(w)));
        }
    }

    /** Passes running or handed to a leader (for tests: none once every scan is answered). */
    int passesTaken() {
        synchronized (lock) {
            return passes;
        }
    }

    private static ScanResult answerTo(Waiting mine) {
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
