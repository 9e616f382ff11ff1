package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import java.util.List;
import java.util.Map;

/**
 * Events of one table made durable together, as published to every node with viewers of the table.
 * {@code privateTo} maps the sequence number of each private event (hole cards) to the account that
 * may see it; {@code turn} is the your_turn prompt for {@code turnAccount} when the batch gave someone
 * the turn; {@code names} are the display names of players who took a seat in this batch (so a node
 * that does not run the table can show them); {@code receipts} are the acks of the requests these
 * events answer, each delivered to its requester's connection right after the events. {@code epoch} is
 * the epoch of the copy of the table that wrote them (0: unknown): a batch of a newer copy that starts at
 * or before what a viewer has means the log was written again there (the table was rebuilt from its log
 * after a divergence), so the viewer starts over from a snapshot. {@code traceparent} is the trace the
 * batch belongs to (W3C form, null when the request that made it is not traced).
 */
public record TableBatch(String tableId, List<StoredEvent> events, Map<Long, String> privateTo,
        ServerMessage.YourTurn turn, String turnAccount, Map<String, String> names, List<Receipt> receipts,
        long epoch, String traceparent) {

    public TableBatch(String tableId, List<StoredEvent> events, Map<Long, String> privateTo,
            ServerMessage.YourTurn turn, String turnAccount, Map<String, String> names, List<Receipt> receipts) {
        this(tableId, events, privateTo, turn, turnAccount, names, receipts, 0, null);
    }

    public TableBatch(String tableId, List<StoredEvent> events, Map<Long, String> privateTo,
            ServerMessage.YourTurn turn, String turnAccount, Map<String, String> names, List<Receipt> receipts,
            long epoch) {
        this(tableId, events, privateTo, turn, turnAccount, names, receipts, epoch, null);
    }

    public TableBatch(String tableId, List<StoredEvent> events, Map<Long, String> privateTo,
            ServerMessage.YourTurn turn, String turnAccount, Map<String, String> names, List<Receipt> receipts,
            String traceparent) {
        this(tableId, events, privateTo, turn, turnAccount, names, receipts, 0, traceparent);
    }

    public TableBatch(String tableId, List<StoredEvent> events, Map<Long, String> privateTo,
            ServerMessage.YourTurn turn, String turnAccount) {
        this(tableId, events, privateTo, turn, turnAccount, Map.of(), List.of());
    }

    /** This batch in another trace context (the fan-out's publish span). */
    public TableBatch withTraceparent(String parent) {
        return new TableBatch(tableId, events, privateTo, turn, turnAccount, names, receipts, epoch, parent);
    }

    public long firstSeq() {
        return events.get(0).seq();
    }

    public long lastSeq() {
        return events.get(events.size() - 1).seq();
    }

    /** Whether the batch holds something only {@code viewer} may see (a private event, its turn, an ack). */
    boolean personalTo(Viewer viewer) {
        String account = viewer.accountId();
        if (account != null && (privateTo.containsValue(account) || account.equals(turnAccount))) {
            return true;
        }
        for (Receipt r : receipts) {
            if (r.to().equals(viewer.origin())) {
                return true;
            }
        }
        return false;
    }
}
