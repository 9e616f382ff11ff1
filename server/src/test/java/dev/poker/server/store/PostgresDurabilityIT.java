package dev.poker.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node keeps its durability promise whatever PostgreSQL's defaults: a session whose default
 * {@code synchronous_commit} is weaker gets {@code on}, and a server with {@code fsync} off is refused
 * unless the operator asked for {@code --unsafe-durability}.
 */
class PostgresDurabilityIT {

    @Test
    void aWeakCommitDefaultIsRaisedToOnForEverySessionOfThePool() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        // the server's default as a client would get it from postgresql.conf, a role or a database setting
        String weak = db.get("POKER_DB_URL") + "?options=-c%20synchronous_commit%3Doff";
        try (Database d = Database.open(weak, db.get("POKER_DB_USER"), db.get("POKER_DB_PASSWORD"),
                db.get("POKER_DATA_DIR"), 3, Durability.ENFORCED)) {
            assertThat(d.commitSetting()).isEqualTo("on");
            for (int i = 0; i < 3; i++) { // other sessions of the pool too
                assertThat(d.dsl().fetchValue("SELECT current_setting('synchronous_commit')")).isEqualTo("on");
            }
        }
        try (Database d = Database.open(weak, db.get("POKER_DB_USER"), db.get("POKER_DB_PASSWORD"),
                db.get("POKER_DATA_DIR"), 2, Durability.UNSAFE)) {
            assertThat(d.commitSetting()).as("unsafe keeps the server's setting").isEqualTo("off");
        }
        String apply = db.get("POKER_DB_URL") + "?options=-c%20synchronous_commit%3Dremote_apply";
        try (Database d = Database.open(apply, db.get("POKER_DB_USER"), db.get("POKER_DB_PASSWORD"),
                db.get("POKER_DATA_DIR"), 2, Durability.ENFORCED)) {
            assertThat(d.commitSetting()).as("a stronger setting is kept").isEqualTo("remote_apply");
        }
    }

    @Test
    void aServerWithFsyncOffIsRefusedUnlessTheOperatorAcceptsIt() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        try (Connection admin = DriverManager.getConnection(db.get("POKER_DB_URL"), db.get("POKER_DB_USER"),
                db.get("POKER_DB_PASSWORD")); Statement st = admin.createStatement()) {
            st.execute("ALTER SYSTEM SET fsync = off");
            st.execute("SELECT pg_reload_conf()");
            try {
                awaitSetting(st, "fsync", "off");
                assertThatThrownBy(() -> Database.open(db.get("POKER_DB_URL"), db.get("POKER_DB_USER"),
                        db.get("POKER_DB_PASSWORD"), db.get("POKER_DATA_DIR"), 2, Durability.ENFORCED))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("fsync = off")
                        .hasMessageContaining("--unsafe-durability");
                try (Database d = Database.open(db.get("POKER_DB_URL"), db.get("POKER_DB_USER"),
                        db.get("POKER_DB_PASSWORD"), db.get("POKER_DATA_DIR"), 2, Durability.UNSAFE)) {
                    assertThat(d.dsl().fetchValue("SELECT 1")).isEqualTo(1);
                }
            } finally {
                st.execute("ALTER SYSTEM RESET fsync");
                st.execute("SELECT pg_reload_conf()");
                awaitSetting(st, "fsync", "on");
            }
        }
    }

    private static void awaitSetting(Statement st, String name, String value) throws Exception {
        for (int i = 0; i < 100; i++) {
            // a new session reads the reloaded configuration
            try (ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
                rs.next();
                if (value.equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not become " + value);
    }
}
