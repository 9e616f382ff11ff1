package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresGeneratedSchemaIT extends GeneratedSchemaScenarios {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }

    @Test
    void generatedTablesAreTheMigratedOnes() {
        theGeneratedTablesAreTheMigratedOnes();
    }
}
