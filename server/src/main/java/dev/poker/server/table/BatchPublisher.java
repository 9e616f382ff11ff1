package dev.poker.server.table;

import dev.poker.engine.TableEvent.HandEnded;
import dev.poker.engine.TableEvent.PlayerLeft;
import dev.poker.engine.TableEvent.PotAwarded;
import dev.poker.registry.Fanout;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.StoredEvent;

/**
 * What happens once a batch is durable, in this order: it is published (this node's viewers get it at
 * once, on the table's thread, the acks inside it included; other nodes' through the fan-out), kept
 * for catch-ups, its effects outside the table follow (a player who left hears their new balance;
 * hands and rake are counted), then what waited for it runs and the action's latency is recorded.
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class BatchPublisher {
    private final String tableId;
    private final Fanout<TableBatch> fanout;
    private final RecentBatches recent;
    private final PokerMetrics metrics;
    private final TableListener listener;

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
            } else if (e.event() instanceof HandEnded) {
                metrics.handCompleted();
            } else if (e.event() instanceof PotAwarded pot && pot.rake() > 0) {
                metrics.rake(pot.rake());
            }
        }
        p.afterDurable().forEach(Runnable::run);
        if (p.receivedNanos() > 0) {
            metrics.actionLatency(System.nanoTime() - p.receivedNanos());
        }
    }
}
