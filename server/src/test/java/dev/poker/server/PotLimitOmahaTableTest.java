package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pot-limit Omaha table over real WebSocket connections: the game on the wire, four cards, the pot limit. */
class PotLimitOmahaTableTest {
    NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "100", "POKER_SIT_OUT_REMOVE_MS", "60000"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String id() {
        return WsTestClient.nextId();
    }

    @Test
    void aPotLimitOmahaTablePlaysWithFourCardsAndThePotLimit() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
                WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            ServerMessage.Ack created = a.request(new ClientMessage.CreateTable(id(), "plo", 2, 50, 100, null, null,
                    100, 10_000, 15_000L, 0L, null, null, "pot_limit_omaha"), ServerMessage.Ack.class);
            String table = created.table();
            ServerMessage.Tables lobby = a.request(new ClientMessage.ListTables(id()), ServerMessage.Tables.class);
            assertThat(lobby.tables()).filteredOn(t -> t.id().equals(table)).extracting(TableSummary::game)
                    .containsExactly("pot_limit_omaha");

            a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            ServerMessage.Snapshot snapshot = (ServerMessage.Snapshot) a.await(m -> m instanceof ServerMessage.Snapshot s
                    && s.table().equals(table));
            assertThat(snapshot.view().game()).isEqualTo("pot_limit_omaha");
            b.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            a.request(new ClientMessage.Sit(id(), table, 0, 5_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(id(), table, 1, 5_000L, null), ServerMessage.Ack.class);
            harness.clock.advance(100);

            GameEvent.HoleCards own = a.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 0);
            assertThat(own.cards()).hasSize(4);
            // Heads-up, seat 0 is the button and posts the small blind of 50; the big blind is 100. Pot 150, call 50
            // makes it 200: the pot-limit raise is to 100 + 200 = 300.
            ServerMessage.YourTurn turn = (ServerMessage.YourTurn) a.await(m -> m instanceof ServerMessage.YourTurn t
                    && t.hand() == 1);
            assertThat(turn.minTo()).isEqualTo(200);
            assertThat(turn.maxTo()).isEqualTo(300);

            String rid = id();
            a.send(new ClientMessage.Act(rid, table, 1L, "raise", 301L, "a1"));
            ServerMessage.Error above = (ServerMessage.Error) a.await(m -> rid.equals(WsTestClient.idOf(m)));
            assertThat(above.code()).isEqualTo("ABOVE_POT_LIMIT");
            assertThat(above.message()).isEqualTo("The pot limit allows a raise to at most 300.");

            String ok = id();
            a.send(new ClientMessage.Act(ok, table, 1L, "raise", 300L, "a2"));
            assertThat(a.await(m -> ok.equals(WsTestClient.idOf(m)))).isInstanceOf(ServerMessage.Ack.class);
        }
    }
}
