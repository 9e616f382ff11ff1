package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /health/ready}: whether the node accepts players now, for a readiness probe: 200 when started,
 * not draining and every hard dependency (the store) up; 503 otherwise. The body is the {@code /health}
 * document, whose {@code status} says why not ({@code starting}, {@code draining}, {@code degraded}).
 *
 * <p>Concurrency: stateless; {@link NodeStatus} is thread-safe and never waits.
 */
final class ReadyEndpoint implements HttpEndpoint {
    private final NodeStatus status;

    ReadyEndpoint(NodeStatus status) {
        this.status = status;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpAnswers.respond(ctx, req, status.accepting() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json", status.json());
    }
}
