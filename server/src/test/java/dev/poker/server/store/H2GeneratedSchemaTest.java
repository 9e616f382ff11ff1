package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

class H2GeneratedSchemaTest extends GeneratedSchemaScenarios {
    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
    }

    @Test
    void generatedTablesAreTheMigratedOnes() {
        theGeneratedTablesAreTheMigratedOnes();
    }
}
