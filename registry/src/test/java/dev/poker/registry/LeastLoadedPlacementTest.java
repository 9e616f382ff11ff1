package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastLoadedPlacementTest {
    private static NodeInfo node(String id, int tables, int connections, boolean draining) {
        return new NodeInfo(id, id + ":8080", tables, connections, draining, Instant.EPOCH);
    }

    private final PlacementPolicy policy = LeastLoadedPlacement.INSTANCE;

    @Test
    void noNodesMeansNoPlacement() {
        assertThat(policy.choose(List.of())).isEmpty();
    }

    @Test
    void fewestTablesWins() {
        assertThat(policy.choose(List.of(node("a", 5, 0, false), node("b", 2, 900, false), node("c", 3, 1, false))))
                .contains("b");
    }

    @Test
    void connectionsBreakTiesOnTables() {
        assertThat(policy.choose(List.of(node("a", 2, 40, false), node("b", 2, 10, false), node("c", 2, 30, false))))
                .contains("b");
    }

    @Test
    void nodeIdBreaksFullTies() {
        assertThat(policy.choose(List.of(node("c", 1, 1, false), node("a", 1, 1, false), node("b", 1, 1, false))))
                .contains("a");
    }

    @Test
    void drainingNodesAreSkippedEvenWhenIdle() {
        assertThat(policy.choose(List.of(node("a", 0, 0, true), node("b", 7, 70, false)))).contains("b");
        assertThat(policy.choose(List.of(node("a", 0, 0, true), node("b", 0, 0, true)))).isEmpty();
    }
}
