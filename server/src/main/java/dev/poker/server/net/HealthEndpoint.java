package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /health}: the node's status as JSON, 200 while it accepts players, 503 while it starts,
 * drains or misses a hard dependency (so a load balancer takes it out of rotation).
 *
 * <p>Concurrency: stateless; {@link NodeStatus} is thread-safe.
 */
final class HealthEndpoint implements HttpEndpoint {
    private final NodeStatus status;

    HealthEndpoint(NodeStatus status) {
        this.status = status;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpAnswers.respond(ctx, req, status.accepting() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json", status.json());
    }
}
