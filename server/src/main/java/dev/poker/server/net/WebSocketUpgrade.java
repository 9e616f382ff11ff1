package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The WebSocket upgrade on {@code /ws}: passed on to the WebSocket handlers once its subprotocol and
 * the node's capacity are checked. A client asking for a protocol version this node does not speak is
 * refused with 400; while the node does not accept players, or is full, the handshake gets 503.
 * A plain request on {@code /ws} (no upgrade) gets 400 with the subprotocol to use.
 *
 * <p>Concurrency: stateless; {@link NodeStatus} is thread-safe.
 */
final class WebSocketUpgrade implements HttpEndpoint {
    static final String PATH = "/ws";

    private final NodeStatus status;
    private final int maxConnections;

    WebSocketUpgrade(NodeStatus status, int maxConnections) {
        this.status = status;
        this.maxConnections = maxConnections;
    }

    /** Whether {@code req} asks to upgrade {@code path} to a WebSocket. */
    static boolean asked(String path, FullHttpRequest req) {
        return path.equals(PATH) && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Refuses the upgrade (and releases {@code req}) or passes it on to the next handler, which owns it then. */
    void pass(ChannelHandlerContext ctx, FullHttpRequest req) {
        String asked = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (asked != null && !speaks(asked)) {
            HttpAnswers.respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain",
                    "unsupported subprotocol '" + asked + "'; this server speaks " + ProtocolCodec.SUBPROTOCOL + "\n");
            req.release();
            return;
        }
        if (!status.accepting() || status.connections() >= maxConnections) {
            HttpAnswers.respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain",
                    "this node is not accepting connections now; retry\n");
            req.release();
            return;
        }
        req.setUri(PATH); // the WebSocket handler matches the path exactly; a query string is ignored
        ctx.fireChannelRead(req);
    }

    /** A plain request on {@code /ws}: not an upgrade. */
    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpAnswers.respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain",
                PATH + " is a WebSocket endpoint (subprotocol " + ProtocolCodec.SUBPROTOCOL + ")\n");
    }

    private static boolean speaks(String header) {
        for (String p : header.split(",")) {
            if (p.trim().equals(ProtocolCodec.SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }
}
