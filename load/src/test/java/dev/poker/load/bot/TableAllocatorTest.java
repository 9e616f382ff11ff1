package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.TableSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TableAllocatorTest {
    private static TableSummary table(String id, int seats, int players) {
        return new TableSummary(id, id, seats, players, 1, 2, 0, 40, 200, 0);
    }

    @Test
    void claimsFillTheFullestTableAndRespectEarlierClaims() {
        TableAllocator a = new TableAllocator("x");
        List<TableSummary> lobby = List.of(table("A", 3, 1), table("B", 3, 2), table("C", 3, 3));
        // occupancy is max(lobby players, own claims): the lobby may already count this fleet's bots
        assertThat(a.claim(lobby, t -> true)).isEqualTo("B");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("B");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("B");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("A");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("A");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("A");
        assertThat(a.claim(lobby, t -> true)).isNull();
        a.release("A");
        assertThat(a.claim(lobby, t -> true)).isEqualTo("A");
        assertThat(a.claim(lobby, t -> !t.id().equals("A"))).isNull();
    }

    @Test
    void aFullTableIsSkippedForAWhile() {
        TableAllocator a = new TableAllocator("x");
        List<TableSummary> lobby = List.of(table("A", 6, 1));
        assertThat(a.claim(lobby, t -> true)).isEqualTo("A");
        a.release("A");
        a.markFull("A");
        assertThat(a.claim(lobby, t -> true)).isNull();
    }

    @Test
    void botsShareTableCreationsSeatsAtATime() {
        TableAllocator a = new TableAllocator("x");
        List<CompletableFuture<String>> creations = new ArrayList<>();
        List<CompletableFuture<String>> seats = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seats.add(a.createAndClaim(() -> {
                CompletableFuture<String> f = new CompletableFuture<>();
                creations.add(f);
                return f;
            }, 3));
        }
        assertThat(creations).hasSize(3); // 3 + 3 + 1
        creations.get(0).complete("T1");
        creations.get(1).completeExceptionally(new RuntimeException("refused"));
        creations.get(2).complete("T3");
        assertThat(seats.subList(0, 3)).allMatch(f -> f.join().equals("T1"));
        assertThat(seats.subList(3, 6)).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(seats.get(6).join()).isEqualTo("T3");
        assertThat(a.claimed()).isEqualTo(4);
        // T3 has two seats left for the next bots, even before the lobby lists it
        assertThat(a.claim(List.of(), t -> true)).isEqualTo("T3");
        assertThat(a.claim(List.of(), t -> true)).isEqualTo("T3");
        assertThat(a.claim(List.of(), t -> true)).isNull();
    }

    @Test
    void namesAreUniqueAndShort() {
        TableAllocator a = new TableAllocator("tag");
        assertThat(a.nextName("bots-6max")).isEqualTo("bots-6max-tag-1");
        assertThat(a.nextName("p".repeat(80))).hasSize(64);
    }
}
