package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one viewer may see of a table's batches and catch-ups, as typed messages: every event filtered
 * for the viewer (hole cards only to their owner, the deck only when the table reveals decks), the
 * your_turn prompt of the viewer's account, and the acks addressed to the viewer's connection.
 *
 * <p>Concurrency: stateless.
 */
final class ViewRenderer {
    private final boolean revealDecks;

    ViewRenderer(boolean revealDecks) {
        this.revealDecks = revealDecks;
    }

    /** The messages of a batch as {@code viewer} may see them, with the acks addressed to it. */
    List<ServerMessage> messages(TableBatch batch, Viewer viewer) {
        String account = viewer.accountId();
        List<ServerMessage> out = new ArrayList<>(batch.events().size() + 1);
        for (StoredEvent e : batch.events()) {
            String owner = batch.privateTo().get(e.seq());
            boolean ownerView = owner != null && owner.equals(account);
            out.add(new ServerMessage.Event(batch.tableId(), e.seq(), e.hand(),
                    EventViews.view(e.event(), ownerView, revealDecks, id -> batch.names().getOrDefault(id, id))));
        }
        if (batch.turn() != null && account != null && account.equals(batch.turnAccount())) {
            out.add(batch.turn());
        }
        for (Receipt r : batch.receipts()) {
            if (r.to().equals(viewer.origin())) {
                out.add(ack(batch.tableId(), r));
            }
        }
        return out;
    }

    /** A catch-up as {@code viewer} may see it: missed batches (or the snapshot), the ack, the your_turn. */
    List<ServerMessage> messages(CatchUp c, Viewer viewer) {
        List<ServerMessage> out = new ArrayList<>();
        if (c.snapshot() != null) {
            out.add(c.snapshot());
        } else {
            for (TableBatch b : c.missed()) {
                out.addAll(messages(b, viewer));
            }
        }
        if (c.ack() != null) {
            out.add(c.ack());
        }
        if (c.turn() != null) {
            out.add(c.turn());
        }
        return out;
    }

    static ServerMessage.Ack ack(String tableId, Receipt r) {
        return new ServerMessage.Ack(r.requestId(), tableId, r.seq());
    }
}
