package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.cards.Card;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real WebSocket clients against a node started in this process, time controlled by the test. */
class NodeEndToEndTest {
    NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "100", "POKER_SIT_OUT_REMOVE_MS", "60000"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String id() {
        return WsTestClient.nextId();
    }

    private void scriptHand(String board, String... holesInDealOrder) {
        java.util.List<java.util.List<Card>> holes = new java.util.ArrayList<>();
        for (String h : holesInDealOrder) {
            holes.add(Card.parseAll(h));
        }
        harness.scripted.addHand(holes, Card.parseAll(board));
    }

    private static ServerMessage.YourTurn turn(WsTestClient c, long hand) {
        return (ServerMessage.YourTurn) c.await(m -> m instanceof ServerMessage.YourTurn t && t.hand() == hand);
    }

    private static void act(WsTestClient c, String table, long hand, String action, Long amount) {
        c.request(new ClientMessage.Act(id(), table, hand, action, amount, "a-" + id()), ServerMessage.Ack.class);
    }

    @Test
    void threePlayersPlayAHandWithASidePotAndAShowdown() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
             WsTestClient b = WsTestClient.guest(harness.port(), "bob");
             WsTestClient c = WsTestClient.guest(harness.port(), "cat");
             WsTestClient spectator = WsTestClient.guest(harness.port(), "sam")) {
            String table = NodeHarness.createTable(a, 3, 50, 100, 100, 10_000);
            for (WsTestClient x : List.of(a, b, c, spectator)) {
                x.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
                assertThat(x.snapshot()).anyMatch(m -> m instanceof ServerMessage.Snapshot);
            }
            // button seat 0, small blind 1, big blind 2; deal order 1, 2, 0
            scriptHand("2c7d9hJs3c", "KhKd", "QhQd", "AhAd");
            a.request(new ClientMessage.Sit(id(), table, 0, 1_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(id(), table, 1, 3_000L, null), ServerMessage.Ack.class);
            c.request(new ClientMessage.Sit(id(), table, 2, 5_000L, null), ServerMessage.Ack.class);
            harness.clock.advance(100);

            ServerMessage.YourTurn t = turn(a, 1);
            assertThat(t.seat()).isZero();
            assertThat(t.actions()).contains("fold", "call", "raise", "all_in");
            assertThat(t.callAmount()).isEqualTo(100);
            assertThat(t.minTo()).isEqualTo(200);
            assertThat(a.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 0).cards()).containsExactly("Ah", "Ad");
            assertThat(b.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 0).cards()).isNull();
            assertThat(spectator.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 1).cards()).isNull();

            act(a, table, 1, "all_in", null);
            act(b, table, 1, "all_in", null);
            act(c, table, 1, "call", null);

            GameEvent.HandEnded end = spectator.awaitEvent(GameEvent.HandEnded.class, e -> e.hand() == 1);
            assertThat(end.deck()).as("decks are not revealed by default").isNull();
            List<GameEvent.PotAwarded> pots = spectator.events(GameEvent.PotAwarded.class);
            assertThat(pots).extracting(GameEvent.PotAwarded::amount).containsExactly(3_000L, 4_000L);
            assertThat(pots.get(0).shares()).containsExactly(new GameEvent.Share(0, 3_000));
            assertThat(pots.get(1).shares()).containsExactly(new GameEvent.Share(1, 4_000));
            assertThat(spectator.events(GameEvent.Shown.class)).extracting(GameEvent.Shown::seat)
                    .containsExactlyInAnyOrder(0, 1, 2);

            // chips go back to the balance on leaving
            a.request(new ClientMessage.Leave(id(), table), ServerMessage.Ack.class);
            ServerMessage.Balance balance = (ServerMessage.Balance) a.await(m -> m instanceof ServerMessage.Balance x
                    && x.balance() == 102_000);
            assertThat(balance.account()).isEqualTo(a.account);
        }
    }

    @Test
    void sequenceNumbersHaveNoGapsAndEveryViewerSeesTheSameOrder() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
             WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = NodeHarness.createTable(a, 2, 50, 100, 100, 10_000);
            a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            a.request(new ClientMessage.Sit(id(), table, 0, 5_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(id(), table, 1, 5_000L, null), ServerMessage.Ack.class);
            for (long hand = 1; hand <= 4; hand++) {
                harness.clock.advance(100); // the next hand starts (its timer was set before the last hand ended)
                WsTestClient first = firstToAct(hand, a, b);
                act(first, table, hand, "fold", null);
                long h = hand;
                a.awaitEvent(GameEvent.HandEnded.class, e -> e.hand() == h);
                b.awaitEvent(GameEvent.HandEnded.class, e -> e.hand() == h);
            }
            List<Long> seqA = seqs(a, table);
            List<Long> seqB = seqs(b, table);
            for (int i = 1; i < seqA.size(); i++) {
                assertThat(seqA.get(i)).isEqualTo(seqA.get(i - 1) + 1);
            }
            assertThat(seqB).isEqualTo(seqA);
        }
    }

    /** The client whose turn comes first in this hand. */
    static WsTestClient firstToAct(long hand, WsTestClient... clients) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (WsTestClient c : clients) {
                if (c.snapshot().stream().anyMatch(m -> m instanceof ServerMessage.YourTurn t && t.hand() == hand)) {
                    return c;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("nobody got the turn in hand " + hand);
    }

    private static List<Long> seqs(WsTestClient c, String table) {
        return c.snapshot().stream().filter(m -> m instanceof ServerMessage.Event e && e.table().equals(table))
                .map(m -> ((ServerMessage.Event) m).seq()).toList();
    }
}
