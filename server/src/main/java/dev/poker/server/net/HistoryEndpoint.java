package dev.poker.server.net;

import dev.poker.server.HistoryApi;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/hands/{id}} and {@code GET /api/players/{id}/hands}: the hand history. It reads the
 * database, so it runs on the worker pool; a failing store answers 503 (retry), an unknown path 404.
 *
 * <p>Concurrency: stateless; {@link HistoryApi} is thread-safe.
 */
final class HistoryEndpoint implements HttpEndpoint {
    private final HistoryApi history;
    private final Executor workers;

    HistoryEndpoint(HistoryApi history, Executor workers) {
        this.history = history;
        this.workers = workers;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpAnswers.offload(ctx, req, workers, () -> {
            HistoryApi.Answer a;
            try {
                a = history.handle(path, auth);
                if (a == null) {
                    a = new HistoryApi.Answer(404, "text/plain", "not found\n");
                }
            } catch (RuntimeException | AssertionError e) {
                a = new HistoryApi.Answer(503, "text/plain", "the hand history is unavailable; retry\n");
            }
            return new HttpAnswers.Reply(HttpResponseStatus.valueOf(a.status()), a.contentType(), a.body());
        });
    }
}
