package dev.poker.server.store;

/** A write was refused because another node took the table over (its epoch is newer). */
public final class FencedException extends RuntimeException {
    public FencedException(String tableId, long epoch) {
        super("table " + tableId + " is owned at a newer epoch than " + epoch);
    }
}
