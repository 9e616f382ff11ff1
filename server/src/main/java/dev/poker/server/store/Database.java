package dev.poker.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's database: PostgreSQL when a URL is configured, otherwise an embedded H2 file in
 * PostgreSQL mode under the data directory. Migrations (Flyway, {@code db/migration}) run on open.
 *
 * <p>Concurrency: thread-safe (a connection pool and a jOOQ context over it).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final boolean embedded;
    private final String url;
    private final String commitSetting;
    private final java.util.Properties direct;
    private final String initSql;
    private final SQLDialect dialect;

    private Database(HikariDataSource pool, SQLDialect dialect, boolean embedded, String url, String commitSetting,
            java.util.Properties direct, String initSql) {
        this.pool = pool;
        this.dialect = dialect;
        this.direct = direct;
        this.initSql = initSql;
        this.embedded = embedded;
        this.url = url;
        this.commitSetting = commitSetting;
        this.dsl = DSL.using(pool, dialect, new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withExecuteLogging(false));
    }

    /** How long a PostgreSQL session may sit inside a transaction without a statement before it is ended. */
    static final int IDLE_IN_TRANSACTION_MS = 2_000;

    /**
     * Opens PostgreSQL at {@code url}, or H2 under {@code dataDir} when {@code url} is empty, checks that it
     * keeps commits as {@code durability} asks (see {@link Durability}), and migrates it.
     *
     * @throws IllegalStateException when the database cannot keep the node's durability promise
     */
    public static Database open(String url, String user, String password, String dataDir, int poolSize,
            Durability durability) {
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
                    + ";DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE" + durability.h2UrlSettings();
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
                String raise = durability.postgresSessionSql();
                hc.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + IDLE_IN_TRANSACTION_MS
                        + (raise.isEmpty() ? "" : "; " + raise));
            }
            hc.setUsername(user == null || user.isEmpty() ? null : user);
            hc.setPassword(password == null ? "" : password);
        }
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(poolSize);
        // no idle minimum: during an outage the pool then stops trying to connect once nobody waits, and
        // reconnects at once when the database is back (its retries back off to 5 s while it tries)
        hc.setMinimumIdle(0);
        hc.setPoolName("poker-db");
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        hc.setInitializationFailTimeout(10_000);
        hc.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(hc);
        String commitSetting = "";
        try {
            if (isPostgres(url)) {
                commitSetting = checkPostgres(pool, durability);
            }
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (durability == Durability.UNSAFE) {
            log.warn("--unsafe-durability: the database's own commit settings are used (synchronous_commit = {});"
                    + " a crash may lose actions players have seen acknowledged", commitSetting.isEmpty()
                    ? "n/a" : commitSetting);
        }
        java.util.Properties direct = new java.util.Properties();
        if (hc.getUsername() != null) {
            direct.setProperty("user", hc.getUsername());
        }
        direct.setProperty("password", hc.getPassword() == null ? "" : hc.getPassword());
        if (isPostgres(url)) {
            direct.putAll(hc.getDataSourceProperties());
            direct.setProperty("connectTimeout", "2");
            direct.setProperty("loginTimeout", "2");
        }
        return new Database(pool, embedded ? SQLDialect.H2 : SQLDialect.POSTGRES, embedded, url, commitSetting,
                direct, hc.getConnectionInitSql());
    }

    /**
     * A new connection outside the pool, set up like the pool's (session settings included), that fails
     * fast when the database is down (refused at once, or after 2 s when the host does not answer). The
     * audit log's writers hold their own: after an outage they reconnect on their next write instead of
     * waiting for the pool's backed-off retries. The caller closes it.
     */
    public Connection connect() throws SQLException {
        Connection c = java.sql.DriverManager.getConnection(url, direct);
        try {
            if (initSql != null && !initSql.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute(initSql);
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A jOOQ context over one connection (with this database's dialect and settings). */
    public DSLContext dsl(Connection connection) {
        return DSL.using(connection, dialect, dsl.settings());
    }

    /** What a session of the pool runs with; throws when {@code durability} cannot be kept. */
    private static String checkPostgres(HikariDataSource pool, Durability durability) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('fsync'), current_setting('full_page_writes'),"
                        + " current_setting('synchronous_commit')")) {
            rs.next();
            durability.check(rs.getString(1), rs.getString(2), rs.getString(3));
            return rs.getString(3);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's settings: " + e.getMessage(), e);
        }
    }

    /** The {@code synchronous_commit} the node's PostgreSQL sessions run with (empty for H2). */
    public String commitSetting() {
        return commitSetting;
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
