package dev.poker.server.table;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Fanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;

/**
 * The viewers on this node of every table, and delivery of each table's batches to them: the node
 * subscribes to a table's channel while it has viewers of it, and filters every event per viewer
 * before a frame leaves (hole cards only to their owner). Each distinct view is encoded once.
 *
 * <p>Concurrency: thread-safe. Batches of one table arrive in order from one thread at a time (the
 * fan-out delivers a channel's messages in order); viewers may be added and removed from any thread.
 */
public final class LocalViewers {
    private final Fanout<TableBatch> fanout;
    private final ProtocolCodec codec;
    private final Map<String, Watchers> tables = new ConcurrentHashMap<>();

    private final class Watchers {
        final Set<Viewer> viewers = new CopyOnWriteArraySet<>();
        Fanout.Subscription subscription;
        volatile boolean revealDeck;
        volatile Function<String, String> names = id -> null;
    }

    public LocalViewers(Fanout<TableBatch> fanout, ProtocolCodec codec) {
        this.fanout = fanout;
        this.codec = codec;
    }

    /** Adds a viewer of a table, subscribing this node to the table's channel if it is the first. */
    public void add(String tableId, Viewer viewer, boolean revealDeck, Function<String, String> names) {
        Watchers w = tables.compute(tableId, (id, current) -> {
            Watchers ws = current != null ? current : new Watchers();
            if (ws.subscription == null) {
                ws.subscription = fanout.subscribe(id, this::deliver);
            }
            ws.viewers.add(viewer);
            return ws;
        });
        w.revealDeck = revealDeck;
        w.names = names;
    }

    /** Removes a viewer; the node unsubscribes from a table nobody here watches any more. */
    public void remove(String tableId, Viewer viewer) {
        tables.computeIfPresent(tableId, (id, w) -> {
            w.viewers.remove(viewer);
            if (w.viewers.isEmpty()) {
                w.subscription.close();
                return null;
            }
            return w;
        });
    }

    public boolean watches(String tableId, Viewer viewer) {
        Watchers w = tables.get(tableId);
        return w != null && w.viewers.contains(viewer);
    }

    /** Viewers of a table on this node. */
    public int count(String tableId) {
        Watchers w = tables.get(tableId);
        return w == null ? 0 : w.viewers.size();
    }

    /** Sends a batch to one viewer only (catch-up after a reconnect). */
    public void replay(Viewer viewer, TableBatch batch, boolean revealDeck, Function<String, String> names) {
        viewer.sendAll(frames(batch, viewer, revealDeck, names, new ArrayList<>()));
    }

    private void deliver(TableBatch batch) {
        Watchers w = tables.get(batch.tableId());
        if (w == null) {
            return;
        }
        // frames shared by every viewer who is not the owner of a private event
        List<String> shared = null;
        for (Viewer v : w.viewers) {
            if (v.accountId() != null && (batch.privateTo().containsValue(v.accountId())
                    || v.accountId().equals(batch.turnAccount()))) {
                v.sendAll(frames(batch, v, w.revealDeck, w.names, new ArrayList<>()));
            } else {
                if (shared == null) {
                    shared = frames(batch, v, w.revealDeck, w.names, new ArrayList<>());
                }
                v.sendAll(shared);
            }
        }
    }

    private List<String> frames(TableBatch batch, Viewer v, boolean revealDeck, Function<String, String> names,
            List<String> out) {
        for (StoredEvent e : batch.events()) {
            String owner = batch.privateTo().get(e.seq());
            boolean ownerView = owner != null && owner.equals(v.accountId());
            out.add(codec.encode(new ServerMessage.Event(batch.tableId(), e.seq(), e.hand(),
                    EventViews.view(e.event(), ownerView, revealDeck, names))));
        }
        if (batch.turn() != null && v.accountId() != null && v.accountId().equals(batch.turnAccount())) {
            out.add(codec.encode(batch.turn()));
        }
        return out;
    }
}
