package dev.poker.load.bot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs N {@link Bot}s against one server URL: starts them at a configurable rate, shares one scheduler,
 * one WebSocket client ({@link NettyWebSocketClient}, unless given a connector), one {@link TableAllocator}
 * and one {@link BotStats} among them, reports aggregated figures ({@link #report()}) and stops them all
 * cleanly ({@link #stop()}).
 *
 * <p>Concurrency: thread-safe. What the fleet owns (its scheduler, its WebSocket client) it stops once the
 * bots have stopped.
 */
public final class BotFleet implements AutoCloseable {

    /**
     * @param url           the server's WebSocket endpoint, e.g. {@code ws://127.0.0.1:8080/ws}
     * @param players       how many bots
     * @param rampPerSecond bots started per second; 0 or less starts them all at once
     * @param bot           each bot's behaviour
     * @param seed          derives every bot's strategy and timing seeds (a run is repeatable up to the
     *                      server's and the network's timing)
     * @param namePrefix    bots are called prefix + 1..N (names are 1 to 32 characters)
     * @param strategies    makes a bot's strategy from its seed
     */
    public record Config(URI url, int players, double rampPerSecond, BotConfig bot, long seed, String namePrefix,
            LongFunction<Strategy> strategies) {
        public Config {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(bot, "bot");
            Objects.requireNonNull(namePrefix, "namePrefix");
            Objects.requireNonNull(strategies, "strategies");
            if (players < 0) {
                throw new IllegalArgumentException("players must be >= 0");
            }
            if (namePrefix.isEmpty() || namePrefix.length() + Integer.toString(Math.max(players, 1)).length() > 32) {
                throw new IllegalArgumentException("namePrefix must be 1 to " + (32 - Integer.toString(players).length())
                        + " characters");
            }
        }

        /** {@code players} bots at 50 per second, default bot config, seed 1, names "bot-N", {@link SimpleStrategy}. */
        public static Config of(URI url, int players) {
            return new Config(url, players, 50, BotConfig.defaults(), 1, "bot-", SimpleStrategy::new);
        }

        public Config withRampPerSecond(double r) {
            return new Config(url, players, r, bot, seed, namePrefix, strategies);
        }

        public Config withBot(BotConfig b) {
            return new Config(url, players, rampPerSecond, b, seed, namePrefix, strategies);
        }

        public Config withSeed(long s) {
            return new Config(url, players, rampPerSecond, bot, s, namePrefix, strategies);
        }

    }

    private static final long TICK_MS = 10;

    private final Config config;
    private final PokerClient.Connector connector;
    private final NettyWebSocketClient ownClient;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final BotStats stats = new BotStats();
    private final TableAllocator allocator = new TableAllocator();
    private final List<Bot> bots = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final CompletableFuture<Void> stoppedFuture = new CompletableFuture<>();
    private ScheduledFuture<?> rampTask;
    private long rampStartNanos;
    private boolean running;
    private boolean stopping;

    /** A fleet with its own WebSocket client (10 s connect timeout) and scheduler. */
    public BotFleet(Config config) {
        this(config, null, null);
    }

    /**
     * @param connector opens WebSockets; null for a fleet-owned {@link NettyWebSocketClient} (closed by {@link #stop()})
     * @param scheduler shared by the bots; null for a fleet-owned one (shut down by {@link #stop()})
     */
    public BotFleet(Config config, PokerClient.Connector connector, ScheduledExecutorService scheduler) {
        this.config = Objects.requireNonNull(config, "config");
        if (connector != null) {
            this.connector = connector;
            this.ownClient = null;
        } else {
            this.ownClient = NettyWebSocketClient.create("bot-ws");
            this.connector = ownClient.connector(Duration.ofSeconds(10));
        }
        if (scheduler != null) {
            this.scheduler = scheduler;
            this.ownsScheduler = false;
        } else {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
            AtomicInteger threadCount = new AtomicInteger();
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(threads, r -> {
                Thread t = new Thread(r, "bot-fleet-" + threadCount.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            this.scheduler = s;
            this.ownsScheduler = true;
        }
    }

    /** Starts ramping up the bots (returns at once). */
    public synchronized void start() {
        if (running || stopping) {
            throw new IllegalStateException(stopping ? "fleet stopped" : "fleet already started");
        }
        running = true;
        rampStartNanos = System.nanoTime();
        if (config.rampPerSecond() <= 0 || Double.isInfinite(config.rampPerSecond())) {
            startUpTo(config.players());
            return;
        }
        rampTask = scheduler.scheduleAtFixedRate(this::rampTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void rampTick() {
        double seconds = (System.nanoTime() - rampStartNanos) / 1e9;
        long due = Math.min(config.players(), (long) Math.floor(seconds * config.rampPerSecond()) + 1);
        startUpTo((int) due);
    }

    private synchronized void startUpTo(int due) {
        while (!stopping && started.get() < due) {
            int i = started.getAndIncrement();
            long seed = mix(config.seed(), i);
            Bot bot = new Bot(config.namePrefix() + (i + 1), config.url(), config.bot(),
                    config.strategies().apply(seed), connector, scheduler, stats, allocator, mix(seed, 0x5EED));
            bots.add(bot);
            bot.start();
        }
        if (started.get() >= config.players() && rampTask != null) {
            rampTask.cancel(false);
            rampTask = null;
        }
    }

    /** A 64-bit mix (SplitMix64's finalizer) of {@code seed} and {@code i}. */
    static long mix(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The bots started so far. */
    public List<Bot> bots() {
        return List.copyOf(bots);
    }

    /** How many bots have been started. */
    public int started() {
        return started.get();
    }

    /** Whether every bot has been started. */
    public boolean rampComplete() {
        return started.get() >= config.players();
    }

    /** The shared counters. */
    public BotStats stats() {
        return stats;
    }

    /** Connections open right now. */
    public int connectionsOpen() {
        return stats.connectionsOpen();
    }

    /** Aggregated figures; the interval part (actions/s, interval latency) runs from the previous call. */
    public BotStats.Report report() {
        return stats.report();
    }

    public Config config() {
        return config;
    }

    /**
     * Stops ramping, stops every bot (each stands up and closes its connection) and, when the fleet owns
     * it, shuts the scheduler down. Completes within about 10 s. Idempotent.
     */
    public CompletableFuture<Void> stopAsync() {
        synchronized (this) {
            if (stopping) {
                return stoppedFuture;
            }
            stopping = true;
            if (rampTask != null) {
                rampTask.cancel(false);
                rampTask = null;
            }
        }
        CompletableFuture<?>[] all = bots.stream().map(Bot::stop).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(all).completeOnTimeout(null, 10, TimeUnit.SECONDS).whenComplete((v, e) -> {
            releaseOwned();
            stoppedFuture.complete(null);
        });
        return stoppedFuture;
    }

    /** {@link #stopAsync()}, waiting for it (at most 15 s). */
    public void stop() {
        try {
            stopAsync().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            releaseOwned();
        }
    }

    /** Stops the scheduler and the WebSocket client when the fleet made them. */
    private void releaseOwned() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownClient != null) {
            ownClient.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
