package dev.poker.server.store;

import java.util.Map;
import org.jooq.DSLContext;

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

    private Ledger() {}

    public static String player(String accountId) {
        return "player:" + accountId;
    }

    public static String table(String tableId) {
        return "table:" + tableId;
    }

    /** Posts one balanced transaction. */
    static void post(DSLContext tx, String txId, String kind, String tableId, String ref, Map<String, Long> entries) {
        long sum = 0;
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            sum += e.getValue();
            tx.execute("INSERT INTO ledger_entries (tx_id, account, amount, kind, table_id, ref) VALUES (?, ?, ?, ?, ?, ?)",
                    txId, e.getKey(), e.getValue(), kind, tableId, ref);
            if (e.getKey().startsWith("player:")) {
                tx.execute("UPDATE accounts SET balance = balance + ? WHERE account_id = ?", e.getValue(),
                        e.getKey().substring("player:".length()));
            }
        }
        if (sum != 0) {
            throw new IllegalArgumentException("ledger transaction " + txId + " does not balance: " + entries);
        }
    }
}
