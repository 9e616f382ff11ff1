package dev.poker.server.store;

/**
 * A write was refused because the table's log does not continue where the writer's memory of the table
 * does: the log's next sequence number is {@code expected}, the write starts at {@code found}. The log is
 * the truth; the writer's copy of the table must stop and be rebuilt from it. Not an outage: writing
 * again cannot succeed.
 */
public final class DivergedException extends RuntimeException {
    private final String tableId;
    private final long expected;
    private final long found;

    public DivergedException(String tableId, long expected, long found) {
        super("table " + tableId + ": the log expects seq " + expected + ", the write starts at " + found, null,
                false, false);
        this.tableId = tableId;
        this.expected = expected;
        this.found = found;
    }

    public String tableId() {
        return tableId;
    }

    /** The log's next sequence number. */
    public long expected() {
        return expected;
    }

    /** The first sequence number of the refused write. */
    public long found() {
        return found;
    }
}
