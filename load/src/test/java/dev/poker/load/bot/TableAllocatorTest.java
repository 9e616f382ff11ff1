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
    void aNewTableFoundInTheLobbyBeforeItsCreatorHeardBackIsNotOverfilled() {
        TableAllocator a = new TableAllocator("x");
        CompletableFuture<String> creation = new CompletableFuture<>();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(a.createAndClaim(() -> creation, 3));
        }
        // the server already lists the new table: two other bots take seats there
        assertThat(a.claim(List.of(table("N", 3, 0)), t -> true)).isEqualTo("N");
        assertThat(a.claim(List.of(table("N", 3, 0)), t -> true)).isEqualTo("N");
        creation.complete("N");
        assertThat(waiting).extracting(CompletableFuture::join).containsExactly("N", null, null);
        assertThat(a.claimed()).isEqualTo(3);
    }

    @Test
    void aLobbyThatArrivesLateDoesNotResetClaims() {
        TableAllocator a = new TableAllocator("x");
        assertThat(a.claim(List.of(table("A", 2, 0)), t -> true)).isEqualTo("A");
        assertThat(a.seatHint("A")).isEqualTo(0);
        // an older lobby fetched on another connection, without A: A is kept with its claim and hints
        assertThat(a.claim(List.of(), t -> true)).isEqualTo("A");
        assertThat(a.seatHint("A")).isEqualTo(1);
        assertThat(a.claim(List.of(table("A", 2, 1)), t -> true)).isNull();
    }

    @Test
    void aForgottenTableIsIgnoredEvenIfAStaleLobbyListsIt() {
        TableAllocator a = new TableAllocator("x");
        assertThat(a.claim(List.of(table("A", 6, 0)), t -> true)).isEqualTo("A");
        a.forget("A");
        assertThat(a.claim(List.of(table("A", 6, 0)), t -> true)).isNull();
        assertThat(a.seatHint("A")).isEqualTo(-1);
    }

    @Test
    void namesAreUniqueAndShort() {
        TableAllocator a = new TableAllocator("tag");
        assertThat(a.nextName("bots-6max")).isEqualTo("bots-6max-tag-1");
        assertThat(a.nextName("p".repeat(80))).hasSize(64);
    }
}
