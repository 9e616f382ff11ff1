package dev.poker.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;

/**
 * The connection of one audit-log writer thread, outside the pool: opened on first use, dropped when a
 * write fails, and opened again by the next write. When the database is down a write fails fast
 * (connection refused) instead of waiting for a pooled connection, and the first write after the database
 * is back reconnects at once, so paused tables resume as soon as the database answers.
 *
 * <p>Concurrency: confined to its writer thread.
 */
final class WriterConnection implements AutoCloseable {
    private static final long IDLE_CHECK_NANOS = 1_000_000_000L;
    private final Database db;
    private Connection connection;
    private DSLContext dsl;
    private long lastUsedNanos;

    WriterConnection(Database db) {
        this.db = db;
    }

    /**
     * A context over a live connection (connecting now if there is none). A connection idle for a second
     * or more is checked first (one round trip): the database may have restarted meanwhile, and a write on
     * a dead connection would pause the tables for nothing.
     */
    DSLContext dsl() throws SQLException {
        long now = System.nanoTime();
        if (connection != null && now - lastUsedNanos > IDLE_CHECK_NANOS && !connection.isValid(2)) {
            close();
        }
        lastUsedNanos = now;
        if (connection == null) {
            connection = db.connect();
            dsl = db.dsl(connection);
        }
        return dsl;
    }

    /** The last write failed: the connection may be dead, and the next write opens a new one. */
    void broken() {
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already gone: nothing to release
            }
            connection = null;
            dsl = null;
        }
    }
}
