package dev.poker.server.store;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The durable-node scenarios on embedded H2 (the standalone default). */
class H2DurableNodeTest extends DurableNodeScenarios {

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2();
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
