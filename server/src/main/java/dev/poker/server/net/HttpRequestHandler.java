package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.HistoryApi;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.protocol.TableSummary;
import java.util.List;
import java.util.function.Supplier;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * Plain HTTP: {@code GET /health}, {@code GET /metrics}, {@code GET /api/tables}. A WebSocket upgrade
 * on {@code /ws} passes on to the WebSocket handlers once its subprotocol and the node's capacity are
 * checked: a client asking for a protocol version this node does not speak is refused with 400, and
 * while the node does not accept players the handshake gets 503.
 *
 * <p>Concurrency: stateless, {@code @Sharable}; runs on event loops and never blocks (the metrics
 * scrape runs on the worker pool).
 */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final NodeStatus status;
    private final PokerMetrics metrics;
    private final Supplier<List<TableSummary>> lobby;
    private final AdminApi admin;
    private final ProtocolCodec codec;
    private final Executor workers;
    private final int maxConnections;
    private final HistoryApi history;

    HttpRequestHandler(NodeStatus status, PokerMetrics metrics, Supplier<List<TableSummary>> lobby, ProtocolCodec codec,
            Executor workers, int maxConnections, HistoryApi history, AdminApi admin) {
        super(false);
        this.history = history;
        this.status = status;
        this.metrics = metrics;
        this.lobby = lobby;
        this.admin = admin;
        this.codec = codec;
        this.workers = workers;
        this.maxConnections = maxConnections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (path.equals("/ws") && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            upgrade(ctx, req);
            return;
        }
        try {
            if (path.startsWith("/admin/")) {
                AdminApi.Answer a = admin.handle(req.method().name(), path,
                        req.headers().get(HttpHeaderNames.AUTHORIZATION));
                FullHttpResponse res = response(req.method(), HttpResponseStatus.valueOf(a.status()), "application/json",
                        a.body());
                if (a.status() == 401) {
                    res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"poker-admin\"");
                }
                send(ctx, HttpUtil.isKeepAlive(req), res);
                return;
            }
            if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
                respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use GET\n");
                return;
            }
            switch (path) {
                case "/health" -> respond(ctx, req, status.accepting() ? HttpResponseStatus.OK
                        : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", status.json());
                case "/metrics" -> {
                    boolean keepAlive = HttpUtil.isKeepAlive(req);
                    HttpMethod method = req.method();
                    workers.execute(() -> {
                        String body = metrics.scrape();
                        ctx.executor().execute(() -> write(ctx, keepAlive, method, HttpResponseStatus.OK,
                                "text/plain; version=0.0.4; charset=utf-8", body));
                    });
                }
                case "/api/tables" -> respond(ctx, req, HttpResponseStatus.OK, "application/json",
                        codec.encode(new ServerMessage.Tables(null, lobby.get())));
                case "/ws" -> respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain",
                        "/ws is a WebSocket endpoint (subprotocol " + ProtocolCodec.SUBPROTOCOL + ")\n");
                default -> {
                    if (history != null && (path.startsWith("/api/hands/") || path.startsWith("/api/players/"))) {
                        history(ctx, req, path);
                    } else {
                        respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
                    }
                }
            }
        } finally {
            req.release();
        }
    }

    /** The hand history reads the database: on the worker pool, answered back on the event loop. */
    private void history(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpMethod method = req.method();
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        workers.execute(() -> {
            HistoryApi.Answer a;
            try {
                a = history.handle(path, auth);
                if (a == null) {
                    a = new HistoryApi.Answer(404, "text/plain", "not found\n");
                }
            } catch (RuntimeException | AssertionError e) {
                a = new HistoryApi.Answer(503, "text/plain", "the hand history is unavailable; retry\n");
            }
            HistoryApi.Answer answer = a;
            ctx.executor().execute(() -> write(ctx, keepAlive, method, HttpResponseStatus.valueOf(answer.status()),
                    answer.contentType(), answer.body()));
        });
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String asked = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (asked != null && !speaks(asked)) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain",
                    "unsupported subprotocol '" + asked + "'; this server speaks " + ProtocolCodec.SUBPROTOCOL + "\n");
            req.release();
            return;
        }
        if (!status.accepting() || status.connections() >= maxConnections) {
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain",
                    "this node is not accepting connections now; retry\n");
            req.release();
            return;
        }
        req.setUri("/ws"); // the WebSocket handler matches the path exactly; a query string is ignored
        ctx.fireChannelRead(req);
    }

    private static boolean speaks(String header) {
        for (String p : header.split(",")) {
            if (p.trim().equals(ProtocolCodec.SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus st, String type,
            String body) {
        write(ctx, HttpUtil.isKeepAlive(req), req.method(), st, type, body);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method, HttpResponseStatus st,
            String type, String body) {
        send(ctx, keepAlive, response(method, st, type, body));
    }

    private static FullHttpResponse response(HttpMethod method, HttpResponseStatus st, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, st,
                method.equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return res;
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse res) {
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
