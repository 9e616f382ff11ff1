package dev.poker.server.session;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.Viewer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection: who it is, what it watches, and the way messages reach it. Typed messages
 * from any thread are encoded and written on the connection's event loop, one task per batch (a shared
 * view's bytes are encoded once for all its viewers). A client that reads too
 * slowly (outbound bytes over the high-water mark for longer than the grace period, or far over it)
 * is disconnected rather than allowed to grow the node's memory.
 *
 * <p>Concurrency: {@link #deliver} and {@link #accountId} may be called from any thread; everything
 * else runs on the connection's event loop.
 */
public final class ClientSession implements Viewer {
    private final Channel channel;
    private final Origin origin;
    private final ProtocolCodec codec;
    private final LocalViewers viewers;
    private final long graceMs;
    private final long hardLimitBytes;
    private final RateLimiter limiter;
    private volatile String accountId;
    private volatile String name;
    final Set<String> watching = new HashSet<>();
    boolean helloPending;
    private final long[] limited = new long[1];
    private long limitedWindowStart;
    private boolean slowCheckScheduled;

    ClientSession(Channel channel, Origin origin, ProtocolCodec codec, LocalViewers viewers, int ratePerSecond,
            int burst, long graceMs, long highWaterMark) {
        this.channel = channel;
        this.origin = origin;
        this.codec = codec;
        this.viewers = viewers;
        this.graceMs = graceMs;
        this.hardLimitBytes = highWaterMark * 4;
        this.limiter = new RateLimiter(ratePerSecond, burst, System.nanoTime());
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public void ackInStream(String tableId, String requestId, long seq) {
        viewers.expectAck(tableId, this, requestId, seq);
    }

    public String name() {
        return name;
    }

    void authenticate(String accountId, String name) {
        this.accountId = accountId;
        this.name = name;
    }

    Channel channel() {
        return channel;
    }

    /** Whether another message may be handled now; counts refusals for the abuse limit. */
    boolean admit(long nowNanos) {
        return limiter.tryAcquire(nowNanos);
    }

    /** Counts a rate-limited message; true when the connection went over {@code limit} in 10 s. */
    boolean abusive(long nowNanos, int limit) {
        if (nowNanos - limitedWindowStart > TimeUnit.SECONDS.toNanos(10)) {
            limitedWindowStart = nowNanos;
            limited[0] = 0;
        }
        return ++limited[0] > limit;
    }

    @Override
    public void deliver(Outbound out) {
        if (!channel.isActive()) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            write(out);
        } else {
            channel.eventLoop().execute(() -> write(out));
        }
    }

    private void write(Outbound out) {
        if (!channel.isActive()) {
            return;
        }
        if (out instanceof Outbound.Reply r) {
            channel.write(new TextWebSocketFrame(codec.encode(r.message())), channel.voidPromise());
        } else {
            Outbound.View view = (Outbound.View) out;
            List<ServerMessage> messages = view.messages();
            for (int i = 0; i < messages.size(); i++) {
                // a shared view's bytes are the same for every viewer: wrapped, not copied
                channel.write(view.shared() ? new TextWebSocketFrame(Unpooled.wrappedBuffer(view.utf8(i, codec::encode)))
                        : new TextWebSocketFrame(codec.encode(messages.get(i))), channel.voidPromise());
            }
        }
        channel.flush();
        if (!channel.isWritable()) {
            slowReader();
        }
    }

    /** Outbound data piles up: close now when far over the limit, otherwise after the grace period. */
    void slowReader() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null && out.totalPendingWriteBytes() > hardLimitBytes) {
            close(WebSocketCloseStatus.POLICY_VIOLATION, "slow reader");
            return;
        }
        if (!slowCheckScheduled) {
            slowCheckScheduled = true;
            channel.eventLoop().schedule(() -> {
                slowCheckScheduled = false;
                if (!channel.isWritable()) {
                    close(WebSocketCloseStatus.POLICY_VIOLATION, "slow reader");
                }
            }, graceMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes with 1001 (going away): the node shuts down. */
    public void closeGoingAway() {
        channel.eventLoop().execute(() -> close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "node shutting down"));
    }

    void close(WebSocketCloseStatus status, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(status, reason))
                    .addListener(f -> channel.close());
            channel.eventLoop().schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
        }
    }
}
