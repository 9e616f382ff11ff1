package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.account.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Many tables with self-playing clients at once: afterwards every chip is accounted for. */
class ManyTablesTest {

    @Test
    void chipsAreConservedAcrossTablesAndBalances() throws Exception {
        int tables = 8;
        int seats = 6;
        try (NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "10"))) {
            List<AutoPlayer> players = new ArrayList<>();
            List<WsTestClient> watchers = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            try {
                for (int t = 0; t < tables; t++) {
                    WsTestClient watcher = WsTestClient.guest(harness.port(), "w" + t);
                    ServerMessage.Ack ack = watcher.request(new ClientMessage.CreateTable(WsTestClient.nextId(),
                            "table " + t, seats, 5, 10, t % 2 == 0 ? 1L : null, null, 200, 2_000, 15_000L, 5_000L,
                            500, 20L), ServerMessage.Ack.class);
                    ids.add(ack.table());
                    watcher.request(new ClientMessage.Join(WsTestClient.nextId(), ack.table(), null),
                            ServerMessage.Ack.class);
                    watchers.add(watcher);
                    for (int s = 0; s < seats; s++) {
                        AutoPlayer p = new AutoPlayer(harness.port(), "p" + t + "_" + s, t * 100L + s);
                        p.sit(ack.table(), s, 200 + 300L * s);
                        players.add(p);
                    }
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (watchers.stream().anyMatch(w -> w.events(GameEvent.HandEnded.class).size() < 10)) {
                    assertThat(System.nanoTime()).as("10 hands at every table within 60 s").isLessThan(deadline);
                    harness.clock.advance(10);
                    Thread.sleep(2);
                }
                // everyone stands up; chips come back to balances as hands end
                for (AutoPlayer p : players) {
                    String table = ids.get(players.indexOf(p) / seats);
                    p.client.sendAsync(new ClientMessage.Leave(WsTestClient.nextId(), table));
                }
                Accounts accounts = harness.node.accounts();
                while (harness.node.tables().seatedPlayers() > 0) {
                    assertThat(System.nanoTime()).as("everyone left within the time").isLessThan(deadline);
                    harness.clock.advance(10);
                    Thread.sleep(2);
                }
                // the lobby counts a player gone when the leave is decided; the chips (and the last hand's rake)
                // are counted once its events are durable: wait for the writes in flight
                long settle = System.nanoTime() + 10_000_000_000L;
                while (accounts.totalBalances() + rakeCollected(harness) != accounts.chipsIssued()
                        && System.nanoTime() < settle) {
                    Thread.sleep(5);
                }
                long rake = rakeCollected(harness);
                assertThat(rake).as("the tables took rake").isPositive();
                assertThat(accounts.totalBalances() + rake).isEqualTo(accounts.chipsIssued());
                long hands = (long) harness.node.metrics().registry().get("poker.hands.completed").counter().count();
                assertThat(hands).isGreaterThanOrEqualTo(tables * 10L);
            } finally {
                players.forEach(AutoPlayer::close);
                watchers.forEach(WsTestClient::close);
            }
        }
    }

    private static long rakeCollected(NodeHarness harness) {
        return (long) harness.node.metrics().registry().get("poker.rake.collected").counter().count();
    }
}
