package dev.poker.server.store;

import dev.poker.engine.TableConfig;
import java.util.List;
import java.util.Optional;

/**
 * Durable facts about tables besides their events: that a table exists, its rules, who owns it at
 * which epoch; buy-ins that were reserved but never seated; and the hand history.
 */
public interface TableCatalog {

    /** A table as stored. */
    record TableRecord(String tableId, String name, TableConfig config, String ownerNode, long epoch, long lastSeq) {}

    /** A reserved buy-in or top-up that no event settles: the player gets it back on recovery. */
    record Unsettled(String ref, String accountId, long amount) {}

    /** One hand of a player's history. */
    record HandSummary(String handId, String tableId, long handNumber, long endedAt, int seat, long net, long pot) {}

    /** Records a new table owned by {@code nodeId} at {@code epoch}. */
    void register(String tableId, String name, TableConfig config, String nodeId, long epoch);

    /** One table as stored. */
    Optional<TableRecord> table(String tableId);

    /** Tables not closed. */
    List<TableRecord> openTables();

    /** Makes {@code nodeId} the owner with an epoch above the current one and at least {@code minEpoch}. */
    long takeOver(String tableId, String nodeId, long minEpoch);

    List<Unsettled> unsettled(String tableId);

    Optional<CompletedHand> hand(String handId);

    /** A player's most recent hands, newest first. */
    List<HandSummary> handsOf(String accountId, int limit);
}
