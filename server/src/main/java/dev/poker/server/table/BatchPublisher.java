package dev.poker.server.table;

import dev.poker.engine.TableEvent.ActionTaken;
import dev.poker.engine.TableEvent.HandEnded;
import dev.poker.engine.TableEvent.HandStarted;
import dev.poker.engine.TableEvent.PlayerLeft;
import dev.poker.engine.TableEvent.PotAwarded;
import dev.poker.registry.Fanout;
import dev.poker.server.logging.LogKeys;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens once a batch is durable, in this order: it is published (this node's viewers get it at
 * once, on the table's thread, the acks inside it included; other nodes' through the fan-out), kept
 * for catch-ups, its effects outside the table follow (a player who left hears their new balance;
 * hands, their durations and rake are counted), then what waited for it runs and the action's latency is
 * recorded. A hand's duration runs from its start being durable to its end being durable on this copy of the
 * table (a hand resumed after a takeover or restart is not timed).
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class BatchPublisher {
    private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);
    private final String tableId;
    private final Fanout<TableBatch> fanout;
    private final RecentBatches recent;
    private final PokerMetrics metrics;
    private final TableListener listener;
    /** When the hand in progress started here (System.nanoTime), or 0 when it did not start on this copy. */
    private long handStartedNanos;

    BatchPublisher(String tableId, Fanout<TableBatch> fanout, RecentBatches recent, PokerMetrics metrics,
            TableListener listener) {
        this.tableId = tableId;
        this.fanout = fanout;
        this.recent = recent;
        this.metrics = metrics;
        this.listener = listener;
    }

    void publish(DurablePipeline.Pending p) {
        TableBatch b = p.batch();
        fanout.publish(tableId, b);
        recent.remember(b);
        for (StoredEvent e : b.events()) {
            if (e.event() instanceof PlayerLeft l) {
                listener.balanceChanged(l.playerId()); // the store credited the chips with the event
            } else if (e.event() instanceof HandStarted) {
                handStartedNanos = System.nanoTime();
            } else if (e.event() instanceof HandEnded ended) {
                handEnded(ended.handNumber());
            } else if (e.event() instanceof PotAwarded pot && pot.rake() > 0) {
                metrics.rake(pot.rake());
            }
        }
        p.afterDurable().forEach(Runnable::run);
        if (p.receivedNanos() > 0) {
            metrics.actionLatency(actionOf(b), System.nanoTime() - p.receivedNanos());
        }
    }

    private void handEnded(long hand) {
        MDC.put(LogKeys.HAND, Long.toString(hand)); // the hand that ended, though the table may be in the next one
        if (handStartedNanos == 0) {
            metrics.handCompleted();
            log.debug("hand {} ended (resumed here, not timed)", hand);
            return;
        }
        long nanos = System.nanoTime() - handStartedNanos;
        handStartedNanos = 0;
        metrics.handCompleted(nanos);
        log.debug("hand {} ended after {} ms", hand, nanos / 1_000_000);
    }

    /** The kind of the player's action a batch answers ({@code raise}, ...), or {@code other} (sit, leave, ...). */
    private static String actionOf(TableBatch b) {
        for (StoredEvent e : b.events()) {
            if (e.event() instanceof ActionTaken a && !a.automatic()) {
                return a.action().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "other";
    }
}
