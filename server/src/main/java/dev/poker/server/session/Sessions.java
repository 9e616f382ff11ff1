package dev.poker.server.session;

import dev.poker.protocol.ServerMessage;
import dev.poker.server.table.Origin;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections of this node, by account.
 *
 * <p>Concurrency: thread-safe.
 */
public final class Sessions {
    private final String nodeId;
    private final ConcurrentHashMap<String, Set<ClientSession>> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, ClientSession> all = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong numbers = new AtomicLong();

    public Sessions(String nodeId) {
        this.nodeId = nodeId;
    }

    /** The origin of a new connection of this node: its number is never reused. */
    Origin nextOrigin() {
        return new Origin(nodeId, numbers.incrementAndGet());
    }

    /** Counts a new connection; returns how many are open now, this one included. */
    int opened(ClientSession s) {
        return all.putIfAbsent(s.origin().connection(), s) == null ? count.incrementAndGet() : count.get();
    }



    void authenticated(ClientSession s, String accountId) {
        byAccount.computeIfAbsent(accountId, a -> ConcurrentHashMap.newKeySet()).add(s);
    }

    void closed(ClientSession s) {
        if (all.remove(s.origin().connection(), s)) {
            count.decrementAndGet();
        }
        String account = s.accountId();
        if (account != null) {
            byAccount.computeIfPresent(account, (a, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Every connection of {@code accountId} on this node gets {@code message}. */
    public void sendTo(String accountId, ServerMessage message) {
        Set<ClientSession> set = byAccount.get(accountId);
        if (set != null) {
            for (ClientSession s : set) {
                s.reply(message);
            }
        }
    }

    /** Whether {@code accountId} has a connection on this node. */
    public boolean connected(String accountId) {
        return byAccount.containsKey(accountId);
    }

    public int count() {
        return count.get();
    }

    /** Every open connection (for shutdown). */
    public java.util.Collection<ClientSession> all() {
        return all.values();
    }
}
