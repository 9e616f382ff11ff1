package dev.poker.load.gen;

import dev.poker.load.bot.Bot;
import dev.poker.load.bot.NettyWebSocketClient;
import dev.poker.load.bot.BotConfig;
import dev.poker.load.bot.BotStats;
import dev.poker.load.bot.SimpleStrategy;
import dev.poker.load.bot.TableAllocator;
import dev.poker.load.bot.TableTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated players of a run: {@link Bot}s of the bot library (a {@link SimpleStrategy} each, tables
 * of the configured size with 1/2 blinds, 100 big blind buy-ins, top-up when busted, automatic reconnect
 * and resume), each connected through its own {@link TapConnector} so that the {@link TrafficTap} sees
 * its traffic and its think time is applied where it can be measured. The connections are made with the
 * bot library's {@link NettyWebSocketClient} (one event-loop group, a thread per core; {@code ws://} and
 * {@code wss://}). Players are started at a given rate up to a target that can grow (the capacity steps).
 *
 * <p>Concurrency: thread-safe. The pool owns its scheduler (shared by the bots and the taps) and its
 * WebSocket client, and stops both in {@link #close()}.
 */
final class PlayerPool implements AutoCloseable {
    private static final long TICK_MS = 10;

    private final List<URI> urls;
    private final ThinkTime think;
    private final TrafficTap tap;
    private final BotConfig config;
    private final long seed;
    private final String namePrefix;
    private final ScheduledThreadPoolExecutor scheduler;
    private final TapConnector.Opener opener;
    private final NettyWebSocketClient client;
    private final BotStats stats = new BotStats();
    private final TableAllocator allocator;
    private final List<Bot> bots = new CopyOnWriteArrayList<>();
    private final List<TrafficTap.PlayerTap> players = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> rampTask;
    private int target;
    private double rate;
    private long rampStartNanos;
    private int rampFrom;
    private boolean closed;

    /**
     * @param runTag short tag (letters and digits) that makes this run's player and table names unique
     */
    PlayerPool(List<URI> urls, int seats, ThinkTime think, TrafficTap tap, long seed, String runTag) {
        this.urls = List.copyOf(urls);
        this.think = think;
        this.tap = tap;
        this.seed = seed;
        this.namePrefix = "ld" + runTag + "-";
        this.allocator = new TableAllocator(runTag);
        this.config = BotConfig.defaults()
                .withTemplate(new TableTemplate("load-" + seats + "max", seats, 1, 2, null, 40, 200, null, null))
                .withThinkTime(Duration.ZERO, Duration.ZERO);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "load-players-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.client = new NettyWebSocketClient(threads, "load-ws", 16 << 20);
        this.opener = TapConnector.Opener.of(client);
    }

    /** Starts players at {@code perSecond} until {@code count} have been started (returns at once). */
    synchronized void rampTo(int count, double perSecond) {
        if (closed || count <= bots.size()) {
            return;
        }
        target = count;
        rate = perSecond;
        rampFrom = bots.size();
        rampStartNanos = System.nanoTime();
        if (rampTask == null) {
            rampTask = scheduler.scheduleAtFixedRate(this::rampTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void rampTick() {
        if (closed) {
            return;
        }
        double seconds = (System.nanoTime() - rampStartNanos) / 1e9;
        long due = Math.min(target, rampFrom + (long) Math.floor(seconds * rate) + 1);
        while (bots.size() < due) {
            startOne();
        }
        if (bots.size() >= target && rampTask != null) {
            rampTask.cancel(false);
            rampTask = null;
        }
    }

    private void startOne() {
        int i = bots.size();
        long s = mix(seed, i);
        TrafficTap.PlayerTap p = new TrafficTap.PlayerTap(i, urls);
        TapConnector connector = new TapConnector(opener, Duration.ofSeconds(10), tap, p, think, scheduler, mix(s, 7));
        Bot bot = new Bot(namePrefix + (i + 1), urls.get(i % urls.size()), config, new SimpleStrategy(s), connector,
                scheduler, stats, allocator, mix(s, 11));
        players.add(p);
        bots.add(bot);
        bot.start();
    }

    static long mix(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int started() {
        return bots.size();
    }

    synchronized int target() {
        return target;
    }

    /** Players with a seat right now. */
    int seated() {
        return stats.seated();
    }

    BotStats stats() {
        return stats;
    }

    List<TrafficTap.PlayerTap> players() {
        return List.copyOf(players);
    }

    /** Players whose bot gave up (could not connect, find a seat, or reconnect). */
    long failed() {
        return bots.stream().filter(b -> b.state() == Bot.State.FAILED).count();
    }

    /** Stops every player (each stands up and disconnects), waiting at most 15 s, then the scheduler. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (rampTask != null) {
                rampTask.cancel(false);
                rampTask = null;
            }
        }
        for (Bot b : bots) {
            stops.add(b.stop());
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // some did not say goodbye in time: their connections are dropped with the scheduler
        }
        scheduler.shutdownNow();
        client.close();
    }

}
