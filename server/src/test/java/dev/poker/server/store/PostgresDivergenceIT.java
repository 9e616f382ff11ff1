package dev.poker.server.store;

import static dev.poker.server.store.PostgresOutageIT.waitFor;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;

/**
 * The log falls behind the table's memory while players play (issue 11's reproduction: the last two
 * events deleted and {@code last_seq} moved back, as a commit lost by a crashed database would leave
 * it). The next write is refused as a divergence, not an outage: the copy stops, the table is rebuilt
 * from the log at a new epoch, every viewer gets a snapshot of the rebuilt table, and play goes on.
 */
class PostgresDivergenceIT {

    @Test
    void aTableWhoseLogFellBehindIsReloadedFromItAndItsViewersResynchronised() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        Map<String, String> settings = new HashMap<>(db);
        settings.put("POKER_HAND_DELAY_MS", "50");
        String table;
        try (NodeHarness n = new NodeHarness(settings, new ManualScheduler(1_700_000_000_000L), true);
             WsTestClient watcher = WsTestClient.guest(n.port(), "watcher");
             PostgresOutageIT.Players players = new PostgresOutageIT.Players(n.port())) {
            table = NodeHarness.createTable(watcher, 4, 5, 10, 100, 1_000);
            watcher.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
            players.sit(table);
            waitFor(n, () -> watcher.events(GameEvent.HandEnded.class).size() >= 3, "3 hands before the divergence");

            int before = watcher.snapshot().size();
            long truncated;
            long cut = System.nanoTime();
            try (Connection c = DriverManager.getConnection(db.get("POKER_DB_URL"), db.get("POKER_DB_USER"),
                    db.get("POKER_DB_PASSWORD")); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("DELETE FROM table_events WHERE table_id = '" + table + "' AND seq > (SELECT last_seq - 2"
                        + " FROM poker_tables WHERE table_id = '" + table + "')");
                st.execute("UPDATE poker_tables SET last_seq = last_seq - 2 WHERE table_id = '" + table + "'");
                c.commit();
                try (var rs = st.executeQuery("SELECT last_seq FROM poker_tables WHERE table_id = '" + table + "'")) {
                    rs.next();
                    truncated = rs.getLong(1);
                }
            }
            waitFor(n, () -> snapshotAfter(watcher, before) != null, "a snapshot of the reloaded table");
            long resynced = System.nanoTime() - cut;
            ServerMessage.Snapshot snapshot = snapshotAfter(watcher, before);
            System.out.printf("divergence: log cut back to seq %d; the watcher had a snapshot at seq %d after %d ms%n",
                    truncated, snapshot.seq(), resynced / 1_000_000);
            assertThat(snapshot.seq()).as("the rebuilt table starts from the log").isGreaterThanOrEqualTo(truncated);
            for (WsTestClient p : players.clients) {
                waitFor(n, () -> snapshotAfter(p, 0) != null, "every seated player gets a snapshot too");
            }
            int handsAtReload = watcher.events(GameEvent.HandEnded.class).size();
            waitFor(n, () -> watcher.events(GameEvent.HandEnded.class).size() >= handsAtReload + 3,
                    "3 more hands after the reload");
            assertThat(resynced / 1_000_000).as("serving again and clients resynchronised within 2 s").isLessThan(2_000);
            assertEventsFollowTheSnapshot(watcher, table, snapshot);

            String metrics = get(n, "/metrics");
            assertThat(metrics).contains("poker_tables_diverged_total 1.0").contains("poker_tables_reloaded_total 1.0");
            assertThat(get(n, "/health")).contains("\"tablesNotServing\":[]");
            players.leave(table);
            waitFor(n, () -> n.node.tables().seatedPlayers() == 0, "everyone left");
        }
        try (Database d = TestDatabases.open(db)) {
            Record2<Integer, Long> r = d.dsl().select(count(), max(TABLE_EVENTS.SEQ)).from(TABLE_EVENTS)
                    .where(TABLE_EVENTS.TABLE_ID.eq(table)).fetchSingle();
            assertThat(r.value1().longValue()).as("every seq once, no gap").isEqualTo(r.value2());
        }
    }

    private static ServerMessage.Snapshot snapshotAfter(WsTestClient c, int from) {
        List<ServerMessage> all = c.snapshot();
        for (int i = from; i < all.size(); i++) {
            if (all.get(i) instanceof ServerMessage.Snapshot s) {
                return s;
            }
        }
        return null;
    }

    /** After the snapshot the watcher's events follow it one by one, with no gap and nothing twice. */
    private static void assertEventsFollowTheSnapshot(WsTestClient c, String table, ServerMessage.Snapshot snapshot) {
        List<ServerMessage> all = c.snapshot();
        long expected = snapshot.seq() + 1;
        for (int i = all.indexOf(snapshot) + 1; i < all.size(); i++) {
            if (all.get(i) instanceof ServerMessage.Event e && e.table().equals(table)) {
                assertThat(e.seq()).isEqualTo(expected++);
            }
        }
    }

    private static String get(NodeHarness n, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
