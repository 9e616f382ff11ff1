package dev.poker.server.net;

import dev.poker.protocol.ProtocolCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one connection: HTTP, then (after the upgrade on /ws) WebSocket frames of at most
 * {@code maxFrameBytes}, keep-alive pings, and the session's frame handler.
 *
 * <p>Concurrency: stateless; Netty calls it once per accepted connection.
 */
final class ServerInitializer extends ChannelInitializer<Channel> {
    private final HttpRouter http;
    private final FrameSessions<?> sessions;
    private final int maxFrameBytes;

    ServerInitializer(HttpRouter http, FrameSessions<?> sessions, int maxFrameBytes) {
        this.http = http;
        this.sessions = sessions;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpServerCodec(4096, 8192, 8192));
        p.addLast(new HttpObjectAggregator(64 * 1024));
        p.addLast(new IdleStateHandler(120, 30, 0, TimeUnit.SECONDS));
        p.addLast(http);
        p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .subprotocols(ProtocolCodec.SUBPROTOCOL)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFrameBytes)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(true)
                        .build())
                .build()));
        p.addLast(new WebSocketFrameAggregator(maxFrameBytes));
        p.addLast(new WebSocketFrameHandler<>(sessions));
    }
}
