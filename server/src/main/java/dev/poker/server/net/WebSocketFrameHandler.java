package dev.poker.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's WebSocket frames: text frames go to the session layer; binary frames get an error;
 * an idle writer sends a ping, an idle reader is closed; a frame over the size limit closes the
 * connection with 1009.
 *
 * <p>Concurrency: one instance per connection, on its event loop (not {@code @Sharable}).
 */
final class WebSocketFrameHandler<S> extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(WebSocketFrameHandler.class);
    private final FrameSessions<S> sessions;
    private S session;

    WebSocketFrameHandler(FrameSessions<S> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            session = sessions.open(ctx.channel());
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "idle"))
                        .addListener(f -> ctx.close());
            } else if (idle.state() == IdleState.WRITER_IDLE && session != null) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            sessions.text(session, text.text());
        } else {
            sessions.binary(session);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (session != null && !ctx.channel().isWritable()) {
            sessions.slowReader(session);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            sessions.closed(session);
            session = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame too large"))
                    .addListener(f -> ctx.close());
            return;
        }
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
