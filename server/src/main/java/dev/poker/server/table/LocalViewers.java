package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Fanout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The viewers on this node of every table, wherever the table runs, and delivery of each table's
 * batches to them: the node subscribes to a table's channel while it has viewers of it, and filters
 * every event per viewer before it leaves (hole cards only to their owner). Each distinct view is one
 * {@link Outbound.View}, encoded once for all the viewers that share it. The acks of requests travel
 * in the batches ({@link Receipt}s) and reach their connection right after the events they cover; a
 * connection that does not watch the table (any more) gets its ack directly ({@link #expectAck}).
 *
 * <p>Every viewer has a cursor: the last sequence number it was sent. A viewer joins with a
 * {@linkplain CatchUp catch-up} from the table's owner (missed batches or a snapshot, up to a sequence
 * number); batches that arrive meanwhile wait. A batch that does not follow a viewer's cursor (the
 * fan-out is at most once, and ownership may move) makes the viewer catch up again from the owner
 * before anything later is delivered; batches it already has are dropped. So every viewer sees every
 * event once, in order. A batch from a newer copy of the table (a higher epoch) that starts at or before
 * the viewer's cursor means the log was written again from there (the table was rebuilt from its log
 * after its memory and the log diverged): the viewer starts over from a snapshot of the rebuilt table.
 *
 * <p>Concurrency: thread-safe. Each table's viewers are guarded by their own monitor; batches of one
 * table arrive in order from one thread at a time (the fan-out's dispatch thread), catch-ups and
 * viewer changes from any thread. Messages are handed to viewers under the monitor (never blocks).
 */
public final class LocalViewers {
    /** Most batches kept for a viewer that is catching up; beyond it they are dropped and re-fetched. */
    private static final int MAX_BUFFERED = 1_000;

    /** Where viewers catch up: the table's owner, on this node or another. */
    @FunctionalInterface
    public interface CatchUpSource {
        /**
         * Asks the owner of {@code tableId} for what a viewer missed; {@code done} receives it, or null
         * when the owner could not answer.
         */
        void catchUp(String tableId, CatchUpQuery query, Consumer<CatchUp> done);
    }

    private final Fanout<TableBatch> fanout;
    private final ViewRenderer views;
    private final CatchUpSource source;
    private final Map<String, Watchers> tables = new ConcurrentHashMap<>();
    private final AtomicLong watchNumbers = new AtomicLong();

    /** One viewer of one table. Guarded by its table's {@link Watchers}. */
    private static final class Watch {
        final Viewer viewer;
        /** This watch among all of this node (a viewer that leaves and joins again gets a new one). */
        final long number;
        long delivered = -1;
        /** The newest epoch of the table seen by this viewer (0: none yet). */
        long epoch;
        /** The log was written again behind the cursor: the next catch-up is a snapshot, whatever the cursor. */
        boolean rewound;
        /** Rewinds so far: an answer asked for before the latest one describes the old copy and is dropped. */
        int rewinds;
        boolean catchingUp = true;
        boolean asking;
        boolean overflowed;
        List<TableBatch> buffer = new ArrayList<>();

        Watch(Viewer viewer, long number) {
            this.viewer = viewer;
            this.number = number;
        }
    }

    private static final class Watchers {
        final Map<Viewer, Watch> viewers = new LinkedHashMap<>();
        Fanout.Subscription subscription;
    }

    public LocalViewers(Fanout<TableBatch> fanout, boolean revealDecks, CatchUpSource source) {
        this.fanout = fanout;
        this.views = new ViewRenderer(revealDecks);
        this.source = source;
    }

    /**
     * Starts a viewer of a table: subscribes this node to the table's channel if it is the first, and
     * holds the table's batches for the viewer until {@link #caughtUp}.
     *
     * @return the number of this watch (for {@link #caughtUp}), or 0 when the viewer already watches the
     *     table (nothing changes)
     */
    public long begin(String tableId, Viewer viewer) {
        long[] added = {0};
        tables.compute(tableId, (id, current) -> {
            Watchers ws = current != null ? current : new Watchers();
            synchronized (ws) {
                if (!ws.viewers.containsKey(viewer)) {
                    added[0] = watchNumbers.incrementAndGet();
                    ws.viewers.put(viewer, new Watch(viewer, added[0]));
                }
            }
            if (ws.subscription == null) {
                ws.subscription = fanout.subscribe(id, this::deliver);
            }
            return ws;
        });
        return added[0];
    }

    /**
     * The catch-up of watch {@code watch} arrived: its messages go out, then the batches held meanwhile
     * that follow it. An answer for an earlier watch of the same viewer (it left and joined again since)
     * is dropped: the new watch has its own.
     */
    public void caughtUp(String tableId, Viewer viewer, long watch, CatchUp c) {
        caughtUp(tableId, viewer, watch, -1, c);
    }

    /** {@code rewinds}: the watch's rewinds when the answer was asked for (-1: the joiner's own). */
    private void caughtUp(String tableId, Viewer viewer, long watch, int rewinds, CatchUp c) {
        Watchers w = tables.get(tableId);
        if (w == null) {
            return;
        }
        synchronized (w) {
            Watch x = w.viewers.get(viewer);
            if (x == null || x.number != watch || (rewinds >= 0 && rewinds != x.rewinds)) {
                return;
            }
            x.asking = false;
            x.overflowed = false;
            x.rewound = false;
            if (x.delivered >= 0 && c.at() <= x.delivered) {
                // an answer older than what the viewer has (a repeated request): only newer batches matter
                x.catchingUp = false;
            } else {
                viewer.deliver(Outbound.View.of(views.messages(newerThanCursor(c, x.delivered), viewer)));
                x.delivered = c.at();
                x.catchingUp = false;
            }
            List<TableBatch> held = x.buffer;
            x.buffer = new ArrayList<>();
            for (TableBatch b : held) {
                offer(tableId, x, b, null);
            }
        }
    }

    /**
     * The part of a catch-up the viewer does not have: an eager catch-up (asked while batches kept arriving,
     * {@link #expectAck}) may hold batches delivered meanwhile, and every event goes out once.
     */
    private static CatchUp newerThanCursor(CatchUp c, long delivered) {
        if (delivered < 0 || c.snapshot() != null || c.missed().isEmpty() || c.missed().get(0).firstSeq() > delivered) {
            return c;
        }
        List<TableBatch> newer = new ArrayList<>(c.missed().size());
        for (TableBatch b : c.missed()) {
            if (b.firstSeq() > delivered) {
                newer.add(b);
            }
        }
        return new CatchUp(c.at(), newer, null, c.ack(), c.turn(), c.refusal());
    }

    /** Removes a viewer; the node unsubscribes from a table nobody here watches any more. */
    public void remove(String tableId, Viewer viewer) {
        remove(tableId, viewer, 0);
    }

    /**
     * Removes watch {@code watch} of a viewer, not a later one (0: whichever it has); false when the
     * viewer has no such watch. The node unsubscribes from a table nobody here watches any more.
     */
    public boolean remove(String tableId, Viewer viewer, long watch) {
        boolean[] removed = {false};
        tables.computeIfPresent(tableId, (id, w) -> {
            synchronized (w) {
                Watch x = w.viewers.get(viewer);
                if (x != null && (watch == 0 || x.number == watch)) {
                    w.viewers.remove(viewer);
                    removed[0] = true;
                }
                if (!w.viewers.isEmpty()) {
                    return w;
                }
            }
            w.subscription.close();
            return null;
        });
        return removed[0];
    }

    private void deliver(TableBatch batch) {
        Watchers w = tables.get(batch.tableId());
        if (w == null) {
            return;
        }
        synchronized (w) {
            Outbound.View[] shared = new Outbound.View[1];
            for (Watch x : w.viewers.values()) {
                offer(batch.tableId(), x, batch, shared);
            }
        }
    }

    /** One batch for one viewer: sent when it follows the viewer's cursor, held while it catches up. */
    private void offer(String tableId, Watch x, TableBatch b, Outbound.View[] shared) {
        if (b.epoch() > x.epoch) {
            if (x.epoch > 0 && x.delivered >= 0 && b.firstSeq() <= x.delivered) {
                rewind(tableId, x, b);
                return;
            }
            x.epoch = b.epoch();
        }
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
        if (shared == null || b.personalTo(v)) {
            v.deliver(Outbound.View.of(views.messages(b, v)));
        } else {
            if (shared[0] == null) {
                shared[0] = Outbound.View.shared(views.messages(b, v));
            }
            v.deliver(shared[0]);
        }
        x.delivered = b.lastSeq();
    }

    /**
     * The log was written again at or before what the viewer has (its events there are not the log's any
     * more): everything it holds is dropped and it starts over from a snapshot of the table as rebuilt.
     */
    private void rewind(String tableId, Watch x, TableBatch b) {
        x.epoch = b.epoch();
        x.delivered = -1;
        x.rewound = true;
        x.rewinds++;
        x.catchingUp = true;
        x.asking = false; // an answer on its way describes the old copy: the snapshot supersedes it
        x.buffer = new ArrayList<>();
        x.buffer.add(b);
        ask(tableId, x);
    }

    private void ask(String tableId, Watch x) {
        CatchUpSource s = source;
        if (x.asking || (x.delivered < 0 && !x.rewound) || s == null) {
            return; // the first catch-up is the joiner's own; or one is on its way
        }
        x.asking = true;
        long from = x.delivered;
        // after an overflow the missed batches are too many, after a rewind they are not the log's: a snapshot
        Long after = x.overflowed || x.rewound ? null : from;
        int rewinds = x.rewinds;
        s.catchUp(tableId, new CatchUpQuery(x.viewer.accountId(), after, null, false), c -> {
            if (c != null && !c.isRefused()) {
                caughtUp(tableId, x.viewer, x.number, rewinds, c);
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

    /**
     * The request of {@code viewer} was accepted and its ack travels in the batch ending at {@code seq}.
     * Nothing to do when the viewer has it; when the viewer does not watch the table the ack goes
     * directly; when its cursor is behind and nothing is on its way, the batch was lost on the way here:
     * the viewer catches up now (the missed batches bring the ack).
     */
    public void expectAck(String tableId, Viewer viewer, String requestId, long seq) {
        Watchers w = tables.get(tableId);
        if (w != null) {
            synchronized (w) {
                Watch x = w.viewers.get(viewer);
                if (x != null) {
                    if (x.delivered < seq && !x.catchingUp) {
                        ask(tableId, x);
                    }
                    return;
                }
            }
        }
        viewer.reply(new ServerMessage.Ack(requestId, tableId, seq));
    }
}
