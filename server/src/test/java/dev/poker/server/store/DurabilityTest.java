package dev.poker.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** What the node asks of its database, and when it refuses to start. */
class DurabilityTest {

    @Test
    void enforcedRefusesAServerThatDoesNotFlushCommits() {
        assertThatThrownBy(() -> Durability.ENFORCED.check("off", "on", "on"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fsync = off")
                .hasMessageContaining("--unsafe-durability");
        assertThatThrownBy(() -> Durability.ENFORCED.check("on", "off", "on"))
                .hasMessageContaining("full_page_writes = off");
    }

    @Test
    void enforcedRefusesASessionLeftWithAWeakCommit() {
        for (String weak : new String[] {"off", "local", "remote_write"}) {
            assertThatThrownBy(() -> Durability.ENFORCED.check("on", "on", weak))
                    .hasMessageContaining("synchronous_commit = " + weak);
        }
        assertThatCode(() -> Durability.ENFORCED.check("on", "on", "on")).doesNotThrowAnyException();
        assertThatCode(() -> Durability.ENFORCED.check("on", "on", "remote_apply")).doesNotThrowAnyException();
    }

    @Test
    void unsafeAndReadOnlyToolsStartAnywhereAndChangeNothing() {
        assertThatCode(() -> Durability.UNSAFE.check("off", "off", "off")).doesNotThrowAnyException();
        assertThatCode(() -> Durability.NOT_WRITING.check("off", "off", "off")).doesNotThrowAnyException();
        assertThat(Durability.UNSAFE.postgresSessionSql()).isEmpty();
        assertThat(Durability.UNSAFE.h2UrlSettings()).isEmpty();
        assertThat(Durability.ENFORCED.postgresSessionSql()).contains("'synchronous_commit', 'on'");
        assertThat(Durability.of(true)).isEqualTo(Durability.UNSAFE);
        assertThat(Durability.of(false)).isEqualTo(Durability.ENFORCED);
    }

    @Test
    void theEmbeddedDatabaseWritesEachCommitBeforeAnswering() throws Exception {
        try (Database db = TestDatabases.open(TestDatabases.h2());
                Connection c = db.dsl().configuration().connectionProvider().acquire();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
    }
}
