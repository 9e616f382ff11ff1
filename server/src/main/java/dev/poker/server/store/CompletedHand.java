package dev.poker.server.store;

import java.util.List;

/**
 * A hand that ended, for the hand history: summary columns, the PHH text as anyone may see it (only
 * shown cards), and each player's result.
 */
public record CompletedHand(String tableId, long handNumber, long firstSeq, long lastSeq, long startedAt,
        long endedAt, long pot, long rake, String board, String phh, List<Participant> players) {

    /** A player of the hand and their net result in chips. */
    public record Participant(String accountId, int seat, long net) {}

    public String handId() {
        return tableId + "-" + handNumber;
    }
}
