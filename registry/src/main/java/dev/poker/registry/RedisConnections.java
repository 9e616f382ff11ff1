package dev.poker.registry;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Redis connections of one node: a {@link RedisClient} with its own small thread pools, one
 * shared command connection (used by the registry, the membership and for PUBLISH) and one pub/sub
 * connection (used by {@link RedisFanout}).
 *
 * <p>Failure behaviour: every command has a short timeout ({@link #DEFAULT_COMMAND_TIMEOUT}, 500 ms)
 * and, while the connection is down, commands are rejected at once instead of being buffered, so
 * callers see a {@link RegistryUnavailableException} quickly. Lettuce reconnects on its own, retrying
 * every 25–500 ms, and re-subscribes the pub/sub channels; nothing has to be rebuilt after an outage.
 * Redis must be reachable when {@link #connect} is called.
 *
 * <p>Concurrency: thread-safe. Lettuce connections are thread-safe and multiplex concurrent commands;
 * commands issued by one thread are sent in the order issued.
 */
public final class RedisConnections implements AutoCloseable {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);

    private final ClientResources resources;
    private final HashedWheelTimer timer;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Duration commandTimeout;
    private final AtomicBoolean pubSubTaken = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisConnections(ClientResources resources, HashedWheelTimer timer, RedisClient client,
            StatefulRedisConnection<String, String> commands, StatefulRedisPubSubConnection<String, String> pubSub,
            Duration commandTimeout) {
        this.resources = resources;
        this.timer = timer;
        this.client = client;
        this.commands = commands;
        this.pubSub = pubSub;
        this.commandTimeout = commandTimeout;
    }

    /** Connects with the default 500 ms command timeout; {@code uri} like {@code redis://127.0.0.1:6379}. */
    public static RedisConnections connect(String uri) {
        return connect(uri, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Connects both connections.
     *
     * @throws RegistryUnavailableException when Redis cannot be reached now
     */
    public static RedisConnections connect(String uri, Duration commandTimeout) {
        return connect(uri, commandTimeout, CommandLatencyRecorder.disabled());
    }

    /**
     * Connects both connections; every command's latency goes to {@code latency} (the node passes Lettuce's
     * Micrometer recorder).
     *
     * @throws RegistryUnavailableException when Redis cannot be reached now
     */
    public static RedisConnections connect(String uri, Duration commandTimeout, CommandLatencyRecorder latency) {
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive");
        }
        RedisURI redisUri = RedisURI.create(uri);
        // The URI timeout bounds the connection handshake (also on reconnection), which may take longer
        // than a command on a busy host; commands themselves are cut off by TimeoutOptions below.
        Duration slow = commandTimeout.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : commandTimeout;
        redisUri.setTimeout(slow);
        // command timeouts fire from this timer: a 10 ms tick instead of Netty's default 100 ms keeps
        // a timed-out command's failure close to the configured timeout
        HashedWheelTimer timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "poker-redis-timer");
            t.setDaemon(true);
            return t;
        }, 10, TimeUnit.MILLISECONDS);
        ClientResources resources = DefaultClientResources.builder()
                .timer(timer)
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .commandLatencyRecorder(latency)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(25), Duration.ofMillis(500), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .socketOptions(SocketOptions.builder().connectTimeout(slow).keepAlive(true)
                        .tcpNoDelay(true).build())
                .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
                .build());
        StatefulRedisConnection<String, String> commands = null;
        try {
            commands = client.connect();
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            return new RedisConnections(resources, timer, client, commands, pubSub, commandTimeout);
        } catch (RedisException e) {
            if (commands != null) {
                commands.close();
            }
            client.shutdown(0, 2, TimeUnit.SECONDS);
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            timer.stop();
            throw new RegistryUnavailableException("connecting to " + redisUri.getHost() + ":" + redisUri.getPort(), e);
        }
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * For {@code /health}: true when Redis answers PING within the command timeout and the pub/sub
     * connection is up. Blocks at most the command timeout.
     */
    public boolean healthy() {
        if (closed.get()) {
            return false;
        }
        try {
            return "PONG".equals(commands.sync().ping()) && pubSub.isOpen();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pubSub.close();
            commands.close();
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            timer.stop();
        }
    }

    StatefulRedisConnection<String, String> commands() {
        return commands;
    }

    /** The pub/sub connection, for the one {@link RedisFanout} of this node. */
    StatefulRedisPubSubConnection<String, String> takePubSub() {
        if (!pubSubTaken.compareAndSet(false, true)) {
            throw new IllegalStateException("the pub/sub connection already has a RedisFanout");
        }
        return pubSub;
    }

    void releasePubSub() {
        pubSubTaken.set(false);
    }

    void addConnectionListener(RedisConnectionStateListener listener) {
        client.addListener(listener);
    }

    void removeConnectionListener(RedisConnectionStateListener listener) {
        client.removeListener(listener);
    }

    /**
     * Translates a Lettuce failure: an error reply from Redis (a bug, such as a script error) becomes
     * an {@link IllegalStateException}; anything else (timeout, not connected, interrupted) becomes a
     * {@link RegistryUnavailableException}.
     */
    static RuntimeException translate(String operation, RuntimeException e) {
        if (e instanceof RedisCommandInterruptedException) {
            Thread.currentThread().interrupt();
            return new RegistryUnavailableException(operation + " (interrupted)", e);
        }
        if (e instanceof RedisCommandExecutionException) {
            return new IllegalStateException("Redis refused " + operation + ": " + e.getMessage(), e);
        }
        if (e instanceof RedisException) {
            return new RegistryUnavailableException(operation, e);
        }
        return e;
    }
}
