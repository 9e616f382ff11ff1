package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.HANDS;
import static dev.poker.server.store.schema.Tables.HAND_PLAYERS;
import static dev.poker.server.store.schema.Tables.LEDGER_ENTRIES;
import static dev.poker.server.store.schema.Tables.POKER_TABLES;
import static dev.poker.server.store.schema.Tables.TABLE_EVENTS;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import dev.poker.engine.TableConfig;
import dev.poker.protocol.AuditCodec;
import dev.poker.server.store.schema.tables.HandPlayers;
import dev.poker.server.store.schema.tables.Hands;
import dev.poker.server.store.schema.tables.LedgerEntries;
import dev.poker.server.store.schema.tables.TableEvents;
import dev.poker.server.store.schema.tables.records.HandsRecord;
import dev.poker.server.store.schema.tables.records.PokerTablesRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
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
        db.dsl().insertInto(POKER_TABLES, POKER_TABLES.TABLE_ID, POKER_TABLES.NAME, POKER_TABLES.CONFIG,
                POKER_TABLES.OWNER_NODE, POKER_TABLES.EPOCH, POKER_TABLES.LAST_SEQ)
                .values(tableId, name, codec.config(config), nodeId, epoch, 0L).execute();
    }

    @Override
    public Optional<TableRecord> table(String tableId) {
        return db.dsl().selectFrom(POKER_TABLES).where(POKER_TABLES.TABLE_ID.eq(tableId)).fetchOptional()
                .map(this::tableRecord);
    }

    @Override
    public List<TableRecord> openTables() {
        return db.dsl().selectFrom(POKER_TABLES).where(POKER_TABLES.STATUS.eq("open"))
                .orderBy(POKER_TABLES.TABLE_ID).fetch(this::tableRecord);
    }

    private TableRecord tableRecord(PokerTablesRecord r) {
        return new TableRecord(r.getTableId(), r.getName(), codec.config(r.getConfig()), r.getOwnerNode(),
                r.getEpoch(), r.getLastSeq());
    }

    @Override
    public long takeOver(String tableId, String nodeId, long minEpoch) {
        return db.dsl().transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (db.postgres()) {
                // never wait long for a lock another (frozen) writer holds: fail, and the caller tries again
                tx.setLocal(DSL.name("lock_timeout"), DSL.inline("5s")).execute();
            }
            Long current = tx.select(POKER_TABLES.EPOCH).from(POKER_TABLES).where(POKER_TABLES.TABLE_ID.eq(tableId))
                    .forUpdate().fetchOne(POKER_TABLES.EPOCH);
            if (current == null) {
                throw new IllegalArgumentException("no table " + tableId);
            }
            long epoch = Math.max(current + 1, minEpoch);
            tx.update(POKER_TABLES).set(POKER_TABLES.EPOCH, epoch).set(POKER_TABLES.OWNER_NODE, nodeId)
                    .where(POKER_TABLES.TABLE_ID.eq(tableId)).execute();
            return epoch;
        });
    }

    /**
     * Buy-ins and top-ups reserved for this table (the table's {@code buy_in} entry) that no event of
     * the table settles (an event carrying the reservation's ref) and that were not refunded.
     */
    @Override
    public List<Unsettled> unsettled(String tableId) {
        LedgerEntries l = LEDGER_ENTRIES.as("l");
        LedgerEntries p = LEDGER_ENTRIES.as("p");
        LedgerEntries x = LEDGER_ENTRIES.as("x");
        TableEvents e = TABLE_EVENTS.as("e");
        return db.dsl().select(l.REF, p.ACCOUNT, l.AMOUNT).from(l)
                .join(p).on(p.TX_ID.eq(l.TX_ID), p.ACCOUNT.like(Ledger.player("%")))
                .where(l.TABLE_ID.eq(tableId), l.KIND.eq("buy_in"), l.ACCOUNT.eq(Ledger.table(tableId)))
                .and(notExists(selectOne().from(e).where(e.TABLE_ID.eq(l.TABLE_ID), e.REF.eq(l.REF))))
                .and(notExists(selectOne().from(x).where(x.KIND.eq("refund"), x.REF.eq(l.REF))))
                .fetch(r -> new Unsettled(r.value1(), Ledger.accountOf(r.value2()), r.value3()));
    }

    @Override
    public Optional<CompletedHand> hand(String handId) {
        DSLContext dsl = db.dsl();
        HandsRecord h = dsl.selectFrom(HANDS).where(HANDS.HAND_ID.eq(handId)).fetchOne();
        if (h == null) {
            return Optional.empty();
        }
        List<CompletedHand.Participant> players = dsl.select(HAND_PLAYERS.ACCOUNT_ID, HAND_PLAYERS.SEAT,
                HAND_PLAYERS.NET).from(HAND_PLAYERS).where(HAND_PLAYERS.HAND_ID.eq(handId)).orderBy(HAND_PLAYERS.SEAT)
                .fetch(r -> new CompletedHand.Participant(r.value1(), r.value2(), r.value3()));
        return Optional.of(new CompletedHand(h.getTableId(), h.getHandNumber(), h.getFirstSeq(), h.getLastSeq(),
                h.getStartedAt(), h.getEndedAt(), h.getPot(), h.getRake(), h.getBoard(), h.getPhh(), players));
    }

    @Override
    public List<HandSummary> handsOf(String accountId, int limit) {
        HandPlayers p = HAND_PLAYERS.as("p");
        Hands h = HANDS.as("h");
        return db.dsl().select(p.HAND_ID, h.TABLE_ID, h.HAND_NUMBER, p.ENDED_AT, p.SEAT, p.NET, h.POT)
                .from(p).join(h).on(h.HAND_ID.eq(p.HAND_ID))
                .where(p.ACCOUNT_ID.eq(accountId))
                .orderBy(p.ENDED_AT.desc(), h.HAND_NUMBER.desc())
                .limit(limit)
                .fetch(r -> new HandSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }
}
