package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.TestRedis;
import dev.poker.server.NodeHarness;
import dev.poker.server.WsTestClient;
import dev.poker.server.process.OtlpReceiver.ReceivedSpan;
import dev.poker.server.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Traces across a cluster: two node processes (PostgreSQL and Redis of the test command) export their
 * spans over OTLP/HTTP (protobuf) to a receiver in the test. A player connected to the node that does not
 * own the table acts; that one action is one trace across both nodes: the request and its forward on the
 * player's node, the forwarded request, the table's handling, the durable commit and the publish on the
 * owner, and the delivery of the batch back on the player's node, each the child of the one before.
 */
class TraceAcrossNodesIT {
    private static final String TOKEN_SECRET = "trace-across-nodes-token-secret-0123";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aForwardedActionIsOneTraceAcrossBothNodes() throws Exception {
        Path logDir = Path.of("target", "trace-across-nodes").toAbsolutePath();
        try (OtlpReceiver receiver = new OtlpReceiver(); TestRedis redis = TestRedis.startPrivate()) {
            Map<String, String> env = new HashMap<>(TestDatabases.postgres());
            env.put("POKER_REDIS_URL", redis.url());
            env.put("POKER_TOKEN_SECRET", TOKEN_SECRET);
            env.put("POKER_HAND_DELAY_MS", "300");
            env.put("POKER_TRACING", "on");
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            env.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
            env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
            try (NodeProcess n1 = start("n1", env, logDir); NodeProcess n2 = start("n2", env, logDir)) {
                n1.awaitHealthy(START_TIMEOUT);
                n2.awaitHealthy(START_TIMEOUT);
                String table;
                try (WsTestClient creator = WsTestClient.guest(n1.port, "creator")) {
                    table = NodeHarness.createTable(creator, 2, 1, 2, 40, 200);
                }
                NodeProcess owner = awaitOwner(List.of(n1, n2));
                NodeProcess other = owner == n1 ? n2 : n1;
                System.out.printf("table %s: owner %s, the player's node %s%n", table, owner.nodeId, other.nodeId);

                try (WsTestClient far = WsTestClient.guest(other.port, "far");
                        WsTestClient near = WsTestClient.guest(owner.port, "near")) {
                    for (var p : List.of(far, near)) {
                        p.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
                        p.request(new ClientMessage.Sit(WsTestClient.nextId(), table, p == far ? 0 : 1, 100L, null),
                                ServerMessage.Ack.class);
                    }
                    playUntilFarActed(table, far, near);
                }

                List<ReceivedSpan> trace = awaitTrace(receiver, other.nodeId, owner.nodeId);
                System.out.println("the forwarded action's trace " + trace.get(0).traceId() + ":");
                print(trace, "", "  ");
            }
        }
    }

    /** The spans under {@code parentId}, as a tree. */
    private static void print(List<ReceivedSpan> trace, String parentId, String indent) {
        for (ReceivedSpan s : trace) {
            if (s.parentId().equals(parentId)) {
                System.out.printf("%s%s (%s, %s) %s%n", indent, s.name(), s.kind().replace("SPAN_KIND_", ""),
                        s.node(), s.attributes());
                print(trace, s.spanId(), indent + "  ");
            }
        }
    }

    private static NodeProcess start(String id, Map<String, String> env, Path logDir) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("POKER_DATA_DIR", logDir.resolve(id + "-data").toString());
        return NodeProcess.start(id, NodeProcess.freePort(), e, logDir);
    }

    /** The node whose /health counts the one table. */
    private static NodeProcess awaitOwner(List<NodeProcess> nodes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (NodeProcess n : nodes) {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"tables\":1")) {
                    return n;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no node reports the table in /health");
    }

    /** Both players play (check or call) until the far one has acted once. */
    private static void playUntilFarActed(String table, WsTestClient far, WsTestClient near) throws Exception {
        int nearSeen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServerMessage.YourTurn> farTurn = turn(far, 0);
            if (farTurn.isPresent()) {
                act(far, table, farTurn.get());
                return;
            }
            List<ServerMessage> got = near.snapshot();
            for (; nearSeen < got.size(); nearSeen++) {
                if (got.get(nearSeen) instanceof ServerMessage.YourTurn t) {
                    act(near, table, t);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the far player never got the turn; far got " + far.raw);
    }

    private static Optional<ServerMessage.YourTurn> turn(WsTestClient c, int from) {
        List<ServerMessage> got = c.snapshot();
        return got.subList(from, got.size()).stream().filter(ServerMessage.YourTurn.class::isInstance)
                .map(ServerMessage.YourTurn.class::cast).findFirst();
    }

    private static void act(WsTestClient c, String table, ServerMessage.YourTurn t) {
        String action = t.actions().contains("check") ? "check" : "call";
        c.request(new ClientMessage.Act(WsTestClient.nextId(), table, t.hand(), action, null,
                "a-" + WsTestClient.nextId()), ServerMessage.Ack.class);
    }

    /**
     * The trace of the far player's act: waits (the nodes export in batches) until it holds every
     * expected span, each the child of the one before, on the expected node.
     */
    private static List<ReceivedSpan> awaitTrace(OtlpReceiver receiver, String far, String owner)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                return checkedTrace(receiver.spans(), far, owner);
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no complete trace of the forwarded action after " + receiver.requests()
                + " OTLP exports; spans: " + receiver.spans(), last);
    }

    private static List<ReceivedSpan> checkedTrace(List<ReceivedSpan> all, String far, String owner) {
        ReceivedSpan request = one(all, s -> s.name().equals("poker.request") && s.node().equals(far)
                && "act".equals(s.attributes().get("poker.message.type")), "the act request on " + far);
        List<ReceivedSpan> trace = all.stream().filter(s -> s.traceId().equals(request.traceId())).toList();
        assertThat(request.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(request.parentId()).as("the request starts the trace").isEmpty();
        assertThat(request.attributes()).containsKey("poker.account.hash").containsEntry("poker.outcome", "ok");
        ReceivedSpan forward = child(trace, request, "poker.forward", far, "SPAN_KIND_CLIENT");
        ReceivedSpan forwarded = child(trace, forward, "poker.forwarded", owner, "SPAN_KIND_SERVER");
        ReceivedSpan handle = child(trace, forwarded, "poker.table.handle", owner, "SPAN_KIND_INTERNAL");
        ReceivedSpan commit = child(trace, handle, "poker.commit", owner, "SPAN_KIND_CLIENT");
        assertThat(commit.attributes()).containsEntry("db.system", "postgresql").containsKey("poker.batch.events");
        ReceivedSpan publish = child(trace, handle, "poker.fanout.publish", owner, "SPAN_KIND_PRODUCER");
        child(trace, publish, "poker.fanout.deliver", far, "SPAN_KIND_CONSUMER");
        return trace;
    }

    private static ReceivedSpan child(List<ReceivedSpan> trace, ReceivedSpan parent, String name, String node,
            String kind) {
        ReceivedSpan s = one(trace, x -> x.name().equals(name) && x.parentId().equals(parent.spanId())
                && x.node().equals(node), name + " on " + node + " under " + parent.name());
        assertThat(s.kind()).as(name).isEqualTo(kind);
        return s;
    }

    private static ReceivedSpan one(List<ReceivedSpan> spans, Predicate<ReceivedSpan> p, String what) {
        List<ReceivedSpan> found = spans.stream().filter(p).toList();
        if (found.isEmpty()) {
            throw new AssertionError("missing: " + what);
        }
        return found.get(found.size() - 1);
    }
}
