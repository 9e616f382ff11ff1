package dev.poker.load.bot;

import dev.poker.protocol.TableSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Spreads the bots of one fleet over tables without stampedes: it remembers the seats it handed out
 * ({@code claimed}) next to the lobby's player counts, so bots that read the same stale lobby do not all
 * pick the same last seat, fills the fullest table first (so hands start), and makes bots that need a
 * new table share the creations in flight (one creation per {@code seats} bots).
 *
 * <p>Concurrency: thread-safe.
 */
public final class TableAllocator {
    private static final long BLOCK_NANOS = 2_000_000_000L;
    private static final long GRACE_NANOS = 10_000_000_000L;

    private static final class Entry {
        final int seats;
        int lobbyPlayers;
        int claimed;
        boolean blocked;
        long blockedUntil;
        int hints;
        long lastSeen = System.nanoTime();

        Entry(int seats) {
            this.seats = seats;
        }

        int occupancy() {
            return Math.max(lobbyPlayers, claimed);
        }
    }

    private final Map<String, Entry> tables = new LinkedHashMap<>();
    private final Map<String, Long> gone = new HashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final String nameTag;
    private final List<Creation> creations = new ArrayList<>();

    /** A table being created, and the bots that count on a seat there. */
    private static final class Creation {
        final int seats;
        final List<CompletableFuture<String>> waiters = new ArrayList<>();

        Creation(int seats) {
            this.seats = seats;
        }
    }

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
        Set<String> present = new HashSet<>();
        gone.values().removeIf(since -> now - since > GRACE_NANOS);
        for (TableSummary t : lobby) {
            present.add(t.id());
            if (acceptable.test(t) && !gone.containsKey(t.id())) {
                Entry e = tables.computeIfAbsent(t.id(), k -> new Entry(t.seats()));
                e.lobbyPlayers = t.players();
                e.lastSeen = now;
            }
        }
        // a table no lobby has listed for a while (nor was it created here lately) is gone; lobbies fetched
        // on different connections may arrive out of order, so one missing listing proves nothing
        tables.entrySet().removeIf(me -> !present.contains(me.getKey()) && now - me.getValue().lastSeen > GRACE_NANOS);
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

    /**
     * A seat to try first at {@code table}: 0, 1, 2, ... in turn (modulo the seat count), so that bots
     * joining the same table at once do not all pick the same free seat. -1 for an unknown table.
     */
    public synchronized int seatHint(String table) {
        Entry e = tables.get(table);
        return e == null ? -1 : e.hints++ % e.seats;
    }

    /** Gives a claimed seat back (the bot left, or did not get a seat there). */
    public synchronized void release(String table) {
        Entry e = tables.get(table);
        if (e != null && e.claimed > 0) {
            e.claimed--;
        }
    }

    /** The table refused a join (it is gone): forget it, and ignore stale lobbies that still list it. */
    public synchronized void forget(String table) {
        tables.remove(table);
        gone.put(table, System.nanoTime());
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
     * Claims a seat at a table being created: joins a creation in flight that still has room for another
     * player, or starts a new one with {@code create} (so a burst of N bots makes N/seats tables in
     * parallel, each filled exactly). Completes with the new table's id, the seat claimed; with null when
     * the new table filled up meanwhile (other bots found it in the lobby before its creator heard back);
     * fails when the creation fails (for every bot that joined it).
     */
    public CompletableFuture<String> createAndClaim(Supplier<CompletableFuture<String>> create, int seats) {
        Creation c = null;
        boolean mine = false;
        CompletableFuture<String> result = new CompletableFuture<>();
        synchronized (this) {
            for (Creation x : creations) {
                if (x.seats == seats && x.waiters.size() < x.seats) {
                    c = x;
                    break;
                }
            }
            if (c == null) {
                c = new Creation(seats);
                creations.add(c);
                mine = true;
            }
            c.waiters.add(result);
        }
        if (mine) {
            Creation made = c;
            CompletableFuture<String> f;
            try {
                f = create.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((id, e) -> {
                List<CompletableFuture<String>> waiters;
                int granted = 0;
                synchronized (TableAllocator.this) {
                    creations.remove(made);
                    waiters = List.copyOf(made.waiters);
                    if (e == null && id != null) {
                        Entry entry = tables.computeIfAbsent(id, k -> new Entry(seats));
                        granted = Math.max(0, Math.min(waiters.size(), entry.seats - entry.occupancy()));
                        entry.claimed += granted;
                    }
                }
                for (int i = 0; i < waiters.size(); i++) {
                    if (e != null || id == null) {
                        waiters.get(i).completeExceptionally(e != null ? e : new IllegalStateException("no table id"));
                    } else {
                        waiters.get(i).complete(i < granted ? id : null);
                    }
                }
            });
        }
        return result;
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
