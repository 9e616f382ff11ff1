package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresFencingIT extends FencingScenarios {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }

    @Test
    void aStaleWriterIsRefused() throws Exception {
        aStaleWriterIsRefusedByTheDatabase();
    }
}
