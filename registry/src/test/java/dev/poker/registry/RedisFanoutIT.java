package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two nodes (two clients, two fan-outs) exchanging table events through Redis pub/sub. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class RedisFanoutIT {

    private static RedisFanout<String> fanout(RedisConnections redis, String ns) {
        return new RedisFanout<>(redis, ns, Function.identity(), Function.identity(), 2);
    }

    private static List<String> sink() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    private static List<String> snapshot(List<String> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private static void awaitConfirmed(RedisFanout<?> f, String ns, String table) throws InterruptedException {
        TestRedis.awaitUntil(Duration.ofSeconds(5), () -> f.confirmedChannels().contains(ns + ":table:" + table),
                "SUBSCRIBE of " + table + " confirmed");
    }

    @Test
    void messagesArriveInOrderAtTheSubscribersOfTheirTableOnly() throws Exception {
        String ns = TestRedis.uniqueNamespace();
        // a generous command timeout: this test is about order and isolation, and a busy test host may
        // delay a burst of PUBLISHes past the default 500 ms (which would drop them: at-most-once)
        try (RedisConnections ra = RedisConnections.connect(TestRedis.sharedUrl(), Duration.ofSeconds(10));
                RedisConnections rb = RedisConnections.connect(TestRedis.sharedUrl(), Duration.ofSeconds(10));
                RedisFanout<String> a = fanout(ra, ns);
                RedisFanout<String> b = fanout(rb, ns)) {
            List<String> b1 = sink();
            List<String> b1Too = sink();
            List<String> b2 = sink();
            List<String> a1Local = sink();
            Fanout.Subscription s1 = b.subscribe("t1", b1::add);
            Fanout.Subscription s1Too = b.subscribe("t1", b1Too::add);
            Fanout.Subscription s2 = b.subscribe("t2", b2::add);
            Fanout.Subscription aLocal = a.subscribe("t1", a1Local::add);
            awaitConfirmed(b, ns, "t1");
            awaitConfirmed(b, ns, "t2");
            awaitConfirmed(a, ns, "t1");

            List<String> expected1 = new ArrayList<>();
            List<String> expected2 = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String m1 = "t1:" + i + "|payload with | bars";
                a.publish("t1", m1);
                expected1.add(m1);
                if (i % 2 == 0) {
                    String m2 = "t2:" + i;
                    a.publish("t2", m2);
                    expected2.add(m2);
                }
                a.publish("t3", "nobody watches t3 " + i);
            }
            TestRedis.awaitUntil(Duration.ofSeconds(20),
                    () -> b1.size() >= expected1.size() && b1Too.size() >= expected1.size()
                            && b2.size() >= expected2.size() && a1Local.size() >= expected1.size(),
                    "every message delivered");
            Thread.sleep(100); // nothing more may arrive
            assertThat(snapshot(b1)).containsExactlyElementsOf(expected1);
            assertThat(snapshot(b1Too)).containsExactlyElementsOf(expected1);
            assertThat(snapshot(b2)).containsExactlyElementsOf(expected2);
            // the publisher's own subscriber got each message once (directly), not again through Redis
            assertThat(snapshot(a1Local)).containsExactlyElementsOf(expected1);
            assertThat(a.publishFailures()).isZero();
            assertThat(b.dropped()).isZero();

            // closing one subscriber stops its deliveries only
            s1.close();
            a.publish("t1", "after s1 closed");
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> b1Too.size() == expected1.size() + 1, "delivery to b1Too");
            assertThat(b1).hasSize(expected1.size());

            // closing the last subscriber of the table unsubscribes the node from its channel
            s1Too.close();
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> !b.confirmedChannels().contains(ns + ":table:t1"),
                    "UNSUBSCRIBE of t1");
            assertThat(ra.commands().sync().pubsubNumsub(ns + ":table:t1").get(ns + ":table:t1")).isEqualTo(1L); // a only
            a.publish("t1", "after everyone on b closed");
            a.publish("t2", "still flowing");
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> b2.size() == expected2.size() + 1, "t2 delivery");
            assertThat(b1Too).hasSize(expected1.size() + 1);
            assertThat(b.subscribedTables()).containsExactly("t2");
            s2.close();
            aLocal.close();
            s2.close(); // idempotent
        }
    }

    @Test
    void survivesARedisRestartAndKeepsLocalDeliveryDuringTheOutage() throws Exception {
        try (TestRedis server = TestRedis.startPrivate();
                RedisConnections ra = RedisConnections.connect(server.url());
                RedisConnections rb = RedisConnections.connect(server.url());
                RedisFanout<String> a = fanout(ra, "poker");
                RedisFanout<String> b = fanout(rb, "poker")) {
            List<String> remote = sink();
            List<String> local = sink();
            b.subscribe("t1", remote::add);
            a.subscribe("t1", local::add);
            awaitConfirmed(b, "poker", "t1");
            a.publish("t1", "before");
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> remote.contains("before"), "delivery before the outage");

            server.stop();
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> !ra.healthy() && !rb.healthy(), "both sides to see the outage");
            a.publish("t1", "during");
            List<String> lateRemote = sink();
            b.subscribe("t2", lateRemote::add); // subscribed while Redis is down
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> local.contains("during"), "local delivery during the outage");
            TestRedis.awaitUntil(Duration.ofSeconds(5), () -> a.publishFailures() > 0, "the failed PUBLISH counted");

            server.start();
            // keep publishing until b receives again: Lettuce reconnects and the channels are subscribed again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int i = 0;
            while (!(snapshot(remote).stream().anyMatch(m -> m.startsWith("after"))
                    && snapshot(lateRemote).stream().anyMatch(m -> m.startsWith("late")))) {
                assertThat(System.nanoTime()).as("delivery after the restart").isLessThan(deadline);
                a.publish("t1", "after-" + i);
                a.publish("t2", "late-" + i);
                i++;
                Thread.sleep(20);
            }
            assertThat(remote).doesNotContain("during"); // at most once: lost, not replayed
            assertThat(remote.get(0)).isEqualTo("before");
            // order is kept after the restart too
            List<String> after = snapshot(remote).stream().filter(m -> m.startsWith("after")).toList();
            List<Integer> seq = after.stream().map(m -> Integer.parseInt(m.substring(6))).toList();
            assertThat(seq).isSorted();
            assertThat(b.confirmedChannels()).containsExactlyInAnyOrder("poker:table:t1", "poker:table:t2");
        }
    }
}
