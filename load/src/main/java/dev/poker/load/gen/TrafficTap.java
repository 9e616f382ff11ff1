package dev.poker.load.gen;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches every frame the simulated players send and receive (through {@link TapConnector}) and measures
 * action latency the way a player experiences it: from the moment an {@code act} was meant to be sent
 * until the resulting {@code action} event has reached <em>every</em> player watching the table.
 *
 * <p>How: a {@code your_turn} received at {@code t} with a think time {@code d} fixes the intended send
 * time {@code t + d}. The {@code act} that follows is remembered per table and seat. The first
 * connection to receive the {@code action} event of that seat opens a fan-out for its sequence number,
 * expecting every connection that watched the table from before that number; the fan-out completes
 * when the last of them has it (connections that close meanwhile are dropped from it), and records
 * {@code last receipt − intended send} (corrected) and {@code last receipt − actual send} (raw). A fan-out
 * that has not completed after {@link #FANOUT_TIMEOUT_NANOS} counts as undelivered and records its age.
 *
 * <p>For the failover scenario it also keeps, per table, the last action before and the first action
 * after a {@linkplain #mark mark} (the kill), and per player the outages that began after it: the
 * disconnect, the {@code welcome} on a new connection, and the first table message after that.
 *
 * <p>Concurrency: thread-safe. Each table's bookkeeping is guarded by its {@link TableTrack}'s monitor,
 * each player's by its {@link PlayerTap}'s; counters are adders. Methods take the time as an argument so
 * tests can drive them without a clock.
 */
final class TrafficTap {
    static final long FANOUT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PENDING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    final LatencyChannel corrected = new LatencyChannel();
    final LatencyChannel raw = new LatencyChannel();

    final LongAdder framesSent = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder actsSent = new LongAdder();
    /** Action events of the players' own decisions whose fan-out completed (or timed out). */
    final LongAdder actionsCompleted = new LongAdder();
    /** Action events made by the server's clock ({@code auto}). */
    final LongAdder autoActions = new LongAdder();
    /** Player action events with no {@code act} seen for them. */
    final LongAdder unmatchedActions = new LongAdder();
    final LongAdder undelivered = new LongAdder();
    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder closes = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong connIds = new AtomicLong();
    private final Map<String, LongAdder> serverErrors = new ConcurrentHashMap<>();
    private final Map<String, TableTrack> tables = new ConcurrentHashMap<>();
    private final List<Outage> outages = new ArrayList<>();
    private volatile long mark = Long.MAX_VALUE;

    // ------------------------------------------------------------------ model

    /** One WebSocket connection of one player. */
    static final class Conn {
        final long id;
        final PlayerTap player;
        final URI uri;
        final Map<String, Turn> turns = new ConcurrentHashMap<>();
        final Map<String, Integer> seats = new ConcurrentHashMap<>();
        final Set<String> watching = ConcurrentHashMap.newKeySet();
        volatile boolean closed;
        volatile long openedAt = Long.MAX_VALUE;

        Conn(long id, PlayerTap player, URI uri) {
            this.id = id;
            this.player = player;
            this.uri = uri;
        }

        @Override
        public String toString() {
            return "conn" + id;
        }
    }

    /** The decision a {@code your_turn} asked for, and when the player meant to answer it. */
    record Turn(long hand, int seat, long intendedNanos) {}

    /** An {@code act} on its way: when it was meant to go and when it went. */
    record PendingAct(long hand, long intendedNanos, long sentNanos) {}

    /** One {@code action} event travelling to the table's watchers. */
    static final class Fanout {
        final long seq;
        final PendingAct act;
        final boolean auto;
        final long created;
        final Set<Conn> waiting;
        long last;

        Fanout(long seq, PendingAct act, boolean auto, long created, Set<Conn> waiting) {
            this.seq = seq;
            this.act = act;
            this.auto = auto;
            this.created = created;
            this.waiting = waiting;
            this.last = created;
        }
    }

    /** What the tap knows of one table. */
    static final class TableTrack {
        final String id;
        final Map<Conn, Long> watchers = new HashMap<>();
        final Map<Integer, PendingAct> pending = new HashMap<>();
        final Map<Long, Fanout> inflight = new HashMap<>();
        final Set<String> nodes = new HashSet<>();
        long highestActionSeq = -1;
        long actions;
        long actionsBeforeMark;
        long lastActionBeforeMark = -1;
        long firstActionAfterMark = -1;
        long firstActionOnNewConnection = -1;
        boolean interrupted;

        TableTrack(String id) {
            this.id = id;
        }
    }

    /** One player (all of its connections over time), for outages and the choice of node. */
    static final class PlayerTap {
        final int index;
        final List<URI> urls;
        private int failures;
        Conn current;
        String account;
        Outage outage;

        PlayerTap(int index, List<URI> urls) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("no URL");
            }
            this.index = index;
            this.urls = List.copyOf(urls);
        }

        /** The node to connect to: the player's own one, moving on by one after every failed attempt. */
        synchronized URI pick() {
            return urls.get(Math.floorMod(index + failures, urls.size()));
        }

        synchronized void failed() {
            failures++;
        }
    }

    /** A player's connection loss after the mark, and how long getting back took. -1: not (yet) done. */
    static final class Outage {
        final int player;
        final long start;
        long reconnected = -1;
        long resumed = -1;

        Outage(int player, long start) {
            this.player = player;
            this.start = start;
        }
    }

    // ------------------------------------------------------------------ connections

    /** A new connection (attempt) of {@code player} to {@code uri}. */
    Conn newConn(PlayerTap player, URI uri) {
        connectAttempts.increment();
        return new Conn(connIds.incrementAndGet(), player, uri);
    }

    void opened(Conn c, long now) {
        c.openedAt = now;
        open.incrementAndGet();
        if (c.player != null) {
            synchronized (c.player) {
                c.player.current = c;
            }
        }
    }

    void connectFailed(Conn c, long now) {
        connectFailures.increment();
        if (c.player != null) {
            c.player.failed();
        }
    }

    void closed(Conn c, long now) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        open.decrementAndGet();
        closes.increment();
        for (String t : c.watching) {
            TableTrack tt = tables.get(t);
            if (tt != null) {
                synchronized (tt) {
                    tt.watchers.remove(c);
                    if (now >= mark) {
                        tt.interrupted = true;
                    }
                    for (Iterator<Fanout> it = tt.inflight.values().iterator(); it.hasNext();) {
                        Fanout f = it.next();
                        if (f.waiting.remove(c) && f.waiting.isEmpty()) {
                            it.remove();
                            complete(f, true);
                        }
                    }
                }
            }
        }
        c.watching.clear();
        PlayerTap p = c.player;
        if (p != null && now >= mark) {
            synchronized (p) {
                if (p.current == c && p.outage == null) {
                    p.outage = new Outage(p.index, now);
                }
            }
        }
    }

    // ------------------------------------------------------------------ frames

    /** A frame the player sent on {@code c}. */
    void sent(Conn c, String frame, long now) {
        framesSent.increment();
        FrameFields f = FrameFields.scan(frame);
        String type = f.type();
        if (type == null) {
            return;
        }
        if (type.equals("act")) {
            actsSent.increment();
            String table = f.table();
            long hand = f.hand(-1);
            if (table == null) {
                return;
            }
            Turn turn = c.turns.get(table);
            Integer seat = turn != null ? Integer.valueOf(turn.seat()) : c.seats.get(table);
            if (seat == null) {
                return;
            }
            long intended = turn != null && turn.hand() == hand ? Math.min(turn.intendedNanos(), now) : now;
            TableTrack tt = table(table);
            synchronized (tt) {
                PendingAct p = tt.pending.get(seat);
                if (p == null || p.hand() != hand) { // a retry or a fallback keeps the first times
                    tt.pending.put(seat, new PendingAct(hand, intended, now));
                }
            }
        } else if (type.equals("unwatch")) {
            String table = f.table();
            if (table != null) {
                unwatch(c, table);
            }
        }
    }

    /**
     * A frame received on {@code c} at {@code now}; {@code thinkNanos} is how long the player will think
     * before answering it (it matters for {@code your_turn} only).
     */
    void received(Conn c, String frame, long now, long thinkNanos) {
        received(c, FrameFields.scan(frame), now, thinkNanos);
    }

    /** {@link #received(Conn, String, long, long)} of a frame already scanned. */
    void received(Conn c, FrameFields f, long now, long thinkNanos) {
        framesReceived.increment();
        String type = f.type();
        if (type == null) {
            return;
        }
        switch (type) {
            case "event" -> onEvent(c, f, now);
            case "your_turn" -> {
                String table = f.table();
                long hand = f.hand(-1);
                int seat = (int) f.seat(-1);
                if (table != null && seat >= 0) {
                    c.seats.put(table, seat);
                    long intended = now + Math.max(0, thinkNanos);
                    // asked again for the same decision (a time bank, a rejoin): the first prompt counts
                    c.turns.merge(table, new Turn(hand, seat, intended),
                            (old, fresh) -> old.hand() == hand && old.seat() == seat ? old : fresh);
                }
            }
            case "snapshot" -> {
                String table = f.table();
                if (table != null) {
                    watch(c, table, f.seq(0));
                    tableMessage(c, now);
                }
            }
            case "ack" -> {
                String table = f.table();
                long seq = f.seq(0);
                if (table != null && seq > 0 && !c.watching.contains(table)) {
                    watch(c, table, seq); // a resuming join that missed nothing, or a sit (which watches)
                }
            }
            case "welcome" -> {
                PlayerTap p = c.player;
                if (p != null) {
                    synchronized (p) {
                        p.account = f.account();
                        if (p.outage != null && p.outage.reconnected < 0 && p.current == c) {
                            p.outage.reconnected = now;
                        }
                    }
                }
            }
            case "error" -> {
                String code = f.code();
                serverErrors.computeIfAbsent(code == null ? "UNKNOWN" : code, k -> new LongAdder()).increment();
            }
            default -> {
                // tables, pong, balance, reconnect: nothing to measure
            }
        }
    }

    private void onEvent(Conn c, FrameFields frame, long now) {
        String table = frame.table();
        long seq = frame.seq(-1);
        if (table == null || seq < 0) {
            return;
        }
        if (!c.watching.contains(table)) {
            watch(c, table, seq - 1); // a catch-up replay after a resuming join
        }
        tableMessage(c, now);
        if (!"action".equals(frame.kind())) {
            return;
        }
        int seat = (int) frame.seat(-1);
        boolean auto = frame.auto(false);
        long hand = frame.hand(-1);
        Integer mine = c.seats.get(table);
        if (mine != null && mine == seat) {
            c.turns.remove(table); // the decision is made (by the player or the clock)
        }
        TableTrack tt = table(table);
        synchronized (tt) {
            Fanout f = tt.inflight.get(seq);
            if (f == null) {
                if (seq <= tt.highestActionSeq) {
                    return; // already complete: a late copy
                }
                tt.highestActionSeq = seq;
                tt.actions++;
                tt.nodes.add(String.valueOf(c.uri));
                if (now < mark) {
                    tt.actionsBeforeMark++;
                    tt.lastActionBeforeMark = now;
                } else {
                    if (tt.firstActionAfterMark < 0) {
                        tt.firstActionAfterMark = now;
                    }
                    if (tt.firstActionOnNewConnection < 0 && c.openedAt >= mark) {
                        tt.firstActionOnNewConnection = now;
                    }
                }
                PendingAct act = tt.pending.remove(seat);
                if (act != null && act.hand() != hand) {
                    act = null;
                }
                Set<Conn> waiting = new HashSet<>();
                for (Map.Entry<Conn, Long> w : tt.watchers.entrySet()) {
                    if (w.getValue() < seq && !w.getKey().closed) {
                        waiting.add(w.getKey());
                    }
                }
                f = new Fanout(seq, act, auto, now, waiting);
                tt.inflight.put(seq, f);
            }
            f.last = Math.max(f.last, now);
            f.waiting.remove(c);
            if (f.waiting.isEmpty()) {
                tt.inflight.remove(seq);
                complete(f, true);
            }
        }
    }

    private void complete(Fanout f, boolean delivered) {
        if (!delivered) {
            undelivered.increment();
        }
        if (f.auto) {
            autoActions.increment();
            return;
        }
        if (f.act == null) {
            unmatchedActions.increment();
            return;
        }
        actionsCompleted.increment();
        corrected.recordNanos(f.last - f.act.intendedNanos());
        raw.recordNanos(f.last - f.act.sentNanos());
    }

    private void tableMessage(Conn c, long now) {
        PlayerTap p = c.player;
        if (p == null) {
            return;
        }
        synchronized (p) {
            Outage o = p.outage;
            if (o != null && p.current == c && o.reconnected >= 0 && o.resumed < 0) {
                o.resumed = now;
                p.outage = null;
                synchronized (outages) {
                    outages.add(o);
                }
            }
        }
    }

    private void watch(Conn c, String table, long fromSeq) {
        if (c.closed) {
            return;
        }
        TableTrack tt = table(table);
        synchronized (tt) {
            tt.watchers.put(c, fromSeq);
            tt.nodes.add(String.valueOf(c.uri));
        }
        c.watching.add(table);
    }

    private void unwatch(Conn c, String table) {
        c.watching.remove(table);
        TableTrack tt = tables.get(table);
        if (tt == null) {
            return;
        }
        synchronized (tt) {
            tt.watchers.remove(c);
            for (Iterator<Fanout> it = tt.inflight.values().iterator(); it.hasNext();) {
                Fanout f = it.next();
                if (f.waiting.remove(c) && f.waiting.isEmpty()) {
                    it.remove();
                    complete(f, true);
                }
            }
        }
    }

    private TableTrack table(String id) {
        return tables.computeIfAbsent(id, TableTrack::new);
    }

    /** Ends fan-outs older than {@link #FANOUT_TIMEOUT_NANOS} (undelivered) and forgets stale acts. */
    void sweep(long now) {
        for (TableTrack tt : tables.values()) {
            synchronized (tt) {
                for (Iterator<Fanout> it = tt.inflight.values().iterator(); it.hasNext();) {
                    Fanout f = it.next();
                    if (now - f.created > FANOUT_TIMEOUT_NANOS) {
                        it.remove();
                        f.last = now;
                        complete(f, false);
                    }
                }
                tt.pending.values().removeIf(p -> now - p.sentNanos() > PENDING_TIMEOUT_NANOS);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** Starts the failover bookkeeping: actions and outages are split at {@code now}. */
    void mark(long now) {
        mark = now;
    }

    int connectionsOpen() {
        return open.get();
    }

    /** Tables watched by at least one open connection. */
    int tablesActive() {
        int n = 0;
        for (TableTrack tt : tables.values()) {
            synchronized (tt) {
                if (!tt.watchers.isEmpty()) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Error answers from the server by code. */
    Map<String, Long> serverErrors() {
        Map<String, Long> out = new TreeMap<>();
        serverErrors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long serverErrorCount() {
        long n = 0;
        for (LongAdder a : serverErrors.values()) {
            n += a.sum();
        }
        return n;
    }

    /**
     * A table's failover figures. {@code firstAfterNanos} is its first action after the mark, or -1; for an
     * interrupted table (a watcher lost its connection after the mark) only an action received on a
     * connection made after the mark counts, so that an event already on its way when the node died does not
     * pass for the table playing again.
     */
    record TableFailover(String table, String nodes, long actionsBefore, long lastBeforeNanos, long firstAfterNanos,
            boolean interrupted) {}

    /** Every table that saw an action before the mark. */
    List<TableFailover> tableFailovers() {
        List<TableFailover> out = new ArrayList<>();
        for (TableTrack tt : tables.values()) {
            synchronized (tt) {
                if (tt.actionsBeforeMark > 0) {
                    out.add(new TableFailover(tt.id, String.join(" ", new java.util.TreeSet<>(tt.nodes)),
                            tt.actionsBeforeMark, tt.lastActionBeforeMark,
                            tt.interrupted ? tt.firstActionOnNewConnection : tt.firstActionAfterMark, tt.interrupted));
                }
            }
        }
        out.sort((a, b) -> a.table().compareTo(b.table()));
        return out;
    }

    /** Outages after the mark: finished ones, then those still open (their resumed time is -1). */
    List<Outage> outages(List<PlayerTap> players) {
        List<Outage> out;
        synchronized (outages) {
            out = new ArrayList<>(outages);
        }
        for (PlayerTap p : players) {
            synchronized (p) {
                if (p.outage != null) {
                    Outage o = new Outage(p.outage.player, p.outage.start);
                    o.reconnected = p.outage.reconnected;
                    out.add(o);
                }
            }
        }
        return out;
    }
}
