package dev.poker.server.table;

/**
 * Whether a seated player can reach their table's node now. A player connected to another node reaches
 * the table through the cluster's Redis; while it is unreachable they cannot act, through no fault of
 * theirs, and their clock holds ({@link TableClocks}) for up to {@link #holdCapMs}.
 */
public interface PlayerReach {
    /** Every player reaches the table (a standalone node). */
    PlayerReach ALWAYS = new PlayerReach() {
        @Override
        public long unreachableSince(String account) {
            return 0;
        }

        @Override
        public long holdCapMs() {
            return 0;
        }
    };

    /** 0 when {@code account} can reach the table; else since when it cannot (scheduler time, ms). */
    long unreachableSince(String account);

    /** The longest a clock holds for an unreachable player (0: never). */
    long holdCapMs();
}
