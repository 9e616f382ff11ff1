package dev.poker.server.session;

import dev.poker.server.table.Viewer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import dev.poker.server.table.SharedFrames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection: who it is, what it watches, and the way frames reach it. Frames from any
 * thread are written on the connection's event loop, one task per batch. A client that reads too
 * slowly (outbound bytes over the high-water mark for longer than the grace period, or far over it)
 * is disconnected rather than allowed to grow the node's memory.
 *
 * <p>Concurrency: {@link #sendAll} and {@link #accountId} may be called from any thread; everything
 * else runs on the connection's event loop.
 */
public final class ClientSession implements Viewer {
    private final Channel channel;
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

    ClientSession(Channel channel, int ratePerSecond, int burst, long graceMs, long highWaterMark) {
        this.channel = channel;
        this.graceMs = graceMs;
        this.hardLimitBytes = highWaterMark * 4;
        this.limiter = new RateLimiter(ratePerSecond, burst, System.nanoTime());
    }

    @Override
    public String accountId() {
        return accountId;
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
    public void sendAll(List<String> frames) {
        if (!channel.isActive()) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            write(frames);
        } else {
            channel.eventLoop().execute(() -> write(frames));
        }
    }

    private void write(List<String> frames) {
        if (!channel.isActive()) {
            return;
        }
        if (frames instanceof SharedFrames shared) {
            // the same bytes for every viewer of a shared view: wrapped, not copied
            for (int i = 0; i < shared.size(); i++) {
                channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(shared.utf8(i))), channel.voidPromise());
            }
        } else {
            for (String f : frames) {
                channel.write(new TextWebSocketFrame(f), channel.voidPromise());
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
