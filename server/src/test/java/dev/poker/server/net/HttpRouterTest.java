package dev.poker.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.table.TableDirectory;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The HTTP routes and the upgrade checks, without sockets. */
class HttpRouterTest {
    final AtomicBoolean storeUp = new AtomicBoolean(true);
    final NodeStatus status = new NodeStatus("n1", () -> 0, () -> 0);
    final PokerMetrics metrics = new PokerMetrics(() -> 0, () -> 0, () -> 0);
    final TableDirectory tables = new TableDirectory(new InProcessTableRegistry(), null, "n1", null,
            Runnable::run, null, null);
    final java.util.concurrent.atomic.AtomicInteger drains = new java.util.concurrent.atomic.AtomicInteger();
    final HttpRouter handler = HttpRouter.forNode(status, metrics, tables::lobby, new ProtocolCodec(),
            Runnable::run, 10, null, new AdminApi("0123456789abcdef", drains::incrementAndGet));

    HttpRouterTest() {
        status.check("store", storeUp::get);
    }

    private FullHttpResponse get(String uri, HttpMethod method, String... headers) {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            req.headers().add(headers[i], headers[i + 1]);
        }
        ch.writeInbound(req);
        ch.runPendingTasks();
        FullHttpResponse res = ch.readOutbound();
        assertThat(ch.finishAndReleaseAll()).isFalse();
        return res;
    }

    private static String body(FullHttpResponse r) {
        String s = r.content().toString(StandardCharsets.UTF_8);
        r.release();
        return s;
    }

    @Test
    void healthIs503WhileStartingOrDrainingOrWhenADependencyIsDown() {
        FullHttpResponse starting = get("/health", HttpMethod.GET);
        assertThat(starting.status().code()).isEqualTo(503);
        assertThat(body(starting)).contains("\"status\":\"starting\"");
        status.started();
        FullHttpResponse up = get("/health", HttpMethod.GET);
        assertThat(up.status().code()).isEqualTo(200);
        assertThat(up.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(body(up)).contains("\"status\":\"up\"", "\"store\":\"up\"");
        storeUp.set(false);
        FullHttpResponse degraded = get("/health", HttpMethod.GET);
        assertThat(degraded.status().code()).isEqualTo(503);
        assertThat(body(degraded)).contains("\"status\":\"degraded\"", "\"store\":\"down\"");
        storeUp.set(true);
        status.drain();
        FullHttpResponse draining = get("/health", HttpMethod.GET);
        assertThat(draining.status().code()).isEqualTo(503);
        assertThat(body(draining)).contains("\"draining\":true");
    }

    @Test
    void aLostSoftDependencyDegradesHealthButKeepsTheNodeInRotation() {
        java.util.concurrent.atomic.AtomicBoolean redisUp = new java.util.concurrent.atomic.AtomicBoolean(true);
        status.report("redis", redisUp::get);
        status.started();
        redisUp.set(false);
        FullHttpResponse r = get("/health", HttpMethod.GET);
        assertThat(r.status().code()).as("still 200: the node serves its own tables").isEqualTo(200);
        assertThat(body(r)).contains("\"status\":\"degraded\"", "\"redis\":\"down\"", "\"store\":\"up\"");
    }

    @Test
    void drainNeedsTheAdminTokenAndPost() {
        FullHttpResponse none = get("/admin/drain", HttpMethod.POST);
        assertThat(none.status().code()).isEqualTo(401);
        assertThat(none.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(body(none)).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(get("/admin/drain", HttpMethod.POST, "Authorization", "Bearer 0123456789abcdeX").status().code())
                .isEqualTo(401);
        assertThat(get("/admin/drain", HttpMethod.GET, "Authorization", "Bearer 0123456789abcdef").status().code())
                .isEqualTo(405);
        assertThat(get("/admin/nope", HttpMethod.POST, "Authorization", "Bearer 0123456789abcdef").status().code())
                .isEqualTo(404);
        assertThat(drains.get()).isZero();
        FullHttpResponse ok = get("/admin/drain", HttpMethod.POST, "Authorization", "Bearer 0123456789abcdef");
        assertThat(ok.status().code()).isEqualTo(202);
        assertThat(body(ok)).contains("draining");
        assertThat(get("/admin/drain", HttpMethod.POST, "Authorization", "Bearer 0123456789abcdef").status().code())
                .as("a second drain request").isEqualTo(202);
        assertThat(drains.get()).as("the drain starts once").isEqualTo(1);
    }

    @Test
    void withoutAnAdminTokenAdminEndpointsAreOff() {
        HttpRouter off = HttpRouter.forNode(status, metrics, tables::lobby, new ProtocolCodec(),
                Runnable::run, 10, null, new AdminApi("", drains::incrementAndGet));
        EmbeddedChannel ch = new EmbeddedChannel(off);
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/admin/drain"));
        FullHttpResponse res = ch.readOutbound();
        assertThat(res.status().code()).isEqualTo(403);
        assertThat(body(res)).contains("ADMIN_DISABLED");
        ch.finishAndReleaseAll();
        assertThat(drains.get()).isZero();
    }

    @Test
    void unknownPathsAndMethodsAreRefused() {
        assertThat(get("/nope", HttpMethod.GET).status().code()).isEqualTo(404);
        assertThat(get("/health", HttpMethod.POST).status().code()).isEqualTo(405);
        assertThat(get("/ws", HttpMethod.GET).status().code()).as("a plain GET on /ws").isEqualTo(400);
        FullHttpResponse head = get("/health", HttpMethod.HEAD);
        assertThat(head.content().readableBytes()).isZero();
        head.release();
    }

    @Test
    void anUpgradeAskingForAnotherProtocolVersionIsRefused() {
        status.started();
        FullHttpResponse r = get("/ws", HttpMethod.GET, "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Protocol", "poker.v2");
        assertThat(r.status().code()).isEqualTo(400);
        assertThat(body(r)).contains("poker.v1");
    }

    @Test
    void upgradesAreRefusedWhileTheNodeDoesNotAcceptPlayers() {
        FullHttpResponse r = get("/ws", HttpMethod.GET, "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Protocol", "poker.v1");
        assertThat(r.status().code()).isEqualTo(503);
        r.release();
    }

    @Test
    void metricsAndTheLobbyAnswer() {
        FullHttpResponse m = get("/metrics", HttpMethod.GET);
        assertThat(m.status().code()).isEqualTo(200);
        assertThat(body(m)).contains("poker_tables_active_total 0.0");
        assertThat(body(get("/api/tables", HttpMethod.GET))).isEqualTo("{\"type\":\"tables\",\"tables\":[]}");
    }
}
