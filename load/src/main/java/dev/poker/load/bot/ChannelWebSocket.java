package dev.poker.load.bot;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of {@link NettyWebSocketClient} as the {@link WebSocket} its user sends through; its
 * {@link WebSocketClientHandler} reads it. A send completes once the frame is handed to the channel.
 *
 * <p>Concurrency: sends may come from any thread; they are serialized on this object, so no frame follows
 * the close frame and a fragmented message's frames stay together. The state flags are volatile (read by
 * the event loop and the senders).
 */
final class ChannelWebSocket implements WebSocket {
    private final URI uri;
    private volatile Channel channel;
    private volatile String subprotocol = "";
    private volatile boolean open;
    private volatile boolean outputClosed;
    private volatile boolean inputClosed;
    private volatile boolean aborted;
    private boolean sendingFragments; // guarded by this: a text message sent with last == false is unfinished

    ChannelWebSocket(URI uri) {
        this.uri = uri;
    }

    URI uri() {
        return uri;
    }

    void attach(Channel ch) {
        channel = ch;
    }

    /** The upgrade succeeded, with the subprotocol the server agreed to (null for none). */
    void opened(String agreed) {
        subprotocol = agreed == null ? "" : agreed;
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    boolean aborted() {
        return aborted;
    }

    void inputEnded() {
        inputClosed = true;
    }

    /** Marks the output closed; true when it was open (the caller then sends the close frame). */
    synchronized boolean closeOutput() {
        boolean was = !outputClosed;
        outputClosed = true;
        return was;
    }

    /** Both directions are over (the channel is gone). */
    void ended() {
        inputClosed = true;
        outputClosed = true;
    }

    /**
     * Hands a frame to the channel unless the output is closed, and completes at once, as a send to a socket
     * buffer does (no listener per frame: this is the generator's hot path). A write that fails makes Netty
     * close the channel, which reaches the listener as {@code onError} once the frames already read have
     * been delivered (a close frame among them is reported as such).
     */
    CompletableFuture<WebSocket> write(WebSocketFrame frame) {
        synchronized (this) {
            if (outputClosed || !open) {
                ReferenceCountUtil.release(frame);
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            channel.writeAndFlush(frame);
        }
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        Objects.requireNonNull(data, "data");
        synchronized (this) {
            if (outputClosed || !open) {
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            var payload = ByteBufUtil.writeUtf8(channel.alloc(), data);
            WebSocketFrame frame = sendingFragments ? new ContinuationWebSocketFrame(last, 0, payload)
                    : new TextWebSocketFrame(last, 0, payload);
            sendingFragments = !last;
            return write(frame);
        }
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        return write(new BinaryWebSocketFrame(last, 0, Unpooled.copiedBuffer(data)));
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return write(new PingWebSocketFrame(Unpooled.copiedBuffer(message)));
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return write(new PongWebSocketFrame(Unpooled.copiedBuffer(message)));
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        CloseWebSocketFrame frame = new CloseWebSocketFrame(statusCode, reason == null ? "" : reason);
        synchronized (this) {
            if (outputClosed || !open) {
                frame.release();
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            outputClosed = true;
            ChannelFuture written = channel.writeAndFlush(frame);
            if (inputClosed) {
                written.addListener(ChannelFutureListener.CLOSE); // both sides have closed
            }
        }
        return CompletableFuture.completedFuture(this);
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
        return subprotocol;
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
        ended();
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
