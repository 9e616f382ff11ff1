package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.TABLE_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;


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
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under play and comes back: tables pause (commands get STORE_UNAVAILABLE,
 * clocks hold), /health says the store is down, and when the database returns everything resumes by
 * itself with nothing dropped or applied twice.
 */
class PostgresOutageIT {

    @Test
    void tablesPauseWhileTheDatabaseIsDownAndResumeByThemselves() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        Map<String, String> settings = new HashMap<>(db);
        settings.put("POKER_HAND_DELAY_MS", "50");
        try (NodeHarness n = new NodeHarness(settings, new ManualScheduler(1_700_000_000_000L), true);
             WsTestClient watcher = WsTestClient.guest(n.port(), "watcher");
             Players players = new Players(n.port())) {
            String table = NodeHarness.createTable(watcher, 4, 5, 10, 100, 1_000);
            watcher.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
            players.sit(table);
            waitFor(n, () -> watcher.events(GameEvent.HandEnded.class).size() >= 3, "3 hands before the outage");

            PostgresControl.stop();
            long down = System.nanoTime();
            HttpClient http = HttpClient.newHttpClient();
            waitFor(n, () -> health(http, n).statusCode() == 503, "/health reports the outage");
            assertThat(health(http, n).body()).contains("\"store\":\"down\"");
            String sitId = WsTestClient.nextId();
            long asked = System.nanoTime();
            watcher.send(new ClientMessage.Sit(sitId, table, 3, 100L, null));
            waitFor(n, () -> watcher.snapshot().stream().anyMatch(m -> sitId.equals(idOf(m))), "an answer to sit");
            System.out.println("sit answered in " + (System.nanoTime() - asked) / 1_000_000 + " ms");
            ServerMessage answer = watcher.snapshot().stream().filter(m -> sitId.equals(idOf(m))).findFirst().get();
            assertThat(answer).isInstanceOf(ServerMessage.Error.class);
            assertThat(((ServerMessage.Error) answer).code()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(((ServerMessage.Error) answer).retryable()).isTrue();
            int handsAtOutage = watcher.events(GameEvent.HandEnded.class).size();
            n.clock.advance(60_000); // clocks hold while paused: nobody is timed out
            Thread.sleep(1_000);

            Thread.sleep(Math.max(0, 5_000 - (System.nanoTime() - down) / 1_000_000)); // a 5 s outage at least
            int seenBeforeRestart = watcher.snapshot().size();
            PostgresControl.start(); // returns once PostgreSQL accepts connections
            long back = System.nanoTime();
            waitFor(n, () -> watcher.snapshot().subList(seenBeforeRestart, watcher.snapshot().size()).stream()
                    .anyMatch(m -> m instanceof ServerMessage.Event), "the table's first event after the outage");
            long resumedMs = (System.nanoTime() - back) / 1_000_000;
            System.out.println("the table resumed " + resumedMs + " ms after PostgreSQL accepted connections again");
            assertThat(resumedMs).as("tables resume within 1 s of the database answering").isLessThan(1_000);
            waitFor(n, () -> health(http, n).statusCode() == 200, "/health recovers");
            waitFor(n, () -> watcher.events(GameEvent.HandEnded.class).size() >= handsAtOutage + 3,
                    "3 more hands after the database came back");
            assertThat(watcher.events(GameEvent.TimedOut.class)).as("no clock ran out during the outage").isEmpty();
            players.leave(table);
            waitFor(n, () -> n.node.tables().seatedPlayers() == 0, "everyone left");
        }
        try (Database d = TestDatabases.open(db)) {
            Record2<Integer, Long> r = d.dsl().select(count(), max(TABLE_EVENTS.SEQ)).from(TABLE_EVENTS).fetchSingle();
            assertThat(r.value1().longValue()).as("every seq once, no gap").isEqualTo(r.value2());
            assertThat(new LedgerCheck(d).run().problems()).isEmpty();
        }
    }

    private static String idOf(ServerMessage m) {
        return m instanceof ServerMessage.Error e ? e.id() : m instanceof ServerMessage.Ack a ? a.id() : null;
    }

    private static HttpResponse<String> health(HttpClient http, NodeHarness n) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void waitFor(NodeHarness n, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            n.clock.advance(10);
            Thread.sleep(10);
        }
    }

    /** Three self-playing clients. */
    static final class Players implements AutoCloseable {
        final WsTestClient[] clients = new WsTestClient[3];

        Players(int port) {
            for (int i = 0; i < clients.length; i++) {
                WsTestClient c = WsTestClient.guest(port, "p" + i);
                c.onMessage(m -> {
                    if (m instanceof ServerMessage.YourTurn t) {
                        c.sendAsync(new ClientMessage.Act(WsTestClient.nextId(), t.table(), t.hand(),
                                t.actions().contains("check") ? "check" : "call", null, "a" + WsTestClient.nextId()));
                    }
                });
                clients[i] = c;
            }
        }

        void sit(String table) {
            for (int i = 0; i < clients.length; i++) {
                clients[i].request(new ClientMessage.Sit(WsTestClient.nextId(), table, i, 500L, null),
                        ServerMessage.Ack.class);
            }
        }

        void leave(String table) {
            for (WsTestClient c : clients) {
                c.sendAsync(new ClientMessage.Leave(WsTestClient.nextId(), table));
            }
        }

        @Override
        public void close() {
            for (WsTestClient c : clients) {
                c.close();
            }
        }
    }
}
