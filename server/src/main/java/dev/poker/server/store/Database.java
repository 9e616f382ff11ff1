package dev.poker.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The node's database: PostgreSQL when a URL is configured, otherwise an embedded H2 file in
 * PostgreSQL mode under the data directory. Migrations (Flyway, {@code db/migration}) run on open.
 *
 * <p>Concurrency: thread-safe (a connection pool and a jOOQ context over it).
 */
public final class Database implements AutoCloseable {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final boolean embedded;
    private final String url;

    private Database(HikariDataSource pool, SQLDialect dialect, boolean embedded, String url) {
        this.pool = pool;
        this.embedded = embedded;
        this.url = url;
        this.dsl = DSL.using(pool, dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withExecuteLogging(false));
    }

    /** How long a PostgreSQL session may sit inside a transaction without a statement before it is ended. */
    static final int IDLE_IN_TRANSACTION_MS = 2_000;

    /** Opens PostgreSQL at {@code url}, or H2 under {@code dataDir} when {@code url} is empty, and migrates it. */
    public static Database open(String url, String user, String password, String dataDir, int poolSize) {
        boolean embedded = url == null || url.isBlank();
        HikariConfig hc = new HikariConfig();
        if (embedded) {
            Path dir = Path.of(dataDir).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
            }
            url = "jdbc:h2:file:" + dir.resolve("poker") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
            hc.setUsername("sa");
            hc.setPassword("");
        } else {
            if (isPostgres(url)) {
                hc.addDataSourceProperty("reWriteBatchedInserts", "true");
                hc.addDataSourceProperty("ApplicationName", "poker");
                // A node frozen (SIGSTOP, VM pause) inside a write holds its tables' row locks; the server
                // ends such a session after this, so another node can take the tables over (the frozen
                // node's write never committed: it was never acknowledged). Our transactions never wait
                // between statements.
                hc.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + IDLE_IN_TRANSACTION_MS);
            }
            hc.setUsername(user == null || user.isEmpty() ? null : user);
            hc.setPassword(password == null ? "" : password);
        }
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setPoolName("poker-db");
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        hc.setInitializationFailTimeout(10_000);
        hc.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, embedded ? SQLDialect.H2 : SQLDialect.POSTGRES, embedded, url);
    }

    /**
     * Exports the pool's metrics (HikariCP's Micrometer integration: {@code hikaricp_connections_*}) and every
     * statement's execution time ({@code poker_database_query_duration_seconds{kind}}) to {@code registry}.
     * Call once, before the node serves.
     */
    public void meterWith(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
        dsl.configuration().set(new QueryTimer(registry));
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Whether this is PostgreSQL (not H2, embedded or in server mode). */
    public boolean postgres() {
        return isPostgres(url);
    }

    private static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    public boolean embedded() {
        return embedded;
    }

    /** The JDBC URL without credentials (for logs and /health). */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
