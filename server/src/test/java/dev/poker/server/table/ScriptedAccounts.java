package dev.poker.server.table;

import dev.poker.server.account.Account;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.store.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Accounts whose reservations the test answers when it likes (the database is slow, or down), over
 * {@link InMemoryAccounts}. Records every reservation that moved chips and every one given back, so the
 * fuzz can tell which chips are neither on a balance nor in the table's durable log: reservations the
 * table has not yet settled. Giving back what was never reserved, or twice, goes to {@code violations}.
 *
 * <p>Concurrency: test thread only.
 */
final class ScriptedAccounts implements Accounts {

    /** A reservation waiting for the test's answer. */
    record Reservation(String account, long amount, String ref, CompletableFuture<Boolean> future) {}

    private final InMemoryAccounts bank;
    private final Consumer<String> violations;
    private final List<Reservation> pending = new ArrayList<>();
    private final Map<String, Reservation> reserved = new HashMap<>();
    private final Set<String> released = new HashSet<>();

    ScriptedAccounts(InMemoryAccounts bank, Consumer<String> violations) {
        this.bank = bank;
        this.violations = violations;
    }

    @Override
    public Account createGuest(String name) {
        return bank.createGuest(name);
    }

    @Override
    public Optional<Account> find(String accountId) {
        return bank.find(accountId);
    }

    @Override
    public CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref) {
        Reservation r = new Reservation(accountId, amount, ref, new CompletableFuture<>());
        pending.add(r);
        return r.future();
    }

    /** Answers a reservation as the database would: chips move when the balance covers them. */
    void settle(Reservation r) {
        pending.remove(r);
        boolean ok = bank.reserve(r.account(), r.amount(), "", r.ref()).join();
        if (ok) {
            reserved.put(r.ref(), r);
        }
        r.future().complete(ok);
    }

    /** Answers a reservation with an outage: nothing moves. */
    void fail(Reservation r) {
        pending.remove(r);
        r.future().completeExceptionally(new StoreUnavailableException(new IOException("scripted outage")));
    }

    List<Reservation> pending() {
        return List.copyOf(pending);
    }

    @Override
    public CompletableFuture<Void> release(String accountId, long amount, String tableId, String ref) {
        Reservation taken = reserved.get(ref);
        if (taken == null || taken.amount() != amount || !taken.account().equals(accountId) || !released.add(ref)) {
            violations.accept("gave back " + amount + " chips of reservation " + ref + " (reserved: " + taken
                    + ", given back before: " + released.contains(ref) + ")");
            return CompletableFuture.completedFuture(null);
        }
        return bank.release(accountId, amount, tableId, ref);
    }

    /** Chips reserved and not given back, by reservation ref. */
    Map<String, Long> held() {
        Map<String, Long> out = new HashMap<>();
        reserved.forEach((ref, r) -> {
            if (!released.contains(ref)) {
                out.put(ref, r.amount());
            }
        });
        return out;
    }

    /** The account a reservation took chips from. */
    String owner(String ref) {
        return reserved.get(ref).account();
    }

    @Override
    public long chipsIssued() {
        return bank.chipsIssued();
    }

    @Override
    public long totalBalances() {
        return bank.totalBalances();
    }
}
