package dev.poker.load.bot;

import dev.poker.protocol.TableSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Spreads the bots of one fleet over tables without stampedes: it remembers the seats it handed out
 * ({@code claimed}) next to the lobby's player counts, so bots that read the same stale lobby do not all
 * pick the same last seat, fills the fullest table first (so hands start), and lets only one table
 * creation run at a time (bots that need a table while one is being created wait for it and take its
 * seats).
 *
 * <p>Concurrency: thread-safe.
 */
public final class TableAllocator {
    private static final long BLOCK_NANOS = 2_000_000_000L;

    private static final class Entry {
        final int seats;
        int lobbyPlayers;
        int claimed;
        boolean blocked;
        long blockedUntil;

        Entry(int seats) {
            this.seats = seats;
        }

        int occupancy() {
            return Math.max(lobbyPlayers, claimed);
        }
    }

    private final Map<String, Entry> tables = new LinkedHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final String nameTag;
    private CompletableFuture<String> creating;

    public TableAllocator() {
        this(Long.toString(System.currentTimeMillis() % 100_000, 36));
    }

    /** {@code nameTag} goes into the names of created tables (to tell fleets apart). */
    public TableAllocator(String nameTag) {
        this.nameTag = nameTag;
    }

    /** A fresh table name: {@code prefix-tag-N} (at most 64 characters). */
    public String nextName(String prefix) {
        String n = prefix + "-" + nameTag + "-" + names.incrementAndGet();
        return n.length() <= 64 ? n : n.substring(n.length() - 64);
    }

    /**
     * Claims a seat at the fullest table that still has room, by the lobby and by earlier claims; null
     * when there is none.
     */
    public synchronized String claim(List<TableSummary> lobby, Predicate<TableSummary> acceptable) {
        long now = System.nanoTime();
        for (TableSummary t : lobby) {
            if (acceptable.test(t)) {
                Entry e = tables.computeIfAbsent(t.id(), k -> new Entry(t.seats()));
                e.lobbyPlayers = t.players();
            }
        }
        String best = null;
        Entry bestEntry = null;
        for (Map.Entry<String, Entry> me : tables.entrySet()) {
            Entry e = me.getValue();
            if (e.occupancy() >= e.seats || (e.blocked && e.blockedUntil - now > 0)) {
                continue;
            }
            if (bestEntry == null || e.occupancy() > bestEntry.occupancy()) {
                best = me.getKey();
                bestEntry = e;
            }
        }
        if (bestEntry != null) {
            bestEntry.claimed++;
        }
        return best;
    }

    /** Gives a claimed seat back (the bot left, or did not get a seat there). */
    public synchronized void release(String table) {
        Entry e = tables.get(table);
        if (e != null && e.claimed > 0) {
            e.claimed--;
        }
    }

    /** The table turned out full: skip it for a while. */
    public synchronized void markFull(String table) {
        Entry e = tables.get(table);
        if (e != null) {
            e.blocked = true;
            e.blockedUntil = System.nanoTime() + BLOCK_NANOS;
        }
    }

    /**
     * Creates a table with {@code create} unless a creation is already running, then claims a seat at
     * the new table. Completes with the table id, or null when the new table's seats were all claimed by
     * other waiting bots.
     */
    public CompletableFuture<String> createAndClaim(Supplier<CompletableFuture<String>> create, int seats) {
        CompletableFuture<String> f;
        synchronized (this) {
            f = creating;
            if (f == null) {
                CompletableFuture<String> made = create.get().thenApply(id -> {
                    synchronized (TableAllocator.this) {
                        tables.putIfAbsent(id, new Entry(seats));
                    }
                    return id;
                });
                creating = made;
                f = made;
                made.whenComplete((id, e) -> {
                    synchronized (TableAllocator.this) {
                        if (creating == made) {
                            creating = null;
                        }
                    }
                });
            }
        }
        return f.thenApply(id -> claimAt(id) ? id : null);
    }

    private synchronized boolean claimAt(String id) {
        Entry e = tables.get(id);
        if (e == null || e.occupancy() >= e.seats) {
            return false;
        }
        e.claimed++;
        return true;
    }

    /** Seats handed out and not given back, over all tables. */
    public synchronized int claimed() {
        int n = 0;
        for (Entry e : tables.values()) {
            n += e.claimed;
        }
        return n;
    }
}
