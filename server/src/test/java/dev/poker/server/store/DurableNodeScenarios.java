package dev.poker.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.cards.Card;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.ManualScheduler;
import dev.poker.server.NodeHarness;
import dev.poker.server.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios of a node on a real database, run against H2 (unit tests) and PostgreSQL (integration
 * tests): a hand interrupted by a restart resumes with the same cards, pots and player to act;
 * the hand history shows only what it may; the ledger balances.
 */
public abstract class DurableNodeScenarios {

    /** Settings of a fresh database for one test. */
    protected abstract Map<String, String> database();

    private static String id() {
        return WsTestClient.nextId();
    }

    private NodeHarness node(Map<String, String> db, long startMillis) {
        Map<String, String> settings = new HashMap<>(db);
        settings.put("POKER_HAND_DELAY_MS", "100");
        return new NodeHarness(settings, new ManualScheduler(startMillis), true);
    }

    protected void aHandInterruptedByARestartResumesAtTheSameStreetWithTheSameCards() throws Exception {
        Map<String, String> db = database();
        String table;
        String tokenA;
        String tokenB;
        List<String> cardsA;
        String accountA;
        long betAck;
        try (NodeHarness first = node(db, 1_700_000_000_000L)) {
            WsTestClient a = WsTestClient.guest(first.port(), "ann");
            WsTestClient b = WsTestClient.guest(first.port(), "bob");
            accountA = a.account;
            tokenA = a.token;
            tokenB = b.token;
            table = NodeHarness.createTable(a, 2, 50, 100, 100, 10_000);
            a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            first.scripted.addHand(List.of(Card.parseAll("AhAd"), Card.parseAll("KhKd")), Card.parseAll("2c7d9hJs3c"));
            a.request(new ClientMessage.Sit(id(), table, 0, 5_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(id(), table, 1, 5_000L, null), ServerMessage.Ack.class);
            first.clock.advance(100);
            a.await(m -> m instanceof ServerMessage.YourTurn);
            a.request(new ClientMessage.Act(id(), table, 1L, "raise", 300L, "a1"), ServerMessage.Ack.class);
            b.request(new ClientMessage.Act(id(), table, 1L, "call", null, "b1"), ServerMessage.Ack.class);
            b.await(m -> m instanceof ServerMessage.YourTurn t && t.hand() == 1);
            betAck = b.request(new ClientMessage.Act(id(), table, 1L, "bet", 400L, "b2"), ServerMessage.Ack.class).seq();
            a.awaitEvent(GameEvent.ActionTaken.class, e -> e.seat() == 1 && e.action().equals("bet"));
            cardsA = a.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 0).cards();
            a.close();
            b.close();
        }
        try (NodeHarness second = node(db, 1_700_000_100_000L)) {
            WsTestClient a = WsTestClient.connect(second.port());
            WsTestClient b = WsTestClient.connect(second.port());
            assertThat(a.request(new ClientMessage.Hello(id(), null, tokenA), ServerMessage.Welcome.class).balance())
                    .isEqualTo(95_000);
            b.request(new ClientMessage.Hello(id(), null, tokenB), ServerMessage.Welcome.class);
            a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            ServerMessage.Snapshot s = (ServerMessage.Snapshot) a.await(m -> m instanceof ServerMessage.Snapshot);
            assertThat(s.view().hand()).isEqualTo(1);
            assertThat(s.view().street()).isEqualTo("flop");
            assertThat(s.view().board()).containsExactly("2c", "7d", "9h");
            assertThat(s.view().toAct()).isZero();
            assertThat(s.view().players().get(0).cards()).isEqualTo(cardsA);
            assertThat(s.view().players().get(1).cards()).isNull();
            assertThat(s.view().pots()).extracting(p -> p.amount()).containsExactly(1_000L);
            ServerMessage.YourTurn t = (ServerMessage.YourTurn) a.await(m -> m instanceof ServerMessage.YourTurn);
            assertThat(t.callAmount()).isEqualTo(400);
            assertThat(t.deadline()).as("the clock restarts in full").isEqualTo(1_700_000_100_000L + 15_000);
            // bob's bet before the restart was acknowledged; a retry with the same action id gets the same
            // answer from the new node and changes nothing
            ServerMessage.Ack again = b.request(new ClientMessage.Act(id(), table, 1L, "bet", 400L, "b2"),
                    ServerMessage.Ack.class);
            assertThat(again.seq()).as("the same ack as before the restart").isEqualTo(betAck);
            a.request(new ClientMessage.Act(id(), table, 1L, "call", null, "a2"), ServerMessage.Ack.class);
            for (int street = 0; street < 2; street++) {
                b.await(m -> m instanceof ServerMessage.YourTurn);
                int before = b.snapshot().size();
                b.request(new ClientMessage.Act(id(), table, 1L, "check", null, "bc" + street), ServerMessage.Ack.class);
                a.awaitFrom(0, m -> m instanceof ServerMessage.YourTurn y && a.snapshot().indexOf(y) > 0);
                a.request(new ClientMessage.Act(id(), table, 1L, "check", null, "ac" + street), ServerMessage.Ack.class);
                assertThat(before).isPositive();
            }
            GameEvent.PotAwarded pot = a.awaitEvent(GameEvent.PotAwarded.class, p -> true);
            assertThat(pot.shares()).containsExactly(new GameEvent.Share(0, 1_400));

            // the hand history: public view hides bob's cards unless shown, the owner sees their own
            HttpClient http = HttpClient.newHttpClient();
            String handId = table + "-1";
            String open = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                    + "/api/hands/" + handId)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(open).contains("variant = \"NT\"", "AhAd");
            String mine = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                    + "/api/players/" + accountA + "/hands")).header("Authorization", "Bearer " + tokenA).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(mine).contains(handId, "\"net\":700");
            int forbidden = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                    + "/api/players/" + accountA + "/hands")).header("Authorization", "Bearer " + tokenB).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(forbidden).isEqualTo(403);
            a.close();
            b.close();
        }
        try (Database d = TestDatabases.open(db)) {
            LedgerCheck.Report r = new LedgerCheck(d).run();
            assertThat(r.problems()).isEmpty();
            assertThat(r.issued()).isEqualTo(200_000);
            assertThat(r.onTables()).isEqualTo(10_000);
        }
    }

    protected void aFoldedHandShowsNoHoleCardsButTheOwnersOwn() throws Exception {
        Map<String, String> db = database();
        try (NodeHarness n = node(db, 1_700_000_000_000L);
             WsTestClient a = WsTestClient.guest(n.port(), "ann");
             WsTestClient b = WsTestClient.guest(n.port(), "bob")) {
            String table = NodeHarness.createTable(a, 2, 50, 100, 100, 10_000);
            n.scripted.addHand(List.of(Card.parseAll("AhAd"), Card.parseAll("KhKd")), Card.parseAll("2c7d9hJs3c"));
            a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
            a.request(new ClientMessage.Sit(id(), table, 0, 5_000L, null), ServerMessage.Ack.class);
            b.request(new ClientMessage.Sit(id(), table, 1, 5_000L, null), ServerMessage.Ack.class);
            n.clock.advance(100);
            a.await(m -> m instanceof ServerMessage.YourTurn);
            a.request(new ClientMessage.Act(id(), table, 1L, "fold", null, "f"), ServerMessage.Ack.class);
            a.awaitEvent(GameEvent.HandEnded.class, e -> true);
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + n.port() + "/api/hands/" + table + "-1");
            String anyone = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(anyone).contains("????").doesNotContain("AhAd").doesNotContain("KhKd");
            String owner = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + a.token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(owner).contains("AhAd").doesNotContain("KhKd");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port() + "/api/hands/nope"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }
}
