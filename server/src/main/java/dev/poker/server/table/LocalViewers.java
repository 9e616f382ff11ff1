package dev.poker.server.table;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Fanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The viewers on this node of every table, wherever the table runs, and delivery of each table's
 * batches to them: the node subscribes to a table's channel while it has viewers of it, and filters
 * every event per viewer before a frame leaves (hole cards only to their owner). Each distinct view is
 * encoded once.
 *
 * <p>Every viewer has a cursor: the last sequence number it was sent. A viewer joins with a
 * {@linkplain CatchUp catch-up} from the table's owner (missed events or a snapshot, up to a sequence
 * number); batches that arrive meanwhile wait. A batch that does not follow a viewer's cursor (the
 * fan-out is at most once, and ownership may move) makes the viewer catch up again from the owner
 * before anything later is delivered; batches it already has are dropped. So every viewer sees every
 * event once, in order.
 *
 * <p>Concurrency: thread-safe. Each table's viewers are guarded by their own monitor; batches of one
 * table arrive in order from one thread at a time (the fan-out's dispatch thread), catch-ups and
 * viewer changes from any thread. Frames are handed to viewers under the monitor (never blocks).
 */
public final class LocalViewers {
    /** Most batches kept for a viewer that is catching up; beyond it they are dropped and re-fetched. */
    private static final int MAX_BUFFERED = 1_000;

    /** Where viewers catch up: the table's owner, on this node or another. */
    @FunctionalInterface
    public interface CatchUpSource {
        /**
         * Asks the owner of {@code tableId} for what {@code account} missed after {@code lastSeq} (null:
         * a snapshot); {@code done} receives it, or null when the owner could not answer.
         */
        void catchUp(String tableId, String account, Long lastSeq, Consumer<CatchUp> done);
    }

    /**
     * What a viewer needs to follow a table from sequence number {@code at}: frames encoded for it. A
     * refusal (no such table) has {@code at} −1 and the error frame.
     */
    public record CatchUp(long at, List<String> frames) {
        public static CatchUp refused(String errorFrame) {
            return new CatchUp(-1, List.of(errorFrame));
        }

        public boolean refused() {
            return at < 0;
        }
    }

    private final Fanout<TableBatch> fanout;
    private final ProtocolCodec codec;
    private final boolean revealDecks;
    private volatile CatchUpSource source;
    private final Map<String, Watchers> tables = new ConcurrentHashMap<>();

    /** One viewer of one table. Guarded by its table's {@link Watchers}. */
    private static final class Watch {
        final Viewer viewer;
        long delivered = -1;
        boolean catchingUp = true;
        boolean asking;
        boolean overflowed;
        List<TableBatch> buffer = new ArrayList<>();
        /** Runs once the viewer has everything up to a sequence number: (seq, action). */
        List<Map.Entry<Long, Runnable>> waiters;

        Watch(Viewer viewer) {
            this.viewer = viewer;
        }
    }

    private static final class Watchers {
        final Map<Viewer, Watch> viewers = new LinkedHashMap<>();
        Fanout.Subscription subscription;
    }

    public LocalViewers(Fanout<TableBatch> fanout, ProtocolCodec codec, boolean revealDecks) {
        this.fanout = fanout;
        this.codec = codec;
        this.revealDecks = revealDecks;
    }

    /** Sets where viewers catch up (set once at start, before any viewer). */
    public void catchUpFrom(CatchUpSource source) {
        this.source = source;
    }

    /**
     * Starts a viewer of a table: subscribes this node to the table's channel if it is the first, and
     * holds the table's batches for the viewer until {@link #caughtUp}.
     *
     * @return false when the viewer already watches the table (nothing changes)
     */
    public boolean begin(String tableId, Viewer viewer) {
        boolean[] added = {false};
        tables.compute(tableId, (id, current) -> {
            Watchers ws = current != null ? current : new Watchers();
            synchronized (ws) {
                if (!ws.viewers.containsKey(viewer)) {
                    ws.viewers.put(viewer, new Watch(viewer));
                    added[0] = true;
                }
            }
            if (ws.subscription == null) {
                ws.subscription = fanout.subscribe(id, this::deliver);
            }
            return ws;
        });
        return added[0];
    }

    /** The viewer's catch-up arrived: its frames go out, then the batches held meanwhile that follow it. */
    public void caughtUp(String tableId, Viewer viewer, CatchUp c) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return;
        }
        synchronized (w) {
            Watch x = w.viewers.get(viewer);
            if (x == null) {
                return;
            }
            x.asking = false;
            x.overflowed = false;
            if (x.delivered >= 0 && c.at() <= x.delivered) {
                // an answer older than what the viewer has (a repeated request): only newer batches matter
                x.catchingUp = false;
            } else {
                viewer.sendAll(c.frames());
                x.delivered = c.at();
                x.catchingUp = false;
                release(x);
            }
            List<TableBatch> held = x.buffer;
            x.buffer = new ArrayList<>();
            for (TableBatch b : held) {
                offer(tableId, x, b, null);
            }
        }
    }

    /** Removes a viewer; the node unsubscribes from a table nobody here watches any more. */
    public void remove(String tableId, Viewer viewer) {
        tables.computeIfPresent(tableId, (id, w) -> {
            synchronized (w) {
                w.viewers.remove(viewer);
                if (!w.viewers.isEmpty()) {
                    return w;
                }
            }
            w.subscription.close();
            return null;
        });
    }

    public boolean watches(String tableId, Viewer viewer) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.viewers.containsKey(viewer);
        }
    }

    /** Viewers of a table on this node. */
    public int count(String tableId) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return 0;
        }
        synchronized (w) {
            return w.viewers.size();
        }
    }

    /** Tables with viewers on this node. */
    public java.util.Set<String> tables() {
        return java.util.Set.copyOf(tables.keySet());
    }

    /** Every viewer of a table on this node. */
    public List<Viewer> viewersOf(String tableId) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return List.of();
        }
        synchronized (w) {
            return List.copyOf(w.viewers.keySet());
        }
    }

    private void deliver(TableBatch batch) {
        Watchers w = tables.get(batch.tableId());
        if (w == null) {
            return;
        }
        synchronized (w) {
            List<String>[] shared = new List[1];
            for (Watch x : w.viewers.values()) {
                offer(batch.tableId(), x, batch, shared);
            }
        }
    }

    /** One batch for one viewer: sent when it follows the viewer's cursor, held while it catches up. */
    private void offer(String tableId, Watch x, TableBatch b, List<String>[] shared) {
        if (x.catchingUp) {
            if (x.buffer.size() >= MAX_BUFFERED) {
                x.buffer.clear(); // too far behind: the next catch-up brings a snapshot instead
                x.overflowed = true;
            }
            x.buffer.add(b);
            ask(tableId, x);
            return;
        }
        if (b.lastSeq() <= x.delivered) {
            return; // already sent (in a catch-up, or a copy)
        }
        if (b.firstSeq() != x.delivered + 1) {
            // a gap: what came before this batch never arrived here
            x.catchingUp = true;
            x.buffer.add(b);
            ask(tableId, x);
            return;
        }
        Viewer v = x.viewer;
        if (shared == null || (v.accountId() != null && (b.privateTo().containsValue(v.accountId())
                || v.accountId().equals(b.turnAccount())))) {
            v.sendAll(frames(b, v.accountId()));
        } else {
            if (shared[0] == null) {
                shared[0] = new SharedFrames(frames(b, v.accountId()));
            }
            v.sendAll(shared[0]);
        }
        x.delivered = b.lastSeq();
        release(x);
    }

    /** Runs the waiters of a viewer whose cursor reached their sequence number (under the table's monitor). */
    private static void release(Watch x) {
        if (x.waiters == null) {
            return;
        }
        for (java.util.Iterator<Map.Entry<Long, Runnable>> it = x.waiters.iterator(); it.hasNext();) {
            Map.Entry<Long, Runnable> e = it.next();
            if (e.getKey() <= x.delivered) {
                it.remove();
                e.getValue().run();
            }
        }
    }

    /**
     * Runs {@code action} once {@code viewer} has been sent the table's events up to {@code seq} (at once
     * if it has, or if it does not watch the table). So an answer sent this way never overtakes the
     * events it covers. The caller bounds the wait with its own timeout: {@code action} must be
     * idempotent-safe to run at most once from either path.
     */
    public void whenDelivered(String tableId, Viewer viewer, long seq, Runnable action) {
        Watchers w = tables.get(tableId);
        if (w != null) {
            synchronized (w) {
                Watch x = w.viewers.get(viewer);
                if (x != null && x.delivered < seq) {
                    if (x.waiters == null) {
                        x.waiters = new ArrayList<>(1);
                    }
                    x.waiters.add(Map.entry(seq, action));
                    return;
                }
            }
        }
        action.run();
    }

    private void ask(String tableId, Watch x) {
        CatchUpSource s = source;
        if (x.asking || x.delivered < 0 || s == null) {
            return; // the first catch-up is the joiner's own; or one is on its way
        }
        x.asking = true;
        long from = x.delivered;
        // after an overflow the missed batches are too many: start over from a snapshot
        s.catchUp(tableId, x.viewer.accountId(), x.overflowed ? null : from, c -> {
            if (c != null && !c.refused()) {
                caughtUp(tableId, x.viewer, c);
            } else {
                retryLater(tableId, x);
            }
        });
    }

    /** The owner did not answer: the next batch of the table asks again. */
    private void retryLater(String tableId, Watch x) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return;
        }
        synchronized (w) {
            x.asking = false;
        }
    }

    /** The frames of a batch as {@code account} may see them (null: a spectator). */
    public List<String> frames(TableBatch batch, String account) {
        List<String> out = new ArrayList<>(batch.events().size() + 1);
        for (StoredEvent e : batch.events()) {
            String owner = batch.privateTo().get(e.seq());
            boolean ownerView = owner != null && owner.equals(account);
            out.add(codec.encode(new ServerMessage.Event(batch.tableId(), e.seq(), e.hand(),
                    EventViews.view(e.event(), ownerView, revealDecks, id -> batch.names().getOrDefault(id, id)))));
        }
        if (batch.turn() != null && account != null && account.equals(batch.turnAccount())) {
            out.add(codec.encode(batch.turn()));
        }
        return out;
    }
}
