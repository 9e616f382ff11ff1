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
class HttpRequestHandlerTest {
    final AtomicBoolean storeUp = new AtomicBoolean(true);
    final NodeStatus status = new NodeStatus("n1", () -> 0, () -> 0);
    final PokerMetrics metrics = new PokerMetrics(() -> 0, () -> 0, () -> 0);
    final TableDirectory tables = new TableDirectory(new InProcessTableRegistry(), null, "n1", null,
            Runnable::run, null);
    final java.util.concurrent.atomic.AtomicInteger drains = new java.util.concurrent.atomic.AtomicInteger();
    final HttpRequestHandler handler = new HttpRequestHandler(status, metrics, tables::lobby, new ProtocolCodec(),
            Runnable::run, 10, null, new AdminApi("0123456789abcdef", drains::incrementAndGet));

    HttpRequestHandlerTest() {
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
