package dev.poker.server.net;

import dev.poker.server.metrics.PokerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.Executor;

/**
 * {@code GET /metrics}: the Prometheus text exposition. The scrape runs on the worker pool, not on
 * the event loop.
 *
 * <p>Concurrency: stateless; {@link PokerMetrics#scrape} is thread-safe.
 */
final class MetricsEndpoint implements HttpEndpoint {
    private final PokerMetrics metrics;
    private final Executor workers;

    MetricsEndpoint(PokerMetrics metrics, Executor workers) {
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpAnswers.offload(ctx, req, workers, () -> new HttpAnswers.Reply(HttpResponseStatus.OK,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    }
}
