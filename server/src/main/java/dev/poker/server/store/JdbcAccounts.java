package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.ACCOUNTS;
import static dev.poker.server.store.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;

import dev.poker.server.account.Account;
import dev.poker.server.account.AccountIds;
import dev.poker.server.account.Accounts;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.Record2;
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
            tx.insertInto(ACCOUNTS, ACCOUNTS.ACCOUNT_ID, ACCOUNTS.NAME, ACCOUNTS.BALANCE).values(id, name, 0L).execute();
            Ledger.post(tx, "issue:" + id, "issue", null, null,
                    Map.of(Ledger.ISSUER, -startingBalance, Ledger.player(id), startingBalance));
        });
        return new Account(id, name, startingBalance);
    }

    @Override
    public Optional<Account> find(String accountId) {
        Record2<String, Long> r = db.dsl().select(ACCOUNTS.NAME, ACCOUNTS.BALANCE).from(ACCOUNTS)
                .where(ACCOUNTS.ACCOUNT_ID.eq(accountId)).fetchOne();
        return r == null ? Optional.empty() : Optional.of(new Account(accountId, r.value1(), r.value2()));
    }

    @Override
    public CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref) {
        return CompletableFuture.supplyAsync(() -> db.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            int changed = tx.update(ACCOUNTS).set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(amount))
                    .where(ACCOUNTS.ACCOUNT_ID.eq(accountId), ACCOUNTS.BALANCE.ge(amount)).execute();
            if (changed == 0) {
                return false;
            }
            // the balance moved already: record the ledger entries only
            Ledger.record(tx, ref, "buy_in", tableId, ref,
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

    @Override
    public long chipsIssued() {
        return -db.dsl().select(coalesce(sum(LEDGER_ENTRIES.AMOUNT), BigDecimal.ZERO)).from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT.eq(Ledger.ISSUER)).fetchSingle().value1().longValueExact();
    }

    @Override
    public long totalBalances() {
        return db.dsl().select(coalesce(sum(ACCOUNTS.BALANCE), BigDecimal.ZERO)).from(ACCOUNTS).fetchSingle()
                .value1().longValueExact();
    }
}
