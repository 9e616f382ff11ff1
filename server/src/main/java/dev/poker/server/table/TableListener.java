package dev.poker.server.table;

/** What a node does about its tables' lifecycle and their effects outside the table. */
public interface TableListener {
    /** The table stopped on this node (fenced, lease lost, handed over, or an internal error). */
    void stopped(TableActor table, String why);

    /** A player's balance changed through this table: their connections should hear the new balance. */
    void balanceChanged(String account);
}
