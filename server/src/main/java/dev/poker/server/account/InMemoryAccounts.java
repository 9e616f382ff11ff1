package dev.poker.server.account;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts held in memory: for tests and for a node without a database.
 *
 * <p>Concurrency: thread-safe; each balance is an atomic counter, debits never go below zero.
 */
public final class InMemoryAccounts implements Accounts {
    private final ConcurrentHashMap<String, Entry> accounts = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private final long startingBalance;
    private final SecureRandom random = new SecureRandom();

    private record Entry(String name, AtomicLong balance) {}

    public InMemoryAccounts(long startingBalance) {
        this.startingBalance = startingBalance;
    }

    @Override
    public Account createGuest(String name) {
        String id = AccountIds.next(random);
        accounts.put(id, new Entry(name, new AtomicLong(startingBalance)));
        issued.addAndGet(startingBalance);
        return new Account(id, name, startingBalance);
    }

    @Override
    public Optional<Account> find(String accountId) {
        Entry e = accounts.get(accountId);
        return e == null ? Optional.empty() : Optional.of(new Account(accountId, e.name(), e.balance().get()));
    }

    @Override
    public CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref) {
        return CompletableFuture.completedFuture(tryDebit(accountId, amount));
    }

    @Override
    public CompletableFuture<Void> release(String accountId, long amount, String tableId, String ref) {
        credit(accountId, amount);
        return CompletableFuture.completedFuture(null);
    }

    boolean tryDebit(String accountId, long amount) {
        Entry e = accounts.get(accountId);
        if (e == null || amount < 0) {
            return false;
        }
        while (true) {
            long b = e.balance().get();
            if (b < amount) {
                return false;
            }
            if (e.balance().compareAndSet(b, b - amount)) {
                return true;
            }
        }
    }

    /** Adds chips to a balance (a cash-out, posted by the in-memory event store). */
    public void credit(String accountId, long amount) {
        Entry e = accounts.get(accountId);
        if (e == null) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        e.balance().addAndGet(amount);
    }

    @Override
    public long chipsIssued() {
        return issued.get();
    }

    @Override
    public long totalBalances() {
        return accounts.values().stream().mapToLong(e -> e.balance().get()).sum();
    }
}
