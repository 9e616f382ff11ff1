package dev.poker.registry;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out of table events over Redis pub/sub, one channel per table ({@code poker:table:<id>}).
 *
 * <ul>
 *   <li>{@link #publish} delivers the message to this node's own subscribers of the table directly
 *   (without Redis, so local players keep getting events while Redis is down) and sends it with
 *   {@code PUBLISH} for the other nodes. The payload is {@code <origin>|<encoded message>}; a node drops
 *   the copies of its own messages that Redis echoes back. PUBLISH is asynchronous and never blocks
 *   the caller; failures (Redis down) are counted and the message is lost for remote nodes
 *   (at-most-once: subscribers detect the gap with sequence numbers).
 *   <li>{@link #subscribe} subscribes this node's pub/sub connection to the table's channel on the
 *   first local subscriber and unsubscribes when the last one closes. The wanted set of channels is
 *   reconciled with the channels Redis confirmed every second and after every reconnection, so a
 *   SUBSCRIBE that failed during an outage is retried and a Redis restart is survived.
 *   <li>Messages of one table are decoded and delivered in order on one dispatch thread (tables are
 *   spread over {@code dispatchThreads} threads by id), never on Lettuce's I/O thread.
 * </ul>
 *
 * <p>Concurrency: thread-safe. Subscription changes and the SUBSCRIBE/UNSUBSCRIBE commands they cause
 * are serialised by one lock, so Redis sees them in the order of the changes. Receivers run on the
 * table's dispatch thread; they must not block for long (they delay the other tables of that thread).
 * {@code publish} must be called for one table from one thread at a time (the table's actor), which
 * gives the order of its messages.
 */
public final class RedisFanout<M> implements Fanout<M>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFanout.class);
    private static final long RECONCILE_EVERY_MS = 1_000;

    /** One local subscriber of one table. */
    private final class Sub implements Subscription {
        final String tableId;
        final Consumer<M> receiver;
        volatile boolean open = true;

        Sub(String tableId, Consumer<M> receiver) {
            this.tableId = tableId;
            this.receiver = receiver;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                unsubscribe(this);
            }
        }
    }

    private final RedisConnections redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Keys keys;
    private final Function<M, String> encoder;
    private final Function<String, M> decoder;
    private final String origin;
    private final ExecutorService[] dispatch;
    private final ScheduledExecutorService reconciler;
    private final Object lock = new Object();
    /** Local subscribers per table; a table is present exactly while it has one (guarded by lock for writes). */
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Sub>> subscribers = new ConcurrentHashMap<>();
    /** Channels Redis confirmed (updated on Lettuce's I/O thread, cleared on disconnection). */
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean publishFailing;
    private volatile boolean closed;

    private final RedisPubSubAdapter<String, String> pubSubListener = new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
            onMessage(channel, message);
        }

        @Override
        public void subscribed(String channel, long count) {
            confirmed.add(channel);
        }

        @Override
        public void unsubscribed(String channel, long count) {
            confirmed.remove(channel);
        }
    };

    private final RedisConnectionStateListener connectionListener = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == pubSub) {
                confirmed.clear();
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (connection == pubSub && !closed) {
                try {
                    reconciler.schedule(RedisFanout.this::reconcile, 50, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            }
        }
    };

    /** Default namespace ({@code poker}) and one dispatch thread per two CPUs (at least 1, at most 8). */
    public RedisFanout(RedisConnections redis, Function<M, String> encoder, Function<String, M> decoder) {
        this(redis, Keys.DEFAULT_NAMESPACE, encoder, decoder,
                Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2)));
    }

    /**
     * @param encoder         a message as text (it must not depend on anything but the message)
     * @param decoder         the inverse of {@code encoder}; a message it rejects is dropped
     * @param dispatchThreads threads that deliver received messages; one table always uses the same one
     */
    public RedisFanout(RedisConnections redis, String namespace, Function<M, String> encoder,
            Function<String, M> decoder, int dispatchThreads) {
        if (dispatchThreads < 1) {
            throw new IllegalArgumentException("dispatchThreads must be at least 1");
        }
        this.redis = redis;
        this.pubSub = redis.takePubSub(); // first: fails before any thread exists when already taken
        this.keys = new Keys(namespace);
        this.encoder = Objects.requireNonNull(encoder);
        this.decoder = Objects.requireNonNull(decoder);
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        this.origin = HexFormat.of().formatHex(id);
        this.dispatch = new ExecutorService[dispatchThreads];
        for (int i = 0; i < dispatchThreads; i++) {
            String name = "poker-fanout-" + i;
            dispatch[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        this.reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poker-fanout-resubscribe");
            t.setDaemon(true);
            return t;
        });
        pubSub.addListener(pubSubListener);
        redis.addConnectionListener(connectionListener);
        reconciler.scheduleWithFixedDelay(this::reconcile, RECONCILE_EVERY_MS, RECONCILE_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    private volatile boolean inlineLocal;

    /**
     * Delivers this node's own messages to its local subscribers on the publishing thread, before
     * {@code publish} returns (as {@link InProcessFanout} does), instead of on a dispatch thread. For a
     * publisher whose later messages to the same receivers (an answer after the events it covers) must
     * not overtake them. Receivers then run on the publisher's thread and must be quick.
     */
    public RedisFanout<M> deliverLocallyInline() {
        this.inlineLocal = true;
        return this;
    }

    @Override
    public void publish(String tableId, M message) {
        if (closed) {
            return;
        }
        List<Sub> local = subscribers.get(tableId);
        if (local != null) {
            if (inlineLocal) {
                deliver(local, message);
            } else {
                execute(tableId, () -> deliver(local, message));
            }
        }
        String payload = envelope(origin, encoder.apply(message));
        try {
            redis.commands().async().publish(keys.channel(tableId), payload).whenComplete((n, e) -> {
                if (e != null) {
                    publishFailed(e);
                } else {
                    publishFailing = false;
                }
            });
        } catch (RuntimeException e) {
            publishFailed(e);
        }
    }

    private void publishFailed(Throwable e) {
        publishFailures.incrementAndGet();
        if (!publishFailing) {
            publishFailing = true;
            LOG.warn("PUBLISH failed; remote viewers miss events until Redis is back: {}", e.toString());
        }
    }

    @Override
    public Subscription subscribe(String tableId, Consumer<M> receiver) {
        Objects.requireNonNull(receiver);
        if (closed) {
            throw new IllegalStateException("fan-out closed");
        }
        Sub sub = new Sub(tableId, receiver);
        synchronized (lock) {
            CopyOnWriteArrayList<Sub> list = subscribers.get(tableId);
            if (list == null) {
                list = new CopyOnWriteArrayList<>();
                subscribers.put(tableId, list);
                list.add(sub);
                sendSubscribe(List.of(keys.channel(tableId)));
            } else {
                list.add(sub);
            }
        }
        return sub;
    }

    private void unsubscribe(Sub sub) {
        String tableId = sub.tableId;
        synchronized (lock) {
            CopyOnWriteArrayList<Sub> list = subscribers.get(tableId);
            if (list == null || !list.remove(sub)) {
                return;
            }
            if (list.isEmpty()) {
                subscribers.remove(tableId);
                if (!closed) {
                    sendUnsubscribe(List.of(keys.channel(tableId)));
                }
            }
        }
    }

    /** Caller holds lock. Failures are left to {@link #reconcile}. */
    private void sendSubscribe(List<String> channels) {
        try {
            pubSub.async().subscribe(channels.toArray(String[]::new));
        } catch (RuntimeException e) {
            // not connected: reconcile retries
        }
    }

    /** Caller holds lock. */
    private void sendUnsubscribe(List<String> channels) {
        try {
            pubSub.async().unsubscribe(channels.toArray(String[]::new));
        } catch (RuntimeException e) {
            // not connected: the subscription is gone with the connection, or reconcile retries
        }
    }

    /** Subscribes the wanted channels Redis has not confirmed; unsubscribes confirmed ones nobody wants. */
    void reconcile() {
        if (closed || !pubSub.isOpen()) {
            return;
        }
        synchronized (lock) {
            List<String> missing = new ArrayList<>();
            Set<String> wanted = new HashSet<>();
            for (String table : subscribers.keySet()) {
                String channel = keys.channel(table);
                wanted.add(channel);
                if (!confirmed.contains(channel)) {
                    missing.add(channel);
                }
            }
            List<String> unwanted = new ArrayList<>();
            for (String channel : confirmed) {
                if (!wanted.contains(channel)) {
                    unwanted.add(channel);
                }
            }
            if (!missing.isEmpty()) {
                sendSubscribe(missing);
            }
            if (!unwanted.isEmpty()) {
                sendUnsubscribe(unwanted);
            }
        }
    }

    private void onMessage(String channel, String payload) {
        String table = keys.tableOfChannel(channel);
        if (table == null) {
            return;
        }
        List<Sub> local = subscribers.get(table);
        if (local == null) {
            return; // nobody here watches it any more
        }
        int bar = payload.indexOf('|');
        if (bar < 0) {
            dropped.incrementAndGet();
            return;
        }
        if (payload.regionMatches(0, origin, 0, bar) && bar == origin.length()) {
            return; // our own message, already delivered locally
        }
        String body = payload.substring(bar + 1);
        execute(table, () -> {
            M message;
            try {
                message = decoder.apply(body);
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                LOG.warn("undecodable message on {} dropped: {}", channel, e.toString());
                return;
            }
            deliver(local, message);
        });
    }

    private void deliver(List<Sub> subs, M message) {
        for (Sub s : subs) {
            if (!s.open) {
                continue;
            }
            try {
                s.receiver.accept(message);
            } catch (RuntimeException e) {
                LOG.error("a fan-out receiver failed", e);
            }
        }
    }

    /** Runs {@code task} on the table's dispatch thread; dropped when the fan-out is closed. */
    private void execute(String tableId, Runnable task) {
        try {
            dispatch[Math.floorMod(tableId.hashCode(), dispatch.length)].execute(task);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    static String envelope(String origin, String body) {
        return origin + '|' + body;
    }

    /** PUBLISH commands that failed (Redis down or slow). */
    long publishFailures() {
        return publishFailures.get();
    }

    /** Received messages dropped because they were malformed or undecodable. */
    long dropped() {
        return dropped.get();
    }

    /** Tables with at least one local subscriber (for tests and diagnostics). */
    Set<String> subscribedTables() {
        return Set.copyOf(subscribers.keySet());
    }

    /** Channels Redis confirmed for this node (for tests and diagnostics). */
    Set<String> confirmedChannels() {
        return Set.copyOf(confirmed);
    }

    /**
     * Stops delivering, unsubscribes everything (best effort) and stops the dispatch threads. The
     * connections stay open: they belong to {@link RedisConnections}.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Map.Entry<String, CopyOnWriteArrayList<Sub>> e : subscribers.entrySet()) {
                e.getValue().forEach(s -> s.open = false);
            }
            subscribers.clear();
            if (!confirmed.isEmpty()) {
                sendUnsubscribe(List.copyOf(confirmed));
            }
        }
        redis.removeConnectionListener(connectionListener);
        pubSub.removeListener(pubSubListener);
        reconciler.shutdownNow();
        for (ExecutorService e : dispatch) {
            e.shutdown();
        }
        for (ExecutorService e : dispatch) {
            try {
                e.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        redis.releasePubSub();
    }
}
