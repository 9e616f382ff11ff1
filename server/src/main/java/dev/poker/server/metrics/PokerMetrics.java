package dev.poker.server.metrics;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The node's metrics, in Prometheus form at /metrics. Names follow the operations design:
 * {@code poker_active_players_total}, {@code poker_tables_active_total}, {@code poker_hands_completed_total},
 * {@code poker_rake_collected_total}, {@code poker_action_latency_seconds},
 * {@code poker_websocket_message_duration_seconds}, {@code poker_errors_total{code}},
 * {@code poker_hand_duration_seconds}, {@code poker_requests_total{type,outcome}}; plus JVM, process (with
 * {@code process_resident_memory_bytes}) and Netty metrics. docs/operations.md lists every one. No player ids as
 * tags.
 *
 * <p>Concurrency: thread-safe (Micrometer meters are).
 */
public final class PokerMetrics {
    /** The SLO thresholds, exact histogram buckets ({@code le="0.2"}, {@code le="0.1"}) for deploy/prometheus. */
    static final Duration ACTION_SLO = Duration.ofMillis(200);
    static final Duration MESSAGE_SLO = Duration.ofMillis(100);
    /** The values of {@code poker_action_latency_seconds{action}}: the engine's actions, and {@code other}. */
    public static final List<String> ACTIONS = List.of("fold", "check", "call", "bet", "raise",
            "all_in", "other");

    private final PrometheusMeterRegistry registry;
    private final Counter hands;
    private final Counter rake;
    private final Map<String, Timer> actionLatency = new HashMap<>();
    private final Timer messageDuration;
    private final Timer forwarded;
    private final Timer failover;
    private final Counter adopted;
    private final Counter diverged;
    private final Counter reloaded;
    private final Timer handDuration;
    private final RequestMeters requests;
    private final AtomicInteger paused = new AtomicInteger();
    private final EnumMap<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Supplier<Number> activePlayers;
    private final Supplier<Number> activeTables;

    public PokerMetrics(Supplier<Number> activePlayers, Supplier<Number> activeTables, Supplier<Number> connections) {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), activePlayers, activeTables, connections);
    }

    public PokerMetrics(PrometheusMeterRegistry registry, Supplier<Number> activePlayers, Supplier<Number> activeTables,
            Supplier<Number> connections) {
        this.registry = registry;
        this.activePlayers = activePlayers;
        this.activeTables = activeTables;
        Gauge.builder("poker.active.players", activePlayers).description("Players seated at this node's tables")
                .register(registry);
        Gauge.builder("poker.tables.active", activeTables).description("Tables running on this node")
                .register(registry);
        Gauge.builder("poker.websocket.connections", connections).description("Open WebSocket connections")
                .register(registry);
        hands = Counter.builder("poker.hands.completed").description("Hands played to the end").register(registry);
        rake = Counter.builder("poker.rake.collected").description("Chips of rake taken from pots")
                .register(registry);
        for (String action : ACTIONS) {
            // one series per action kind ("other": sit, leave, top-up... requests that are no betting action)
            actionLatency.put(action, Timer.builder("poker.action.latency").tag("action", action)
                    .description("From a command received to its events sent to the table's viewers")
                    .publishPercentileHistogram().serviceLevelObjectives(ACTION_SLO)
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        messageDuration = Timer.builder("poker.websocket.message.duration")
                .description("Time to decode, validate and hand off one inbound WebSocket message")
                .publishPercentileHistogram().serviceLevelObjectives(MESSAGE_SLO)
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        forwarded = Timer.builder("poker.forward.duration")
                .description("A request forwarded to the node that owns its table, until its answer came back")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        failover = Timer.builder("poker.table.takeover.duration")
                .description("Taking over one table: claim, fence, replay of its log, serving again")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        adopted = Counter.builder("poker.tables.taken.over")
                .description("Tables this node took over from another (dead, drained or fenced) owner")
                .register(registry);
        diverged = Counter.builder("poker.tables.diverged")
                .description("Tables stopped because their memory and their audit log diverged (a write did not"
                        + " continue the log)").register(registry);
        reloaded = Counter.builder("poker.tables.reloaded")
                .description("Diverged tables rebuilt from their audit log on this node").register(registry);
        handDuration = Timer.builder("poker.hand.duration")
                .description("A hand from its start to its end, both durable (hands resumed after a takeover not timed)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        requests = new RequestMeters(registry);
        Gauge.builder("poker.tables.paused", paused, AtomicInteger::get)
                .description("Tables paused because their store writes fail (they resume by themselves)")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            // exactly the catalogue's codes, each from the start (a rate over a series that appears late is lost)
            errors.put(code, Counter.builder("poker.errors").tag("code", code.name())
                    .description("Errors answered to clients, by code (the protocol's error catalogue)")
                    .register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        ProcessMemory.bindTo(registry);
    }

    /** A hand ended that did not start on this copy of its table (not timed). */
    public void handCompleted() {
        hands.increment();
    }

    /** A hand ended {@code nanos} after it started. */
    public void handCompleted(long nanos) {
        hands.increment();
        handDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A table stopped on this node, for a reason such as {@code internal error}, {@code fenced}, {@code lease lost}. */
    public void tableStopped(String why) {
        String reason = why.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        Counter.builder("poker.tables.stopped").tag("reason", reason)
                .description("Tables stopped on this node, by reason").register(registry).increment();
    }

    /** {@code poker_dependency_up{dependency}}: 1 while {@code up} says the dependency answers, else 0. */
    public void dependency(String name, BooleanSupplier up) {
        Gauge.builder("poker.dependency.up", up, u -> u.getAsBoolean() ? 1 : 0).tag("dependency", name)
                .description("Whether a dependency of the node answers (store, redis): 1 up, 0 down")
                .register(registry);
    }

    /** {@code delta} tables more (or fewer) paused on a failing store. */
    public void tablesPaused(int delta) {
        paused.addAndGet(delta);
    }

    /** An inbound message the session layer took on. */
    public void requestAccepted(ClientMessage m) {
        requests.accepted(m);
    }

    /** An inbound message refused unread (rate-limited, invalid); {@code m} null when it did not decode. */
    public void requestRejected(ClientMessage m) {
        requests.rejected(m);
    }

    public void rake(long chips) {
        rake.increment(chips);
    }

    /** A request's latency, by the betting action it was ({@code fold}, ... as in {@link #ACTIONS}; else other). */
    public void actionLatency(String action, long nanos) {
        actionLatency.getOrDefault(action, actionLatency.get("other")).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void forwarded(long nanos) {
        forwarded.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void diverged() {
        diverged.increment();
    }

    public void reloaded() {
        reloaded.increment();
    }

    public void tookOver(long nanos) {
        adopted.increment();
        failover.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void messageHandled(long nanos) {
        messageDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * The Prometheus text exposition. The operations design names two gauges with a {@code _total}
     * suffix, which the Prometheus client reserves for counters and strips from gauges; they are
     * written here under the design's names as well, beside the conventional {@code poker_active_players}
     * and {@code poker_tables_active}.
     */
    public String scrape() {
        return registry.scrape()
                + "# HELP poker_active_players_total Players seated at this node's tables (a gauge; name from the operations design)\n"
                + "# TYPE poker_active_players_total gauge\n"
                + "poker_active_players_total " + activePlayers.get().doubleValue() + "\n"
                + "# HELP poker_tables_active_total Tables running on this node (a gauge; name from the operations design)\n"
                + "# TYPE poker_tables_active_total gauge\n"
                + "poker_tables_active_total " + activeTables.get().doubleValue() + "\n";
    }
}
