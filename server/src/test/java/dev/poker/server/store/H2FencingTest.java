package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

class H2FencingTest extends FencingScenarios {
    @Override
    protected Map<String, String> database() {
        Map<String, String> m = TestDatabases.h2();
        // two pools on one embedded database need H2's server mode
        m.put("POKER_DB_URL", "jdbc:h2:file:" + m.get("POKER_DATA_DIR") + "/poker;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE");
        m.put("POKER_DB_USER", "sa");
        m.put("POKER_DB_PASSWORD", "");
        return m;
    }

    @Test
    void aStaleWriterIsRefused() throws Exception {
        aStaleWriterIsRefusedByTheDatabase();
    }
}
