package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnects, clocks, idempotency, limits and bad input, over real WebSocket connections. */
class NodeBehaviourTest {
    NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "100", "POKER_SIT_OUT_REMOVE_MS", "60000"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String id() {
        return WsTestClient.nextId();
    }

    /** Two players at a heads-up table, hand 1 dealt; seat 0 (a) is the button and acts first. */
    private String headsUp(WsTestClient a, WsTestClient b, long timeBankMs) {
        ServerMessage.Ack created = a.request(new ClientMessage.CreateTable(id(), "hu", 2, 50, 100, null, null, 100,
                10_000, 15_000L, timeBankMs, null, null), ServerMessage.Ack.class);
        String table = created.table();
        a.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
        b.request(new ClientMessage.Join(id(), table, null), ServerMessage.Ack.class);
        a.request(new ClientMessage.Sit(id(), table, 0, 5_000L, null), ServerMessage.Ack.class);
        b.request(new ClientMessage.Sit(id(), table, 1, 5_000L, null), ServerMessage.Ack.class);
        harness.clock.advance(100);
        a.await(m -> m instanceof ServerMessage.YourTurn t && t.hand() == 1);
        return table;
    }

    private static ServerMessage act(WsTestClient c, String table, long hand, String action, Long amount,
            String actionId) {
        String rid = id();
        c.send(new ClientMessage.Act(rid, table, hand, action, amount, actionId));
        return c.await(m -> rid.equals(WsTestClient.idOf(m)));
    }

    @Test
    void aTableHandedOffFinishesItsHandAndStartsNoOther() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
                WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = headsUp(a, b, 0);
            var actor = harness.node.tables().find(table).orElseThrow();
            java.util.concurrent.CountDownLatch handedOver = new java.util.concurrent.CountDownLatch(1);
            actor.handOff(harness.clock.nowMillis() + 60_000, handedOver::countDown);
            assertThat(act(a, table, 1, "call", null, "h1")).isInstanceOf(ServerMessage.Ack.class);
            harness.clock.advance(10);
            assertThat(handedOver.getCount()).as("the hand in progress goes on").isEqualTo(1);
            assertThat(act(b, table, 1, "check", null, "h2")).isInstanceOf(ServerMessage.Ack.class);
            for (int street = 0; street < 3; street++) {
                // after the flop the big blind (bob) acts first: check, check
                assertThat(act(b, table, 1, "check", null, "hb" + street)).isInstanceOf(ServerMessage.Ack.class);
                assertThat(act(a, table, 1, "check", null, "ha" + street)).isInstanceOf(ServerMessage.Ack.class);
            }
            a.awaitEvent(GameEvent.HandEnded.class, e -> true);
            harness.clock.advance(5_000);
            assertThat(await(handedOver)).as("stopped at the hand boundary").isTrue();
            assertThat(actor.isStopped()).isTrue();
            assertThat(a.events(GameEvent.HandStarted.class)).as("no new hand after the hand-off").hasSize(1);
            assertThat(harness.node.tables().find(table)).as("gone from this node").isEmpty();
        }
    }

    private static boolean await(java.util.concurrent.CountDownLatch l) {
        try {
            return l.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPlayerWhoReconnectsMidHandGetsWhatTheyMissedAndPlaysOn() {
        WsTestClient a = WsTestClient.guest(harness.port(), "ann");
        try (WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = headsUp(a, b, 0);
            assertThat(act(a, table, 1, "call", null, "x1")).isInstanceOf(ServerMessage.Ack.class);
            ServerMessage checked = act(b, table, 1, "check", null, "x2");
            assertThat(checked).isInstanceOf(ServerMessage.Ack.class);
            b.await(m -> m instanceof ServerMessage.YourTurn);
            // the whole batch of the check reached ann (its events come as separate frames): a lastSeq inside a
            // batch would rightly be answered with a snapshot
            long checkedSeq = ((ServerMessage.Ack) checked).seq();
            a.await(m -> m instanceof ServerMessage.Event e && e.seq() == checkedSeq);
            long seen = a.lastSeq(table);
            String token = a.token;
            a.abort();
            assertThat(act(b, table, 1, "bet", 200L, "x3")).isInstanceOf(ServerMessage.Ack.class);

            try (WsTestClient again = WsTestClient.connect(harness.port())) {
                ServerMessage.Welcome w = again.request(new ClientMessage.Hello(id(), null, token),
                        ServerMessage.Welcome.class);
                assertThat(w.account()).isEqualTo(a.account);
                again.request(new ClientMessage.Join(id(), table, seen), ServerMessage.Ack.class);
                GameEvent.ActionTaken bet = again.awaitEvent(GameEvent.ActionTaken.class, e -> e.seat() == 1
                        && e.action().equals("bet"));
                assertThat(bet.betTo()).isEqualTo(200);
                assertThat(again.snapshot()).noneMatch(m -> m instanceof ServerMessage.Snapshot);
                ServerMessage.Event first = (ServerMessage.Event) again.await(m -> m instanceof ServerMessage.Event);
                assertThat(first.seq()).as("catch-up starts right after what the client saw").isEqualTo(seen + 1);
                ServerMessage.YourTurn turn = (ServerMessage.YourTurn) again.await(m -> m instanceof ServerMessage.YourTurn);
                assertThat(turn.callAmount()).isEqualTo(200);
                assertThat(act(again, table, 1, "call", null, "x4")).isInstanceOf(ServerMessage.Ack.class);
            }
        }
    }

    @Test
    void aReconnectTooFarBehindGetsASnapshotWithTheOwnCardsOnly() {
        WsTestClient a = WsTestClient.guest(harness.port(), "ann");
        try (WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = headsUp(a, b, 0);
            List<String> mine = a.awaitEvent(GameEvent.HoleCards.class, h -> h.seat() == 0).cards();
            String token = a.token;
            a.abort();
            try (WsTestClient again = WsTestClient.connect(harness.port())) {
                again.request(new ClientMessage.Hello(id(), null, token), ServerMessage.Welcome.class);
                again.request(new ClientMessage.Join(id(), table, 999_999L), ServerMessage.Ack.class);
                ServerMessage.Snapshot s = (ServerMessage.Snapshot) again.await(m -> m instanceof ServerMessage.Snapshot);
                assertThat(s.view().yourSeat()).isZero();
                assertThat(s.view().players().get(0).cards()).isEqualTo(mine);
                assertThat(s.view().players().get(1).cards()).isNull();
                assertThat(s.view().toAct()).isZero();
                again.await(m -> m instanceof ServerMessage.YourTurn);
            }
        }
    }

    @Test
    void theClockFoldsThenSitsOutThenRemovesAnAbsentPlayerWithTheirChips() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
             WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = headsUp(a, b, 0);
            a.abort(); // the seat stays, the clock runs
            harness.clock.advance(15_000);
            GameEvent.ActionTaken fold = b.awaitEvent(GameEvent.ActionTaken.class, e -> e.seat() == 0);
            assertThat(fold.action()).isEqualTo("fold");
            assertThat(fold.auto()).isTrue();
            b.awaitEvent(GameEvent.HandEnded.class, e -> e.hand() == 1);
            harness.clock.advance(100); // hand 2: b is the button and acts first
            b.await(m -> m instanceof ServerMessage.YourTurn t && t.hand() == 2);
            act(b, table, 2, "call", null, "y1");
            harness.clock.advance(15_000); // a, in the big blind, checks by the clock: second timeout in a row
            GameEvent.SatOut out = b.awaitEvent(GameEvent.SatOut.class, e -> e.seat() == 0);
            assertThat(out.reason()).isEqualTo("timeouts");
            harness.clock.advance(60_000); // removal is due; a is still in the hand, so a leaves when it ends
            b.awaitEvent(GameEvent.Leaving.class, e -> e.seat() == 0);
            b.await(m -> m instanceof ServerMessage.YourTurn t && t.hand() == 2 && t.actions().contains("check"));
            act(b, table, 2, "fold", null, "y2");
            GameEvent.Left left = b.awaitEvent(GameEvent.Left.class, e -> e.seat() == 0);
            assertThat(left.account()).isEqualTo(a.account);
            assertThat(harness.node.accounts().find(a.account).orElseThrow().balance())
                    .isEqualTo(100_000 - 5_000 + left.chips());
        }
    }

    @Test
    void theSameActionIdHasOneEffectAndTheSameAnswer() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
             WsTestClient b = WsTestClient.guest(harness.port(), "bob")) {
            String table = headsUp(a, b, 0);
            String r1 = id();
            String r2 = id();
            a.send(new ClientMessage.Act(r1, table, 1L, "raise", 300L, "same"));
            a.send(new ClientMessage.Act(r2, table, 1L, "raise", 300L, "same"));
            ServerMessage first = a.await(m -> r1.equals(WsTestClient.idOf(m)));
            ServerMessage second = a.await(m -> r2.equals(WsTestClient.idOf(m)));
            assertThat(first).isInstanceOf(ServerMessage.Ack.class);
            assertThat(second).isEqualTo(new ServerMessage.Ack(r2, table, ((ServerMessage.Ack) first).seq()));
            act(b, table, 1, "fold", null, "z");
            b.awaitEvent(GameEvent.HandEnded.class, e -> e.hand() == 1);
            assertThat(b.events(GameEvent.ActionTaken.class)).filteredOn(e -> e.seat() == 0).hasSize(1);
            // a rejected action is remembered too
            ServerMessage err = act(a, table, 1, "check", null, "late");
            ServerMessage again = act(a, table, 1, "check", null, "late");
            assertThat(((ServerMessage.Error) err).code()).isEqualTo("HAND_NOT_RUNNING");
            assertThat(((ServerMessage.Error) again).code()).isEqualTo("HAND_NOT_RUNNING");
        }
    }

    @Test
    void actingOutOfTurnOrWithoutASeatIsRefusedWithTheEngineCode() {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann");
             WsTestClient b = WsTestClient.guest(harness.port(), "bob");
             WsTestClient c = WsTestClient.guest(harness.port(), "cat")) {
            String table = headsUp(a, b, 0);
            assertThat(((ServerMessage.Error) act(b, table, 1, "check", null, "b1")).code()).isEqualTo("NOT_YOUR_TURN");
            assertThat(((ServerMessage.Error) act(c, table, 1, "fold", null, "c1")).code()).isEqualTo("NOT_SEATED");
            ServerMessage.Error low = (ServerMessage.Error) act(a, table, 1, "raise", 150L, "a1");
            assertThat(low.code()).isEqualTo("BELOW_MIN_RAISE");
            assertThat(low.retryable()).isFalse();
            assertThat(low.message()).contains("200");
            assertThat(((ServerMessage.Error) act(a, table, 7, "fold", null, "a2")).code()).isEqualTo("WRONG_HAND");
        }
    }

    @Test
    void tooManyMessagesAreRateLimitedAndTheConnectionStaysUsable() throws Exception {
        try (NodeHarness limited5 = new NodeHarness(Map.of("POKER_RATE_LIMIT", "5", "POKER_RATE_BURST", "5"));
             WsTestClient a = WsTestClient.connect(limited5.port())) {
            for (int i = 0; i < 20; i++) {
                a.send(new ClientMessage.Ping("p" + i, null));
            }
            ServerMessage.Error limited = (ServerMessage.Error) a.await(m -> m instanceof ServerMessage.Error);
            assertThat(limited.code()).isEqualTo("RATE_LIMITED");
            assertThat(limited.retryable()).isTrue();
            Thread.sleep(1_100);
            a.request(new ClientMessage.Ping("later", 7L), ServerMessage.Pong.class);
        }
    }

    @Test
    void persistentAbuseClosesTheConnection() {
        try (NodeHarness strict = new NodeHarness(Map.of("POKER_RATE_LIMIT", "1", "POKER_RATE_BURST", "1",
                "POKER_ABUSE_LIMIT", "10"));
             WsTestClient a = WsTestClient.connect(strict.port())) {
            for (int i = 0; i < 40 && a.closeCode < 0; i++) {
                try {
                    a.send(new ClientMessage.Ping("p" + i, null));
                } catch (RuntimeException closed) {
                    break;
                }
            }
            a.awaitClose();
            assertThat(a.closeCode).isEqualTo(1008);
        }
    }

    @Test
    void anOversizedFrameClosesWith1009() {
        try (WsTestClient a = WsTestClient.connect(harness.port())) {
            a.sendRaw("{\"type\":\"ping\",\"id\":\"" + "x".repeat(20_000) + "\"}");
            a.awaitClose();
            assertThat(a.closeCode).isEqualTo(1009);
        }
    }

    @Test
    void badFramesGetErrorsAndTheConnectionStaysUsable() {
        try (WsTestClient a = WsTestClient.connect(harness.port())) {
            a.sendRaw("{not json");
            assertThat(((ServerMessage.Error) a.await(m -> m instanceof ServerMessage.Error)).code()).isEqualTo("BAD_JSON");
            a.sendRaw("{\"type\":\"teleport\",\"id\":\"t1\"}");
            ServerMessage.Error unknown = (ServerMessage.Error) a.await(m -> "t1".equals(WsTestClient.idOf(m)));
            assertThat(unknown.code()).isEqualTo("UNKNOWN_TYPE");
            a.sendRaw("{\"type\":\"join\",\"id\":\"j1\",\"table\":\"nope\"}");
            assertThat(((ServerMessage.Error) a.await(m -> "j1".equals(WsTestClient.idOf(m)))).code())
                    .isEqualTo("NOT_AUTHENTICATED");
            a.request(new ClientMessage.Hello("h1", "ann", null), ServerMessage.Welcome.class);
            assertThat(a.request(new ClientMessage.Join("j2", "nope", null), ServerMessage.Error.class).code())
                    .isEqualTo("TABLE_NOT_FOUND");
            assertThat(a.request(new ClientMessage.Hello("h2", "again", null), ServerMessage.Error.class).code())
                    .isEqualTo("ALREADY_AUTHENTICATED");
            a.request(new ClientMessage.Ping("p", 1L), ServerMessage.Pong.class);
        }
    }

    @Test
    void anInvalidTokenIsRefused() {
        try (WsTestClient a = WsTestClient.connect(harness.port())) {
            assertThat(a.request(new ClientMessage.Hello("h", null, "a.1.forged"), ServerMessage.Error.class).code())
                    .isEqualTo("INVALID_TOKEN");
        }
    }

    @Test
    void aClientAskingForAnUnknownProtocolVersionIsRefusedAtTheHandshake() throws Exception {
        assertThatThrownBy(() -> WsTestClient.connect(harness.port(), "poker.v2")).hasRootCauseMessage(
                "Unexpected HTTP response status code 400");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + harness.port() + "/ws"))
                .header("Sec-WebSocket-Protocol", "poker.v2").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void healthMetricsAndTheLobbyAnswerOverHttp() throws Exception {
        try (WsTestClient a = WsTestClient.guest(harness.port(), "ann")) {
            NodeHarness.createTable(a, 6, 1, 2, 40, 200);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(get("/health"), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"", "\"node\":\"test-node\"", "\"tables\":1",
                    "\"connections\":1", "\"draining\":false", "\"store\":\"up\"");
            HttpResponse<String> lobby = http.send(get("/api/tables"), HttpResponse.BodyHandlers.ofString());
            assertThat(lobby.body()).contains("\"name\":\"test table\"", "\"seats\":6", "\"bigBlind\":2");
            HttpResponse<String> metrics = http.send(get("/metrics"), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("poker_active_players_total", "poker_tables_active_total 1.0",
                    "poker_hands_completed_total", "poker_rake_collected_total",
                    "poker_action_latency_seconds_bucket", "poker_websocket_message_duration_seconds_bucket",
                    "jvm_memory_used_bytes", "process_cpu_usage", "netty_allocator_memory_used");
            assertThat(http.send(get("/nope"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            harness.node.status().drain();
            assertThat(http.send(get("/health"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + path)).GET().build();
    }
}
