package dev.poker.server.store;

import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.AuditCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;

/**
 * Verifies the chip ledger against balances and tables:
 * <ol>
 * <li>every ledger transaction sums to zero;</li>
 * <li>every player's balance equals the sum of their ledger entries;</li>
 * <li>every table's ledger account equals the chips its events put on it (stacks, pending top-ups
 *     and pots, found by replaying the table's log), apart from buy-ins reserved but not yet seated;</li>
 * <li>the rake account equals the rake the tables' events took;</li>
 * <li>balances + chips on tables + rake = chips issued.</li>
 * </ol>
 *
 * <p>Concurrency: read-only; run it against a quiet database for exact figures (tables in play move
 * chips between the queries).
 */
public final class LedgerCheck {
    private final Database db;
    private final AuditCodec codec = new AuditCodec();

    /** The outcome: the totals and every discrepancy found. */
    public record Report(long issued, long balances, long onTables, long rake, long reservedUnseated,
            List<String> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    public LedgerCheck(Database db) {
        this.db = db;
    }

    public Report run() {
        List<String> problems = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT tx_id, SUM(amount) FROM ledger_entries GROUP BY tx_id HAVING SUM(amount) <> 0")) {
            problems.add("ledger transaction " + r.get(0, String.class) + " does not balance: sums to " + r.get(1, Long.class));
        }
        Map<String, Long> ledger = new HashMap<>();
        for (Record r : db.dsl().fetch("SELECT account, SUM(amount) FROM ledger_entries GROUP BY account")) {
            ledger.put(r.get(0, String.class), r.get(1, Long.class));
        }
        long balances = 0;
        for (Record r : db.dsl().fetch("SELECT account_id, balance FROM accounts ORDER BY account_id")) {
            String id = r.get(0, String.class);
            long balance = r.get(1, Long.class);
            balances += balance;
            long expected = ledger.getOrDefault(Ledger.player(id), 0L);
            if (balance != expected) {
                problems.add("account " + id + ": balance " + balance + " but the ledger says " + expected);
            }
        }
        long onTables = 0;
        long rakeFromEvents = 0;
        long unseated = 0;
        for (Record t : db.dsl().fetch("SELECT table_id, config FROM poker_tables ORDER BY table_id")) {
            String tableId = t.get(0, String.class);
            TableState state = new TableState(codec.config(t.get(1, String.class)));
            for (Record e : db.dsl().fetch("SELECT kind, payload FROM table_events WHERE table_id = ? ORDER BY seq", tableId)) {
                TableEvent ev = codec.event(e.get(0, String.class), e.get(1, String.class));
                state.apply(ev);
                if (ev instanceof TableEvent.PotAwarded p) {
                    rakeFromEvents += p.rake();
                }
            }
            long chips = state.chipsOnTable();
            onTables += chips;
            long reserved = unsettled(tableId);
            unseated += reserved;
            long inLedger = ledger.getOrDefault(Ledger.table(tableId), 0L);
            if (inLedger != chips + reserved) {
                problems.add("table " + tableId + ": the ledger holds " + inLedger + " chips but its events put "
                        + chips + " on it" + (reserved > 0 ? " (plus " + reserved + " reserved, not yet seated)" : ""));
            }
            if (state.chipsOnTable() + state.rakeCollected() != state.chipsAccountedFor()) {
                problems.add("table " + tableId + ": its own events do not conserve chips");
            }
        }
        long rake = ledger.getOrDefault(Ledger.RAKE, 0L);
        if (rake != rakeFromEvents) {
            problems.add("rake account holds " + rake + " but the tables took " + rakeFromEvents);
        }
        long issued = -ledger.getOrDefault(Ledger.ISSUER, 0L);
        if (balances + onTables + unseated + rake != issued) {
            problems.add("balances " + balances + " + on tables " + onTables + " + reserved " + unseated + " + rake "
                    + rake + " = " + (balances + onTables + unseated + rake) + ", but " + issued + " were issued");
        }
        return new Report(issued, balances, onTables, rake, unseated, problems);
    }

    private long unsettled(String tableId) {
        long sum = 0;
        for (TableCatalog.Unsettled u : new JdbcTableCatalog(db).unsettled(tableId)) {
            sum += u.amount();
        }
        return sum;
    }
}
