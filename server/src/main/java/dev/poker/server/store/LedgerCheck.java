package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.ACCOUNTS;
import static dev.poker.server.store.schema.Tables.LEDGER_ENTRIES;
import static dev.poker.server.store.schema.Tables.POKER_TABLES;
import static dev.poker.server.store.schema.Tables.TABLE_EVENTS;
import static org.jooq.impl.DSL.sum;

import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.AuditCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.AggregateFunction;
import org.jooq.DSLContext;
import org.jooq.Record2;

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
        DSLContext dsl = db.dsl();
        List<String> problems = new ArrayList<>();
        AggregateFunction<BigDecimal> txSum = sum(LEDGER_ENTRIES.AMOUNT);
        for (Record2<String, BigDecimal> r : dsl.select(LEDGER_ENTRIES.TX_ID, txSum).from(LEDGER_ENTRIES)
                .groupBy(LEDGER_ENTRIES.TX_ID).having(txSum.ne(BigDecimal.ZERO)).fetch()) {
            problems.add("ledger transaction " + r.value1() + " does not balance: sums to " + r.value2().longValueExact());
        }
        Map<String, Long> ledger = new HashMap<>();
        AggregateFunction<BigDecimal> accountSum = sum(LEDGER_ENTRIES.AMOUNT);
        for (Record2<String, BigDecimal> r : dsl.select(LEDGER_ENTRIES.ACCOUNT, accountSum).from(LEDGER_ENTRIES)
                .groupBy(LEDGER_ENTRIES.ACCOUNT).fetch()) {
            ledger.put(r.value1(), r.value2().longValueExact());
        }
        long balances = 0;
        for (Record2<String, Long> r : dsl.select(ACCOUNTS.ACCOUNT_ID, ACCOUNTS.BALANCE).from(ACCOUNTS)
                .orderBy(ACCOUNTS.ACCOUNT_ID).fetch()) {
            String id = r.value1();
            long balance = r.value2();
            balances += balance;
            long expected = ledger.getOrDefault(Ledger.player(id), 0L);
            if (balance != expected) {
                problems.add("account " + id + ": balance " + balance + " but the ledger says " + expected);
            }
        }
        long onTables = 0;
        long rakeFromEvents = 0;
        long unseated = 0;
        for (Record2<String, String> t : dsl.select(POKER_TABLES.TABLE_ID, POKER_TABLES.CONFIG).from(POKER_TABLES)
                .orderBy(POKER_TABLES.TABLE_ID).fetch()) {
            String tableId = t.value1();
            TableState state = new TableState(codec.config(t.value2()));
            for (Record2<String, String> e : dsl.select(TABLE_EVENTS.KIND, TABLE_EVENTS.PAYLOAD).from(TABLE_EVENTS)
                    .where(TABLE_EVENTS.TABLE_ID.eq(tableId)).orderBy(TABLE_EVENTS.SEQ).fetch()) {
                TableEvent ev = codec.event(e.value1(), e.value2());
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
