package dev.poker.server.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/**
 * The browser client: the files of {@link WebClientFiles} at {@code /} ({@code index.html}) and
 * {@code /<name>}. Every other path under {@code /} is 404: a path is looked up as a whole in the
 * in-memory table of files read from the jar at start-up, so {@code ..}, {@code %2e%2e}, a second
 * segment or a directory name can never reach anything else. Answers carry the file's content type, a
 * strong {@code ETag} (its SHA-256) with {@code Cache-Control: no-cache} (the browser keeps a copy and
 * revalidates it, getting 304 while the jar is the same), and headers that keep the page to its own
 * origin ({@code Content-Security-Policy}, {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer}).
 *
 * <p>Concurrency: immutable after construction; runs on event loops and never blocks (no I/O per request).
 */
final class WebClientEndpoint implements HttpEndpoint {
    /** Scripts, styles and images from this origin only; the WebSocket to this origin (ws: or wss:). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' ws: wss:; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final Map<String, WebClientFiles.File> files;

    WebClientEndpoint(WebClientFiles files) {
        this.files = files.byPath();
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        WebClientFiles.File file = files.get(path.equals("/") ? "/index.html" : path);
        if (file == null) {
            HttpAnswers.respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
            return;
        }
        boolean unchanged = file.etag().equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        HttpResponseStatus status = unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK;
        boolean body = !unchanged && !req.method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                body ? Unpooled.wrappedBuffer(file.bytes()) : Unpooled.EMPTY_BUFFER);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, unchanged ? 0 : file.bytes().length);
        res.headers().set(HttpHeaderNames.ETAG, file.etag());
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        res.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("Referrer-Policy", "no-referrer");
        HttpAnswers.send(ctx, HttpUtil.isKeepAlive(req), res);
    }
}
