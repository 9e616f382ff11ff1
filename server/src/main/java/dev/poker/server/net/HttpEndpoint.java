package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One HTTP endpoint. Called on the connection's event loop, it answers at once or hands blocking work
 * to the worker pool ({@link HttpAnswers#offload}); it never blocks. The router releases the request
 * when this returns, so an endpoint reads what it needs of it before going off the event loop.
 */
@FunctionalInterface
interface HttpEndpoint {
    /** @param path the request's path, without the query string */
    void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path);
}
