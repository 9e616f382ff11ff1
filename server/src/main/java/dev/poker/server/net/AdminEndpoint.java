package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * {@code /admin/*} over HTTP: {@link AdminApi} decides, this answers with its status and JSON, and asks
 * for a bearer token on 401. Any method reaches it (the API itself answers 405 to all but POST).
 *
 * <p>Concurrency: stateless; {@link AdminApi} is thread-safe and does not block.
 */
final class AdminEndpoint implements HttpEndpoint {
    private final AdminApi admin;

    AdminEndpoint(AdminApi admin) {
        this.admin = admin;
    }

    @Override
    public void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        AdminApi.Answer a = admin.handle(req.method().name(), path, req.headers().get(HttpHeaderNames.AUTHORIZATION));
        FullHttpResponse res = HttpAnswers.response(req.method(), HttpResponseStatus.valueOf(a.status()),
                "application/json", a.body());
        if (a.status() == 401) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"poker-admin\"");
        }
        HttpAnswers.send(ctx, HttpUtil.isKeepAlive(req), res);
    }
}
