package dev.poker.server.table;

import dev.poker.engine.Command;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.DivergedException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a table comes back from a fault: rebuilt from its log (a full clock for the player to act, or the
 * hand moved on when the log ends inside a decision), after a pause of its store (the clock runs on with
 * the time it had left), and what it reports meanwhile ({@link #pause()}, for {@code /health}); and what
 * a divergence between its memory and its log means for it.
 *
 * <p>Concurrency: confined to the table's mailbox, except {@link #pause()} (volatile, read by
 * {@code /health}).
 */
final class TableRecovery {
    private static final Logger log = LoggerFactory.getLogger(TableRecovery.class);

    private final String id;
    private final long epoch;
    private final TableState state;
    private final TableClocks clocks;
    private final DurablePipeline pipeline;
    private final PokerMetrics metrics;
    /** The events of the hand in progress when this copy started (rebuilt from the log). */
    private final List<TableEvent> currentHand;
    private volatile NotServing pause;

    TableRecovery(String id, long epoch, TableState state, TableClocks clocks, DurablePipeline pipeline,
            PokerMetrics metrics, List<TableEvent> currentHand) {
        this.id = id;
        this.epoch = epoch;
        this.state = state;
        this.clocks = clocks;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.currentHand = currentHand;
    }

    /**
     * What a table rebuilt from its log runs first: a full clock for the player to act, or, when the log
     * ends inside a decision's consequences (cut back after a divergence), the hand moved on; null when
     * nothing is running.
     */
    Command onRebuilt() {
        if (state.handRunning() && state.toAct() < 0) {
            log.warn("table {} hand {}: the log ends inside a decision; moving the hand on", id, state.handNumber());
            return new Command.ContinueHand(Command.ContinueHand.from(currentHand, state));
        }
        return state.toAct() >= 0 ? new Command.RestartClock() : null;
    }

    /** The store failed: the clock holds, and {@code /health} lists the table as paused. */
    void paused() {
        clocks.hold();
        pause = new NotServing(id, "paused", pipeline.pauseCause(), pipeline.pausedAtMs());
    }

    /** The store is back: what restarts the clock of the player to act (null: nobody is to act). */
    Command resumed() {
        pause = null;
        Command resume = clocks.resumeCommand();
        return state.toAct() >= 0 ? resume : null;
    }

    /** Why the table is paused and since when, or null while it serves (read from any thread). */
    NotServing pause() {
        return pause;
    }

    /** A write did not continue the log: logged at ERROR and counted; the copy stops and is reloaded. */
    Stop diverged(DivergedException d) {
        log.error("table {} hand {}: its log expects seq {} but this copy (epoch {}) wrote seq {}: the table's"
                + " memory and its log diverged; stopping this copy and reloading the table from its log", id,
                state.handNumber(), d.expected(), epoch, d.found());
        metrics.diverged();
        return new Stop("diverged from its log (expects seq " + d.expected() + ", wrote " + d.found() + ")", true);
    }
}
