package dev.poker.server.store;

import java.util.Set;

/**
 * What the node asks of its database so that a commit it acknowledges survives a crash of the database
 * or of its machine (invariant 2, "durable before anyone sees it"), whatever the server's defaults.
 *
 * <ul>
 * <li>{@link #ENFORCED} (the default): every session of the pool runs with {@code synchronous_commit} at
 * least {@code on} (a weaker server default, {@code off}, {@code local} or {@code remote_write}, is raised
 * to {@code on}; {@code on} and {@code remote_apply} are kept, so a synchronous replica still confirms
 * each commit), and the node refuses to start on a server with {@code fsync} or {@code full_page_writes}
 * off. The embedded H2 database writes each commit to its file before answering ({@code WRITE_DELAY=0}).</li>
 * <li>{@link #UNSAFE} ({@code --unsafe-durability}): the server's settings are used as they are and the node
 * starts anyway, with a warning: a crash may lose acknowledged actions. For throwaway setups only.</li>
 * <li>{@link #NOT_WRITING}: tools that only read and check (the ledger check): nothing is asked.</li>
 * </ul>
 *
 * <p>Concurrency: immutable.
 */
public enum Durability {
    ENFORCED, UNSAFE, NOT_WRITING;

    /** Values of {@code synchronous_commit} that do not wait for the local WAL flush (and so may lose a commit). */
    static final Set<String> WEAK_COMMITS = Set.of("off", "local", "remote_write");

    /** The node's durability for its {@code --unsafe-durability} setting. */
    public static Durability of(boolean unsafe) {
        return unsafe ? UNSAFE : ENFORCED;
    }

    /**
     * SQL run on every new PostgreSQL session of the pool, after the session's other settings: raises a weak
     * {@code synchronous_commit} to {@code on} (one round trip per new connection, none per commit).
     */
    String postgresSessionSql() {
        if (this != ENFORCED) {
            return "";
        }
        return "SELECT set_config('synchronous_commit', 'on', false)"
                + " WHERE current_setting('synchronous_commit') IN ('off', 'local', 'remote_write')";
    }

    /** Settings added to the embedded H2 URL. */
    String h2UrlSettings() {
        return this == ENFORCED ? ";WRITE_DELAY=0" : "";
    }

    /**
     * Checks what a session of the pool got: throws {@link IllegalStateException} (with what to do) when the
     * server cannot keep the promise and the node must not start.
     */
    void check(String fsync, String fullPageWrites, String synchronousCommit) {
        if (this != ENFORCED) {
            return;
        }
        if (!"on".equals(fsync) || !"on".equals(fullPageWrites)) {
            throw new IllegalStateException("the database runs with fsync = " + fsync + " and full_page_writes = "
                    + fullPageWrites + ": a crash of its machine could lose commits the node has acknowledged."
                    + " Set both to on in postgresql.conf, or start the node with --unsafe-durability"
                    + " (POKER_UNSAFE_DURABILITY=true) for a throwaway setup");
        }
        if (WEAK_COMMITS.contains(synchronousCommit)) {
            throw new IllegalStateException("the database session runs with synchronous_commit = " + synchronousCommit
                    + " although the node raised it to on (a connection pooler in transaction mode? use session"
                    + " pooling, or set synchronous_commit = on for the role), or start the node with"
                    + " --unsafe-durability");
        }
    }
}
