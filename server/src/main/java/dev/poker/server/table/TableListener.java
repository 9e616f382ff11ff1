package dev.poker.server.table;

/** What a node does about its tables' lifecycle and their effects outside the table. */
public interface TableListener {
    /** The table stopped on this node (fenced, lease lost, handed over, or an internal error). */
    void stopped(TableActor table, String why);

    /**
     * The table's memory and its log diverged: the copy stopped and must be rebuilt from the log (the
     * truth). By default it simply counts as stopped.
     */
    default void diverged(TableActor table) {
        stopped(table, "diverged from its log");
    }

    /** A player's balance changed through this table: their connections should hear the new balance. */
    void balanceChanged(String account);
}
