package dev.poker.server.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
import java.util.function.Supplier;

/**
 * How every endpoint answers: a full response with its length, {@code Cache-Control: no-store}, no
 * body for {@code HEAD}, and the connection kept open only when the request asked for it.
 *
 * <p>Concurrency: stateless; the writes run on the connection's event loop.
 */
final class HttpAnswers {
    /** An answer computed off the event loop. */
    record Reply(HttpResponseStatus status, String contentType, String body) {}

    private HttpAnswers() {}

    /** Answers {@code req} now, on the event loop. */
    static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String type,
            String body) {
        send(ctx, HttpUtil.isKeepAlive(req), response(req.method(), status, type, body));
    }

    /**
     * Runs {@code work} on the worker pool (it may block) and writes its reply back on the connection's
     * event loop. What the answer needs of {@code req} is read now, so the caller may release it.
     */
    static void offload(ChannelHandlerContext ctx, FullHttpRequest req, Executor workers, Supplier<Reply> work) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpMethod method = req.method();
        workers.execute(() -> {
            Reply reply = work.get();
            ctx.executor().execute(() -> send(ctx, keepAlive,
                    response(method, reply.status(), reply.contentType(), reply.body())));
        });
    }

    static FullHttpResponse response(HttpMethod method, HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                method.equals(HttpMethod.HEAD) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return res;
    }

    static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse res) {
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
