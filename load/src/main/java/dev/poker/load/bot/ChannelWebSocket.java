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
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of {@link NettyWebSocketClient}: the last handler of its pipeline (finishes the upgrade,
 * turns frames into {@link WebSocket.Listener} calls) and the {@link WebSocket} its user sends through.
 *
 * <p>Concurrency: the listener is called on the channel's event loop only. Sends may come from any thread;
 * they are serialized on this object, so no frame follows the close frame and fragments stay together.
 * The flags read by both sides are volatile.
 */
final class ChannelWebSocket extends ChannelInboundHandlerAdapter implements WebSocket {
    private final URI uri;
    private final WebSocketClientHandshaker handshaker;
    private final Listener listener;
    private final int maxMessageBytes;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean open;
    private volatile boolean outputClosed;
    private volatile boolean inputClosed;
    private volatile boolean aborted;
    private boolean ended; // event loop only: onClose or onError was called, or the open failed
    private CompositeByteBuf fragments; // event loop only: the frames so far of an unfinished message
    private boolean fragmentsText; // event loop only: that message is text
    private boolean sendingFragments; // guarded by this: a text message sent with last == false is unfinished

    ChannelWebSocket(URI uri, WebSocketClientHandshaker handshaker, Listener listener, int maxMessageBytes) {
        this.uri = uri;
        this.handshaker = handshaker;
        this.listener = listener;
        this.maxMessageBytes = maxMessageBytes;
    }

    CompletableFuture<WebSocket> opened() {
        return opened;
    }

    // ------------------------------------------------------------------ inbound (event loop)

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
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
            } else if (msg instanceof WebSocketFrame frame) {
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
        open = true;
        if (!aborted) {
            listener.onOpen(this);
        }
        opened.complete(this);
    }

    private void onFrame(WebSocketFrame frame) {
        if (ended) {
            return;
        }
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
        } else if (frame instanceof PingWebSocketFrame ping) {
            byte[] payload = ByteBufUtil.getBytes(ping.content());
            write(new PongWebSocketFrame(Unpooled.wrappedBuffer(payload)), false);
            if (!aborted) {
                listener.onPing(this, ByteBuffer.wrap(payload).asReadOnlyBuffer());
            }
        } else if (frame instanceof PongWebSocketFrame pong) {
            if (!aborted) {
                listener.onPong(this, ByteBuffer.wrap(ByteBufUtil.getBytes(pong.content())).asReadOnlyBuffer());
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            int code = close.statusCode() < 0 ? 1005 : close.statusCode();
            String reason = close.statusCode() < 0 ? "" : close.reasonText();
            inputClosed = true;
            ended = true;
            if (!aborted) {
                listener.onClose(this, code, reason);
            }
            synchronized (this) {
                if (!outputClosed) {
                    outputClosed = true;
                    channel.writeAndFlush(new CloseWebSocketFrame(code == 1005 || code == 1006 ? 1000 : code, ""))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            channel.close();
        }
    }

    /** One whole message (the frames of a fragmented one put together). */
    private void message(boolean text, ByteBuf content) {
        if (aborted) {
            return;
        }
        if (text) {
            listener.onText(this, content.toString(StandardCharsets.UTF_8), true);
        } else {
            listener.onBinary(this, ByteBuffer.wrap(ByteBufUtil.getBytes(content)).asReadOnlyBuffer(), true);
        }
    }

    private void protocolError(String what) {
        synchronized (this) {
            if (!outputClosed) {
                outputClosed = true;
                channel.writeAndFlush(new CloseWebSocketFrame(1002, "protocol error"));
            }
        }
        inputClosed = true;
        end(new IOException("WebSocket protocol error: " + what));
        channel.close();
    }

    /** A message over the limit: close with 1009 (unless the frame decoder already did) and report it. */
    private void tooBig(Throwable cause) {
        boolean answer = !(cause instanceof CorruptedWebSocketFrameException);
        synchronized (this) {
            answer &= !outputClosed;
            outputClosed = true;
        }
        inputClosed = true;
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
        inputClosed = true;
        outputClosed = true;
        if (!open) {
            failOpen(new NettyWebSocketClient.ClosedDuringUpgradeException(uri));
        } else {
            end(new IOException("connection closed without a close frame"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!open) {
            failOpen(cause);
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            // the frame decoder has answered the bad frame with a close frame itself
            if (bad.closeStatus() != null && bad.closeStatus().code() == 1009) {
                tooBig(cause);
                return;
            }
            synchronized (this) {
                outputClosed = true;
            }
        }
        end(cause instanceof IOException io ? io : new IOException(cause));
        channel.close();
    }

    /** Fails the open future (once, before the connection is open) and drops the channel. */
    void failOpen(Throwable cause) {
        if (opened.completeExceptionally(cause)) {
            ended = true;
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** Reports the end of an open connection once, unless the user aborted it or a close frame came. */
    private void end(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        if (!aborted) {
            listener.onError(this, error);
        }
    }

    // ------------------------------------------------------------------ outbound (any thread)

    private CompletableFuture<WebSocket> write(WebSocketFrame frame, boolean closing) {
        CompletableFuture<WebSocket> done = new CompletableFuture<>();
        synchronized (this) {
            if (outputClosed || !open) {
                ReferenceCountUtil.release(frame);
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            outputClosed = closing;
            channel.writeAndFlush(frame).addListener(f -> {
                if (f.isSuccess()) {
                    done.complete(this);
                } else {
                    done.completeExceptionally(f.cause());
                }
            });
        }
        return done;
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        Objects.requireNonNull(data, "data");
        synchronized (this) {
            if (outputClosed || !open) {
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            ByteBuf payload = ByteBufUtil.writeUtf8(channel.alloc(), data);
            WebSocketFrame frame = sendingFragments ? new ContinuationWebSocketFrame(last, 0, payload)
                    : new TextWebSocketFrame(last, 0, payload);
            sendingFragments = !last;
            return write(frame, false);
        }
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        return write(new BinaryWebSocketFrame(last, 0, Unpooled.copiedBuffer(data)), false);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return write(new PingWebSocketFrame(Unpooled.copiedBuffer(message)), false);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return write(new PongWebSocketFrame(Unpooled.copiedBuffer(message)), false);
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        CompletableFuture<WebSocket> sent = write(new CloseWebSocketFrame(statusCode, reason == null ? "" : reason), true);
        if (inputClosed) {
            sent.whenComplete((w, e) -> channel.close());
        }
        return sent;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(" + n + ")");
        }
        // every message is delivered as it comes (see NettyWebSocketClient)
    }

    @Override
    public String getSubprotocol() {
        String p = handshaker.actualSubprotocol();
        return p == null ? "" : p;
    }

    @Override
    public boolean isOutputClosed() {
        return outputClosed;
    }

    @Override
    public boolean isInputClosed() {
        return inputClosed;
    }

    @Override
    public void abort() {
        aborted = true;
        inputClosed = true;
        outputClosed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public String toString() {
        return "ws " + uri;
    }
}
