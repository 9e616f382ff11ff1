package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;

/**
 * {@code GET /health/live}: 200 {@code {"status":"live",...}} when every event loop and the table actors' pool
 * ran a task within {@link Liveness#BOUND_MS}, else 503 {@code "stuck"} with the executors that did not. Says
 * nothing about starting, draining or the store (that is {@code /health/ready}), so a liveness probe never
 * kills a draining node. The answer is written from whichever thread finishes the check, through the
 * connection's event loop; the event loop never waits.
 *
 * <p>Concurrency: stateless; {@link Liveness} is thread-safe.
 */
final class LiveEndpoint implements HttpEndpoint {
    private final Liveness liveness;
    private final String nodeId;

    LiveEndpoint(Liveness liveness, String nodeId) {
        this.liveness = liveness;
        this.nodeId = nodeId;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpMethod method = req.method();
        liveness.check().thenAccept(checks -> {
            boolean live = checks.values().stream().allMatch("up"::equals);
            String body = json(live, checks);
            ctx.executor().execute(() -> HttpAnswers.send(ctx, keepAlive, HttpAnswers.response(method,
                    live ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", body)));
        });
    }

    private String json(boolean live, Map<String, String> checks) {
        StringBuilder sb = new StringBuilder(128).append("{\"status\":\"").append(live ? "live" : "stuck")
                .append("\",\"node\":\"").append(NodeStatus.escape(nodeId)).append("\",\"checks\":{");
        boolean first = true;
        for (Map.Entry<String, String> c : checks.entrySet()) {
            sb.append(first ? "" : ",").append('"').append(NodeStatus.escape(c.getKey())).append("\":\"")
                    .append(c.getValue()).append('"');
            first = false;
        }
        return sb.append("}}").toString();
    }
}
