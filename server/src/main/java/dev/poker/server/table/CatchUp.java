package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;
import java.util.List;

/**
 * What a viewer needs to follow a table from sequence number {@code at}: the batches it missed (or,
 * when they are no longer held, a snapshot), then the ack of the request that asked, then the
 * viewer's pending your_turn. A refusal (no such table) carries only the error.
 */
public record CatchUp(long at, List<TableBatch> missed, ServerMessage.Snapshot snapshot, ServerMessage.Ack ack,
        ServerMessage.YourTurn turn, ServerMessage.Error refusal) {

    public CatchUp {
        missed = missed == null ? List.of() : List.copyOf(missed);
    }

    public static CatchUp refused(ServerMessage.Error error) {
        return new CatchUp(-1, List.of(), null, null, null, error);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
