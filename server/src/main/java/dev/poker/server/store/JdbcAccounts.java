package dev.poker.server.store;

import dev.poker.server.account.Account;
import dev.poker.server.account.AccountIds;
import dev.poker.server.account.Accounts;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Accounts in the database. Every balance change is a ledger transaction in the same database
 * transaction: issuing a guest's starting chips, reserving a buy-in (only if the balance covers it,
 * checked by the {@code UPDATE} itself), releasing an unused reservation.
 *
 * <p>Concurrency: thread-safe; reservations run on the given executor, never on the caller's thread.
 */
public final class JdbcAccounts implements Accounts {
    private final Database db;
    private final long startingBalance;
    private final Executor executor;
    private final SecureRandom random = new SecureRandom();

    public JdbcAccounts(Database db, long startingBalance, Executor executor) {
        this.db = db;
        this.startingBalance = startingBalance;
        this.executor = executor;
    }

    @Override
    public Account createGuest(String name) {
        String id = AccountIds.next(random);
        db.dsl().transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.execute("INSERT INTO accounts (account_id, name, balance) VALUES (?, ?, 0)", id, name);
            Ledger.post(tx, "issue:" + id, "issue", null, null,
                    Map.of(Ledger.ISSUER, -startingBalance, Ledger.player(id), startingBalance));
        });
        return new Account(id, name, startingBalance);
    }

    @Override
    public Optional<Account> find(String accountId) {
        Record r = db.dsl().fetchOne("SELECT name, balance FROM accounts WHERE account_id = ?", accountId);
        return r == null ? Optional.empty() : Optional.of(new Account(accountId, r.get(0, String.class),
                r.get(1, Long.class)));
    }

    @Override
    public CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref) {
        return CompletableFuture.supplyAsync(() -> db.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int changed = tx.execute("UPDATE accounts SET balance = balance - ? WHERE account_id = ? AND balance >= ?",
                    amount, accountId, amount);
            if (changed == 0) {
                return false;
            }
            // the balance moved already: record the ledger entries only
            postWithoutBalance(tx, ref, "buy_in", tableId, ref,
                    Map.of(Ledger.player(accountId), -amount, Ledger.table(tableId), amount));
            return true;
        }), executor);
    }

    @Override
    public CompletableFuture<Void> release(String accountId, long amount, String tableId, String ref) {
        return CompletableFuture.runAsync(() -> db.dsl().transaction(cfg -> Ledger.post(DSL.using(cfg),
                ref + ":refund", "refund", tableId, ref,
                Map.of(Ledger.table(tableId), -amount, Ledger.player(accountId), amount))), executor);
    }

    private static void postWithoutBalance(DSLContext tx, String txId, String kind, String tableId, String ref,
            Map<String, Long> entries) {
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            tx.execute("INSERT INTO ledger_entries (tx_id, account, amount, kind, table_id, ref) VALUES (?, ?, ?, ?, ?, ?)",
                    txId, e.getKey(), e.getValue(), kind, tableId, ref);
        }
    }

    @Override
    public long chipsIssued() {
        Long v = db.dsl().fetchOne("SELECT COALESCE(-SUM(amount), 0) FROM ledger_entries WHERE account = ?",
                Ledger.ISSUER).get(0, Long.class);
        return v == null ? 0 : v;
    }

    @Override
    public long totalBalances() {
        Long v = db.dsl().fetchOne("SELECT COALESCE(SUM(balance), 0) FROM accounts").get(0, Long.class);
        return v == null ? 0 : v;
    }
}
