package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The durable-node scenarios on a real PostgreSQL. */
class PostgresDurableNodeIT extends DurableNodeScenarios {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.postgres();
    }

    @Test
    void handResumesAfterRestart() throws Exception {
        aHandInterruptedByARestartResumesAtTheSameStreetWithTheSameCards();
    }

    @Test
    void handHistoryHidesUnshownCards() throws Exception {
        aFoldedHandShowsNoHoleCardsButTheOwnersOwn();
    }
}
