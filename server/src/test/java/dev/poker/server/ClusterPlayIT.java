package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.TestRedis;
import dev.poker.server.store.TestDatabases;
import dev.poker.server.time.SystemScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two cluster nodes in this process on one PostgreSQL and a private Redis: players connected to
 * different nodes play at one table (commands forwarded to the owner, events fanned out over Redis
 * and filtered per viewer on each node). During a Redis outage the owner keeps its table; a player
 * connected to the other node cannot reach it, so their clock holds instead of acting for them, and play
 * resumes when Redis is back.
 */
class ClusterPlayIT {

    private static Map<String, String> settings(Map<String, String> db, String redisUrl, String node) {
        Map<String, String> s = new HashMap<>(db);
        s.put("POKER_REDIS_URL", redisUrl);
        s.put("POKER_NODE_ID", node);
        s.put("POKER_HAND_DELAY_MS", "30");
        s.put("POKER_DATA_DIR", db.get("POKER_DATA_DIR") + "/" + node);
        s.put("POKER_FORWARD_TIMEOUT_MS", "2000");
        s.put("POKER_DRAIN_DEADLINE_MS", "1000");
        // the auto-players act the instant it is their turn, in hands 30 ms apart: no rate limit here
        s.put("POKER_RATE_LIMIT", "1000");
        s.put("POKER_RATE_BURST", "1000");
        return s;
    }

    @Test
    void playersOnDifferentNodesShareOneHandAndNobodySeesAnotherPlayersCards() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        SystemScheduler clock = new SystemScheduler();
        try (TestRedis redis = TestRedis.startPrivate();
                NodeHarness a = new NodeHarness(settings(db, redis.url(), "node-a"), clock, true);
                NodeHarness b = new NodeHarness(settings(db, redis.url(), "node-b"), clock, true)) {
            List<AutoPlayer> players = new ArrayList<>();
            WsTestClient watcherA = WsTestClient.guest(a.port(), "watcher-a");
            WsTestClient watcherB = WsTestClient.guest(b.port(), "watcher-b");
            try {
                for (int i = 0; i < 4; i++) {
                    players.add(new AutoPlayer(i % 2 == 0 ? a.port() : b.port(), "p" + i, 7_000 + i));
                }
                String table = NodeHarness.createTable(players.get(0).client, 4, 5, 10, 200, 2_000);
                NodeHarness owner = a.node.tables().find(table).isPresent() ? a : b;
                NodeHarness other = owner == a ? b : a;
                assertThat(other.node.tables().find(table)).as("one owner").isEmpty();
                for (WsTestClient w : List.of(watcherA, watcherB)) {
                    w.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
                }
                for (int i = 0; i < 4; i++) {
                    players.get(i).sit(table, i, 500);
                }
                await(60, "30 hands seen on both nodes", () -> watcherA.events(GameEvent.HandEnded.class).size() >= 30
                        && watcherB.events(GameEvent.HandEnded.class).size() >= 30);
                players.forEach(p -> p.stopped = true);

                List<WsTestClient> everyone = new ArrayList<>();
                players.forEach(p -> everyone.add(p.client));
                everyone.add(watcherA);
                everyone.add(watcherB);
                int showdowns = 0;
                for (WsTestClient c : everyone) {
                    showdowns = Math.max(showdowns, PrivacyTest.checkFrames(c));
                    for (ServerMessage m : c.snapshot()) {
                        assertThat(m).as("%s got no error", c.account).isNotInstanceOf(ServerMessage.Error.class);
                    }
                }
                assertThat(showdowns).as("hands that reached a showdown").isGreaterThan(3);
                // the two spectators, one on each node, saw the same events
                assertThat(eventsFrom(watcherB, 1, 30)).isEqualTo(eventsFrom(watcherA, 1, 30));
                // the players on the other node really went through forwarding
                String scrape = other.node.metrics().scrape();
                assertThat(forwardCount(scrape)).as("requests forwarded by %s", other == a ? "node-a" : "node-b")
                        .isGreaterThan(20);
            } finally {
                players.forEach(AutoPlayer::close);
                watcherA.close();
                watcherB.close();
            }
        } finally {
            clock.close();
        }
    }

    @Test
    void duringARedisOutageARemotePlayersClockHoldsAndPlayResumesAfter() throws Exception {
        Map<String, String> db = TestDatabases.postgres();
        SystemScheduler clock = new SystemScheduler();
        try (TestRedis redis = TestRedis.startPrivate();
                NodeHarness a = new NodeHarness(settings(db, redis.url(), "node-a"), clock, true);
                NodeHarness b = new NodeHarness(settings(db, redis.url(), "node-b"), clock, true)) {
            WsTestClient creator = WsTestClient.guest(a.port(), "creator");
            // a short clock (2 s, and a 2 s time bank): without the hold, the remote player would be timed out
            // several times over during the 20 s outage
            String table = creator.request(new ClientMessage.CreateTable(WsTestClient.nextId(), "outage", 3, 5L, 10L,
                    null, null, 200L, 2_000L, 2_000L, 0L, null, null), ServerMessage.Ack.class).table();
            creator.close();
            NodeHarness owner = a.node.tables().find(table).isPresent() ? a : b;
            NodeHarness other = owner == a ? b : a;
            List<AutoPlayer> local = List.of(new AutoPlayer(owner.port(), "local-1", 1),
                    new AutoPlayer(owner.port(), "local-2", 2));
            AutoPlayer remote = new AutoPlayer(other.port(), "remote", 3);
            try {
                local.get(0).sit(table, 0, 500);
                local.get(1).sit(table, 1, 500);
                remote.sit(table, 2, 500);
                WsTestClient watcher = local.get(0).client;
                await(30, "5 hands before the outage", () -> watcher.events(GameEvent.HandEnded.class).size() >= 5);

                int eventsBefore = watcher.snapshot().size();
                redis.stop();
                // the remote player cannot reach the table for 20 s (the hold's cap is 60 s): the local players
                // play on until the remote player's turn, then the table waits for them; nobody acts for them
                Thread.sleep(20_000);
                List<ServerMessage> during = watcher.snapshot().subList(eventsBefore, watcher.snapshot().size());
                assertThat(during).as("no automatic action for the remote player during the outage")
                        .noneMatch(m -> m instanceof ServerMessage.Event e && e.event() instanceof GameEvent.TimedOut t
                                && t.seat() == 2)
                        .noneMatch(m -> m instanceof ServerMessage.Event e && e.event() instanceof GameEvent.SatOut o
                                && o.seat() == 2);
                assertThat(owner.node.tables().find(table)).as("still running on its owner").isPresent();
                assertThat(healthOf(owner)).contains("\"redis\":\"down\"");

                redis.start();
                await(30, "redis reported up again", () -> healthOf(owner).contains("\"redis\":\"up\"")
                        && healthOf(other).contains("\"redis\":\"up\""));
                int after = watcher.events(GameEvent.HandEnded.class).size();
                long remoteActs = remote.client.snapshot().stream().filter(m -> m instanceof ServerMessage.Ack).count();
                await(60, "the remote player acts again after the outage", () -> remote.client.snapshot().stream()
                        .filter(m -> m instanceof ServerMessage.Ack).count() > remoteActs + 2);
                await(30, "a hand ends after the outage", () -> watcher.events(GameEvent.HandEnded.class).size() > after);
                assertThat(owner.node.tables().find(table)).as("the owner kept its table").isPresent();
            } finally {
                local.forEach(AutoPlayer::close);
                remote.close();
            }
        } finally {
            clock.close();
        }
    }

    private static String healthOf(NodeHarness h) {
        return h.node.status().json();
    }

    private static double forwardCount(String scrape) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("poker_forward_duration_seconds_count")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** The event frames of hands {@code from}..{@code to}, as the client received them. */
    private static List<String> eventsFrom(WsTestClient c, long from, long to) {
        List<String> out = new ArrayList<>();
        List<String> raw;
        List<ServerMessage> decoded;
        synchronized (c) {
            raw = new ArrayList<>(c.raw);
            decoded = new ArrayList<>(c.messages);
        }
        for (int i = 0; i < raw.size(); i++) {
            if (decoded.get(i) instanceof ServerMessage.Event e && e.hand() >= from && e.hand() <= to) {
                out.add(raw.get(i));
            }
        }
        return out;
    }

    private static void await(int seconds, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
