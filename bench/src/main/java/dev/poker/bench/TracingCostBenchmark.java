package dev.poker.bench;

import com.sun.net.httpserver.HttpServer;
import dev.poker.engine.TableEvent;
import dev.poker.protocol.ClientMessage;
import dev.poker.registry.Fanout;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.TableBatch;
import dev.poker.server.table.Viewer;
import dev.poker.server.trace.RequestTrace;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import dev.poker.server.trace.Traceparent;
import dev.poker.server.trace.Tracing;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What tracing adds to one forwarded action, on the request path: the node's own calls into
 * {@code dev.poker.server.trace} in the order a forwarded {@code act} makes them (request span, forward,
 * the owner's forwarded span, the actor's handling, the commit through the traced store, the publish and
 * the delivery through the traced fan-out, the answers), around work that costs nothing (a store that
 * answers at once, an in-process fan-out). {@code mode}: {@code off} (the node's default), {@code 1.0}
 * (every request sampled) and {@code 0.01}; sampled spans go to the SDK's batch processor and an OTLP/HTTP
 * exporter posting to a sink in this JVM (its thread's CPU is not in the figure; when the processor's
 * queue is full it drops spans, as in a node).
 *
 * <p>Concurrency: JMH thread-confined state; the exporter runs on the SDK's thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracingCostBenchmark {
    private static final String TABLE = "t0123456789ab";

    @Param({"off", "1.0", "0.01"})
    public String mode;

    private HttpServer sink;
    private OpenTelemetrySdk sdk;
    private Tracing tracing;
    private EventStore store;
    private Fanout<TableBatch> fanout;
    private final ClientMessage.Act act = new ClientMessage.Act("r1", TABLE, 3L, "call", null, "a-1");
    private final List<StoredEvent> events = List.of(new StoredEvent(9, 3, 1L, new TableEvent.TurnStarted(1, 5L), null));
    private final TableBatch batch = new TableBatch(TABLE, events, Map.of(), null, null);
    private Consumer<Object> hole;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) throws IOException {
        prepare(bh::consume);
    }

    /** Builds the tracing of {@link #mode} and its sink; {@code consumer} takes what must not be optimized away. */
    void prepare(Consumer<Object> consumer) throws IOException {
        hole = consumer;
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/v1/traces", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        sink.start();
        if (mode.equals("off")) {
            tracing = Tracing.off();
        } else {
            sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(Double.parseDouble(mode))))
                    .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint("http://127.0.0.1:" + sink.getAddress().getPort() + "/v1/traces").build())
                            .build())
                    .build()).build();
            tracing = Tracing.with(sdk, "n1");
        }
        store = tracing.store(new EventStore() {
            @Override
            public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> e, List<CompletedHand> h) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
                return List.of();
            }

            @Override
            public boolean healthy() {
                return true;
            }
        }, "postgresql");
        InProcessFanout<TableBatch> local = new InProcessFanout<>();
        fanout = tracing.fanout(local, "redis");
        fanout.subscribe(TABLE, b -> hole.accept(b));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (sdk != null) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
        sink.stop(0);
    }

    @Benchmark
    public void forwardedAction() {
        TraceSpan request = tracing.request(act, "g-account");
        try (TraceScope scope = request.enter()) {
            Viewer requester = request.answering(VIEWER);
            RequestTrace trace = request.trace();
            TraceSpan forward = trace == null ? TraceSpan.NONE : trace.forward("n2", TABLE);
            TraceSpan served = tracing.forwarded(forward.traceparent(), TABLE, "n1", act);
            try (TraceScope owner = served.enter()) {
                RequestTrace.handle(served.trace(), TABLE, act, () -> {
                    hole.accept(store.append(TABLE, 1, events, List.of()));
                    fanout.publish(TABLE, batch.withTraceparent(Traceparent.current()));
                });
            }
            served.end();
            forward.end();
            requester.ackInStream(TABLE, "r1", 9);
        } finally {
            request.dispatched();
        }
    }

    private static final Viewer VIEWER = new Viewer() {
        @Override
        public String accountId() {
            return "g-account";
        }

        @Override
        public Origin origin() {
            return new Origin("n1", 1);
        }

        @Override
        public void deliver(Outbound out) {
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
        }
    };
}
