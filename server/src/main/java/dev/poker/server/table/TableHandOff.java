package dev.poker.server.table;

import dev.poker.engine.TableState;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Drain of one table: once asked, no new hand starts; when the hand in progress has ended and every
 * event is durable, the table stops here and the caller hears so, and another node resumes it between
 * hands. At the deadline it stops as soon as its writes are durable, even mid-hand (the next owner
 * resumes the hand from the log).
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class TableHandOff {
    private final TableState state;
    private final DurablePipeline pipeline;
    private final TableClocks clocks;
    private final Executor mailbox;
    private final Consumer<String> stop;
    private Runnable done;
    private boolean now;

    TableHandOff(TableState state, DurablePipeline pipeline, TableClocks clocks, Executor mailbox,
            Consumer<String> stop) {
        this.state = state;
        this.pipeline = pipeline;
        this.clocks = clocks;
        this.mailbox = mailbox;
        this.stop = stop;
    }

    /** Whether a hand-off is under way (no new hands start). */
    boolean active() {
        return done != null;
    }

    void begin(long deadlineMs, Runnable whenDone) {
        done = whenDone;
        clocks.cancelStart();
        long delay = Math.max(0, deadlineMs - clocks.now());
        clocks.scheduler().schedule(delay, () -> mailbox.execute(() -> {
            now = true;
            check();
        }));
        check();
    }

    /** Stops the table when the moment has come (called whenever writes settle). */
    void check() {
        if (done == null || pipeline.busy() || (state.handRunning() && !now)) {
            return;
        }
        Runnable d = done;
        done = null;
        stop.accept("handed over");
        d.run();
    }
}
