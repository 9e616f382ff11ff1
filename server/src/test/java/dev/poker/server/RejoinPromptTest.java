package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a player who rejoins with {@code lastSeq} equal to the table's seq (nothing missed) while it
 * is their turn gets the {@code ack} and then a {@code your_turn}, as after a snapshot, so a client never
 * needs to unwatch and join again to learn it is to act (protocol/README.md §3.4, §8).
 */
class RejoinPromptTest {
    private final NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "100"));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRejoinThatMissedNothingGetsTheAckThenThePendingTurn() {
        WsTestClient a = WsTestClient.guest(harness.port(), "ann");
        try (WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String created = WsTestClient.nextId();
            a.sendRaw("{\"type\":\"create_table\",\"id\":\"" + created + "\",\"name\":\"hu\",\"seats\":2,"
                    + "\"smallBlind\":50,\"bigBlind\":100,\"minBuyIn\":100,\"maxBuyIn\":10000}");
            String table = ((ServerMessage.Ack) a.await(m -> created.equals(WsTestClient.idOf(m)))).table();
            a.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
            a.request(new ClientMessage.Sit(WsTestClient.nextId(), table, 0, 5_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(WsTestClient.nextId(), table, 1, 5_000L, null), ServerMessage.Ack.class);
            harness.clock.advance(100);
            ServerMessage.YourTurn live = (ServerMessage.YourTurn) a.await(m -> m instanceof ServerMessage.YourTurn);
            long seen = a.lastSeq(table);
            String token = a.token;
            a.abort();

            try (WsTestClient again = WsTestClient.connect(harness.port())) {
                again.request(new ClientMessage.Hello(WsTestClient.nextId(), null, token), ServerMessage.Welcome.class);
                ServerMessage.Ack ack = again.request(new ClientMessage.Join(WsTestClient.nextId(), table, seen),
                        ServerMessage.Ack.class);
                assertThat(ack.seq()).as("nothing was missed").isEqualTo(seen);
                ServerMessage.YourTurn turn = (ServerMessage.YourTurn) again.await(m -> m instanceof ServerMessage.YourTurn);
                assertThat(turn.hand()).isEqualTo(live.hand());
                assertThat(turn.actions()).isEqualTo(live.actions());
                List<ServerMessage> got = again.snapshot();
                assertThat(got).noneMatch(m -> m instanceof ServerMessage.Snapshot || m instanceof ServerMessage.Event);
                assertThat(got.indexOf(ack)).as("the ack, then the prompt").isLessThan(got.indexOf(turn));
            }
        }
    }
}
