package dev.poker.load.bot;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The last handler of a {@link NettyWebSocketClient} connection's pipeline: does the upgrade with Netty's
 * {@link WebSocketClientHandshaker}, then turns frames into {@link WebSocket.Listener} calls on its
 * {@link ChannelWebSocket}: a fragmented message is put together and delivered whole, a ping is answered,
 * a close frame is reported and answered, a message over the limit closes the connection with 1009.
 *
 * <p>Concurrency: one per channel, called on its event loop only (so is the listener); the open future
 * may be read from any thread.
 */
final class WebSocketClientHandler extends ChannelInboundHandlerAdapter {
    private final ChannelWebSocket socket;
    private final WebSocketClientHandshaker handshaker;
    private final WebSocket.Listener listener;
    private final int maxMessageBytes;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private Channel channel;
    private boolean ended; // onClose or onError was called, or the open failed
    private CompositeByteBuf fragments; // the frames so far of an unfinished message
    private boolean fragmentsText; // that message is text

    WebSocketClientHandler(ChannelWebSocket socket, WebSocketClientHandshaker handshaker, WebSocket.Listener listener,
            int maxMessageBytes) {
        this.socket = socket;
        this.handshaker = handshaker;
        this.listener = listener;
        this.maxMessageBytes = maxMessageBytes;
    }

    CompletableFuture<WebSocket> opened() {
        return opened;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        socket.attach(channel);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel()).addListener(f -> {
            if (!f.isSuccess()) {
                failOpen(f.cause());
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!handshaker.isHandshakeComplete()) {
                if (msg instanceof FullHttpResponse response) {
                    finishUpgrade(response);
                }
            } else if (msg instanceof WebSocketFrame frame && !ended) {
                onFrame(frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void finishUpgrade(FullHttpResponse response) {
        if (opened.isDone()) {
            return; // timed out meanwhile
        }
        try {
            handshaker.finishHandshake(channel, response);
        } catch (WebSocketClientHandshakeException e) {
            int status = response.status().code();
            failOpen(status != 101 ? new NettyWebSocketClient.UpgradeRefusedException(status, response.status().toString())
                    : new IOException(e.getMessage(), e));
            return;
        }
        socket.opened(handshaker.actualSubprotocol());
        if (!socket.aborted()) {
            listener.onOpen(socket);
        }
        opened.complete(socket);
    }

    private void onFrame(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            if (fragments != null) {
                protocolError("a new message before the last one's final fragment");
            } else if (frame.isFinalFragment()) {
                message(frame instanceof TextWebSocketFrame, frame.content());
            } else {
                fragments = channel.alloc().compositeBuffer(Integer.MAX_VALUE);
                fragmentsText = frame instanceof TextWebSocketFrame;
                fragments.addComponent(true, frame.content().retain());
            }
        } else if (frame instanceof ContinuationWebSocketFrame continuation) {
            onContinuation(continuation);
        } else if (frame instanceof PingWebSocketFrame ping) {
            byte[] payload = ByteBufUtil.getBytes(ping.content());
            socket.write(new PongWebSocketFrame(Unpooled.wrappedBuffer(payload)));
            if (!socket.aborted()) {
                listener.onPing(socket, ByteBuffer.wrap(payload).asReadOnlyBuffer());
            }
        } else if (frame instanceof PongWebSocketFrame pong) {
            if (!socket.aborted()) {
                listener.onPong(socket, ByteBuffer.wrap(ByteBufUtil.getBytes(pong.content())).asReadOnlyBuffer());
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            onClose(close);
        }
    }

    private void onContinuation(ContinuationWebSocketFrame continuation) {
        if (fragments == null) {
            protocolError("a continuation frame without a message");
            return;
        }
        fragments.addComponent(true, continuation.content().retain());
        if (fragments.readableBytes() > maxMessageBytes) {
            tooBig(null);
        } else if (continuation.isFinalFragment()) {
            CompositeByteBuf whole = fragments;
            fragments = null;
            try {
                message(fragmentsText, whole);
            } finally {
                whole.release();
            }
        }
    }

    /** One whole message (the frames of a fragmented one put together). */
    private void message(boolean text, ByteBuf content) {
        if (socket.aborted()) {
            return;
        }
        if (text) {
            listener.onText(socket, content.toString(StandardCharsets.UTF_8), true);
        } else {
            listener.onBinary(socket, ByteBuffer.wrap(ByteBufUtil.getBytes(content)).asReadOnlyBuffer(), true);
        }
    }

    /** Reported once the listener has returned, then answered with the same code (1000 for none). */
    private void onClose(CloseWebSocketFrame close) {
        int code = close.statusCode() < 0 ? 1005 : close.statusCode();
        String reason = close.statusCode() < 0 ? "" : close.reasonText();
        socket.inputEnded();
        ended = true;
        if (!socket.aborted()) {
            listener.onClose(socket, code, reason);
        }
        if (socket.closeOutput()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code == 1005 || code == 1006 ? 1000 : code, ""))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void protocolError(String what) {
        if (socket.closeOutput()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1002, "protocol error"));
        }
        socket.inputEnded();
        end(new IOException("WebSocket protocol error: " + what));
        channel.close();
    }

    /** A message over the limit: close with 1009 (unless the frame decoder already did) and report it. */
    private void tooBig(Throwable cause) {
        boolean answer = socket.closeOutput() && !(cause instanceof CorruptedWebSocketFrameException);
        socket.inputEnded();
        if (answer) {
            channel.writeAndFlush(new CloseWebSocketFrame(1009, "message too big"));
        }
        end(new IOException("message larger than " + maxMessageBytes + " bytes", cause));
        channel.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        socket.ended();
        if (!socket.isOpen()) {
            failOpen(new NettyWebSocketClient.ClosedDuringUpgradeException(socket.uri()));
        } else {
            end(new IOException("connection closed without a close frame"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!socket.isOpen()) {
            failOpen(cause);
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            // the frame decoder has answered the bad frame with a close frame itself
            if (bad.closeStatus() != null && bad.closeStatus().code() == 1009) {
                tooBig(cause);
                return;
            }
            socket.closeOutput();
        }
        end(cause instanceof IOException io ? io : new IOException(cause));
        channel.close();
    }

    /** Fails the open future (once, before the connection is open) and drops the channel. */
    void failOpen(Throwable cause) {
        if (opened.completeExceptionally(cause)) {
            ended = true;
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** Reports the end of an open connection once, unless the user aborted it or a close frame came. */
    private void end(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        if (!socket.aborted()) {
            listener.onError(socket, error);
        }
    }
}
