package dev.poker.server.store;

import dev.poker.engine.TableConfig;
import dev.poker.protocol.AuditCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The table catalog in PostgreSQL or H2.
 *
 * <p>Concurrency: thread-safe; every method is one short transaction and may block.
 */
public final class JdbcTableCatalog implements TableCatalog {
    private final Database db;
    private final AuditCodec codec = new AuditCodec();

    public JdbcTableCatalog(Database db) {
        this.db = db;
    }

    @Override
    public void register(String tableId, String name, TableConfig config, String nodeId, long epoch) {
        db.dsl().execute("INSERT INTO poker_tables (table_id, name, config, owner_node, epoch, last_seq) VALUES (?, ?, ?, ?, ?, 0)",
                tableId, name, codec.config(config), nodeId, epoch);
    }

    @Override
    public Optional<TableRecord> table(String tableId) {
        Record r = db.dsl().fetchOne("SELECT table_id, name, config, owner_node, epoch, last_seq FROM poker_tables"
                + " WHERE table_id = ?", tableId);
        return r == null ? Optional.empty() : Optional.of(new TableRecord(r.get(0, String.class), r.get(1, String.class),
                codec.config(r.get(2, String.class)), r.get(3, String.class), r.get(4, Long.class), r.get(5, Long.class)));
    }

    @Override
    public List<TableRecord> openTables() {
        List<TableRecord> out = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT table_id, name, config, owner_node, epoch, last_seq FROM poker_tables"
                + " WHERE status = 'open' ORDER BY table_id")) {
            out.add(new TableRecord(r.get(0, String.class), r.get(1, String.class), codec.config(r.get(2, String.class)),
                    r.get(3, String.class), r.get(4, Long.class), r.get(5, Long.class)));
        }
        return out;
    }

    @Override
    public long takeOver(String tableId, String nodeId, long minEpoch) {
        return db.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (db.postgres()) {
                // never wait long for a lock another (frozen) writer holds: fail, and the caller tries again
                tx.execute("SET LOCAL lock_timeout = '5s'");
            }
            Record r = tx.fetchOne("SELECT epoch FROM poker_tables WHERE table_id = ? FOR UPDATE", tableId);
            if (r == null) {
                throw new IllegalArgumentException("no table " + tableId);
            }
            long epoch = Math.max(r.get(0, Long.class) + 1, minEpoch);
            tx.execute("UPDATE poker_tables SET epoch = ?, owner_node = ? WHERE table_id = ?", epoch, nodeId, tableId);
            return epoch;
        });
    }

    @Override
    public List<Unsettled> unsettled(String tableId) {
        List<Unsettled> out = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT l.ref, p.account, l.amount FROM ledger_entries l"
                + " JOIN ledger_entries p ON p.tx_id = l.tx_id AND p.account LIKE 'player:%'"
                + " WHERE l.table_id = ? AND l.kind = 'buy_in' AND l.account = ?"
                + " AND NOT EXISTS (SELECT 1 FROM table_events e WHERE e.table_id = l.table_id AND e.ref = l.ref)"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.kind = 'refund' AND x.ref = l.ref)",
                tableId, Ledger.table(tableId))) {
            out.add(new Unsettled(r.get(0, String.class), r.get(1, String.class).substring("player:".length()),
                    r.get(2, Long.class)));
        }
        return out;
    }

    @Override
    public Optional<CompletedHand> hand(String handId) {
        DSLContext dsl = db.dsl();
        Record h = dsl.fetchOne("SELECT table_id, hand_number, first_seq, last_seq, started_at, ended_at, pot, rake,"
                + " board, phh FROM hands WHERE hand_id = ?", handId);
        if (h == null) {
            return Optional.empty();
        }
        List<CompletedHand.Participant> players = new ArrayList<>();
        for (Record p : dsl.fetch("SELECT account_id, seat, net FROM hand_players WHERE hand_id = ? ORDER BY seat", handId)) {
            players.add(new CompletedHand.Participant(p.get(0, String.class), p.get(1, Integer.class), p.get(2, Long.class)));
        }
        return Optional.of(new CompletedHand(h.get(0, String.class), h.get(1, Long.class), h.get(2, Long.class),
                h.get(3, Long.class), h.get(4, Long.class), h.get(5, Long.class), h.get(6, Long.class),
                h.get(7, Long.class), h.get(8, String.class), h.get(9, String.class), players));
    }

    @Override
    public List<HandSummary> handsOf(String accountId, int limit) {
        List<HandSummary> out = new ArrayList<>();
        for (Record r : db.dsl().fetch("SELECT p.hand_id, h.table_id, h.hand_number, p.ended_at, p.seat, p.net, h.pot"
                + " FROM hand_players p JOIN hands h ON h.hand_id = p.hand_id WHERE p.account_id = ?"
                + " ORDER BY p.ended_at DESC, h.hand_number DESC LIMIT ?", accountId, limit)) {
            out.add(new HandSummary(r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class),
                    r.get(3, Long.class), r.get(4, Integer.class), r.get(5, Long.class), r.get(6, Long.class)));
        }
        return out;
    }
}
