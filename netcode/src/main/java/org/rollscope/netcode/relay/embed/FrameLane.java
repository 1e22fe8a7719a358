package org.rollscope.netcode.relay.embed;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order in which one WebSocket connection's work runs: one task at a time, in submission order, either on the
 * thread that submits it (when nothing of this connection is queued or running) or on the pool.
 *
 * <p>Why: the connection's frames are read on Jetty's selecting thread; the hot ones are handled right there and the
 * ones whose handlers may block (a session event forced to the journal, a join writing the seat ledger) go to the
 * pool, so that one connection's disk wait never stalls every other connection. Frames still reach engine.io in the
 * order they arrived, and a close never overtakes a frame handed to the pool before it. Lock-free: a counter of tasks
 * queued or running decides who runs the next one.
 */
final class FrameLane {

    private final Executor pool;
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    /** Tasks queued or running; the one who moves it off 0 runs (or schedules) them until it is back to 0. */
    private final AtomicInteger pending = new AtomicInteger();

    FrameLane(Executor pool) {
        this.pool = pool;
    }

    /** Runs {@code task} on this thread now if the lane is idle; otherwise after what is queued, on the pool. */
    void runHereOrQueue(Runnable task) {
        if (pending.compareAndSet(0, 1)) {
            try {
                task.run();
            } finally {
                if (pending.decrementAndGet() > 0) {
                    pool.execute(this::drain); // others were queued while this ran
                }
            }
        } else {
            queue(task);
        }
    }

    /** Runs {@code task} on the pool, after what is queued or running. */
    void runOnPool(Runnable task) {
        queue(task);
    }

    private void queue(Runnable task) {
        queued.add(task); // before the count: a counted task is always in the queue
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task = queued.poll();
            try {
                task.run();
            } catch (RuntimeException e) {
                // A task's failure is its own (engine.io reports errors itself); the lane must keep going.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
