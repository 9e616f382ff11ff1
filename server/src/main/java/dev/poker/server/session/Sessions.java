package dev.poker.server.session;

import dev.poker.server.table.TableActor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of this node, by account.
 *
 * <p>Concurrency: thread-safe.
 */
public final class Sessions implements TableActor.SessionDirectory {
    private final ConcurrentHashMap<String, Set<ClientSession>> byAccount = new ConcurrentHashMap<>();
    private final Set<ClientSession> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    /** Counts a new connection; returns how many are open now, this one included. */
    int opened(ClientSession s) {
        return all.add(s) ? count.incrementAndGet() : count.get();
    }

    void authenticated(ClientSession s, String accountId) {
        byAccount.computeIfAbsent(accountId, a -> ConcurrentHashMap.newKeySet()).add(s);
    }

    void closed(ClientSession s) {
        if (all.remove(s)) {
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

    @Override
    public void sendTo(String accountId, String frame) {
        Set<ClientSession> set = byAccount.get(accountId);
        if (set != null) {
            for (ClientSession s : set) {
                s.sendAll(List.of(frame));
            }
        }
    }

    public int count() {
        return count.get();
    }

    /** Every open connection (for shutdown). */
    public Set<ClientSession> all() {
        return all;
    }
}
