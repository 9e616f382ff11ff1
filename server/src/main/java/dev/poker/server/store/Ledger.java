package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.ACCOUNTS;
import static dev.poker.server.store.schema.Tables.LEDGER_ENTRIES;

import dev.poker.server.store.schema.tables.records.LedgerEntriesRecord;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;

/**
 * The double-entry chip ledger: every movement is a transaction whose entries sum to zero over the
 * accounts {@code issuer}, {@code player:<id>}, {@code table:<id>} and {@code rake}. Posting to a
 * player's ledger account also moves their balance, in the same database transaction.
 *
 * <p>Concurrency: stateless; runs inside the caller's transaction.
 */
public final class Ledger {
    public static final String ISSUER = "issuer";
    public static final String RAKE = "rake";
    private static final String PLAYER = "player:";

    private Ledger() {}

    public static String player(String accountId) {
        return PLAYER + accountId;
    }

    public static String table(String tableId) {
        return "table:" + tableId;
    }

    /** The account id of a {@code player:<id>} ledger account, or null for any other ledger account. */
    static String accountOf(String ledgerAccount) {
        return ledgerAccount.startsWith(PLAYER) ? ledgerAccount.substring(PLAYER.length()) : null;
    }

    /** Posts one balanced transaction and moves the balances of the players in it. */
    static void post(DSLContext tx, String txId, String kind, String tableId, String ref, Map<String, Long> entries) {
        record(tx, txId, kind, tableId, ref, entries);
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            String account = accountOf(e.getKey());
            if (account != null) {
                tx.update(ACCOUNTS).set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(e.getValue()))
                        .where(ACCOUNTS.ACCOUNT_ID.eq(account)).execute();
            }
        }
    }

    /**
     * Writes one balanced transaction's entries (one statement) without touching balances: for a
     * caller that moved the balance itself, under its own condition.
     */
    static void record(DSLContext tx, String txId, String kind, String tableId, String ref, Map<String, Long> entries) {
        long sum = 0;
        for (long amount : entries.values()) {
            sum += amount;
        }
        if (sum != 0) {
            throw new IllegalArgumentException("ledger transaction " + txId + " does not balance: " + entries);
        }
        InsertValuesStep6<LedgerEntriesRecord, String, String, Long, String, String, String> insert = tx.insertInto(
                LEDGER_ENTRIES, LEDGER_ENTRIES.TX_ID, LEDGER_ENTRIES.ACCOUNT, LEDGER_ENTRIES.AMOUNT, LEDGER_ENTRIES.KIND,
                LEDGER_ENTRIES.TABLE_ID, LEDGER_ENTRIES.REF);
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            insert = insert.values(txId, e.getKey(), e.getValue(), kind, tableId, ref);
        }
        insert.execute();
    }
}
