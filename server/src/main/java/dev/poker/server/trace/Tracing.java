package dev.poker.server.trace;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.registry.Fanout;
import dev.poker.server.store.EventStore;
import dev.poker.server.table.TableBatch;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's traces (OpenTelemetry). Off by default ({@link #off}): no SDK, no spans, nothing on the
 * request path beyond one field read. On ({@code POKER_TRACING=on}), the SDK is configured by the standard
 * {@code OTEL_*} variables (autoconfigure): exporter ({@code OTEL_TRACES_EXPORTER}, OTLP by default, over
 * gRPC or HTTP/protobuf), endpoint, sampler ({@code OTEL_TRACES_SAMPLER}/{@code _ARG}); spans are exported
 * in batches by the SDK's own thread. See docs/operations.md ("Traces") for the spans and attributes.
 *
 * <p>Concurrency: thread-safe (the SDK's tracer is); {@link #close} is called once, at shutdown.
 */
public final class Tracing implements AutoCloseable {
    private static final Tracing OFF = new Tracing(null, OpenTelemetry.noop(), "", false);

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final String node;
    private final boolean enabled;

    private Tracing(OpenTelemetrySdk sdk, OpenTelemetry otel, String node, boolean enabled) {
        this.sdk = sdk;
        this.tracer = otel.getTracer(TraceKeys.INSTRUMENTATION);
        this.node = node;
        this.enabled = enabled;
    }

    /** No tracing: the no-op API, nothing allocated per request. */
    public static Tracing off() {
        return OFF;
    }

    /**
     * Tracing configured by the {@code OTEL_*} environment (and {@code otel.*} system properties); the
     * service is {@code poker-node} unless {@code OTEL_SERVICE_NAME} says otherwise, the node's id is
     * the resource's {@code service.instance.id}. Only traces are exported (no OTLP metrics or logs).
     */
    public static Tracing fromEnvironment(String nodeId) {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "poker-node", "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addResourceCustomizer((resource, config) -> resource.merge(Resource.builder()
                        .put("service.instance.id", nodeId).build()))
                .disableShutdownHook().build().getOpenTelemetrySdk();
        return new Tracing(sdk, sdk, nodeId, true);
    }

    /** Tracing through a given OpenTelemetry (tests: an in-memory exporter). */
    public static Tracing with(OpenTelemetry otel, String nodeId) {
        return new Tracing(null, otel, nodeId, true);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The span of a client request ({@code poker.request}, SERVER): message type, table, a hash of the
     * account (never the id itself); {@link TraceSpan#NONE} when tracing is off or the sampler said no.
     */
    public TraceSpan request(ClientMessage m, String account) {
        if (!enabled) {
            return TraceSpan.NONE;
        }
        Span span = tracer.spanBuilder(TraceKeys.REQUEST).setNoParent().setSpanKind(SpanKind.SERVER)
                .setAttribute(TraceKeys.MESSAGE_TYPE, MessageTypes.of(m)).setAttribute(TraceKeys.NODE, node)
                .startSpan();
        if (!span.getSpanContext().isSampled()) {
            return TraceSpan.NONE;
        }
        String table = TableOf.message(m);
        if (table != null) {
            span.setAttribute(TraceKeys.TABLE, table);
        }
        if (account != null) {
            span.setAttribute(TraceKeys.ACCOUNT_HASH, accountHash(account));
        }
        span.setAttribute(TraceKeys.OUTCOME, TraceKeys.OK);
        return new TraceSpan(tracer, span, Context.root());
    }

    /**
     * The owner's span of a request another node forwarded ({@code poker.forwarded}, SERVER), a child of
     * the sender's {@code poker.forward}; {@link TraceSpan#NONE} when the request carries no trace.
     */
    public TraceSpan forwarded(String traceparent, String tableId, String fromNode, ClientMessage m) {
        Context parent = enabled ? Traceparent.parse(traceparent) : null;
        if (parent == null) {
            return TraceSpan.NONE;
        }
        Span span = tracer.spanBuilder(TraceKeys.FORWARDED).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.PEER_NODE, fromNode)
                .setAttribute(TraceKeys.NODE, node).setAttribute(TraceKeys.MESSAGE_TYPE, MessageTypes.of(m))
                .setAttribute(TraceKeys.MESSAGING_SYSTEM, "redis")
                .setAttribute(TraceKeys.MESSAGING_DESTINATION, "poker:bus:table:node." + node)
                .setAttribute(TraceKeys.MESSAGING_OPERATION, "process").setAttribute(TraceKeys.OUTCOME, TraceKeys.OK)
                .startSpan();
        return new TraceSpan(tracer, span, parent);
    }

    /** A takeover of an ownerless table by this node ({@code poker.table.takeover}, a trace of its own). */
    public TraceSpan takeover(String tableId) {
        return tableSpan(TraceKeys.TAKEOVER, tableId);
    }

    /** The recovery of a table from the audit log at start ({@code poker.table.recover}). */
    public TraceSpan recovery(String tableId) {
        return tableSpan(TraceKeys.RECOVER, tableId);
    }

    private TraceSpan tableSpan(String name, String tableId) {
        if (!enabled) {
            return TraceSpan.NONE;
        }
        Span span = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.INTERNAL)
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.NODE, node).startSpan();
        return span.getSpanContext().isSampled() ? new TraceSpan(tracer, span, Context.root()) : TraceSpan.NONE;
    }

    /** The store, with a {@code poker.commit} span per write of a traced request (the store itself when off). */
    public EventStore store(EventStore store, String dbSystem) {
        return enabled ? new TracedEventStore(store, tracer, dbSystem) : store;
    }

    /** The fan-out, with publish and deliver spans for traced batches (the fan-out itself when off). */
    public Fanout<TableBatch> fanout(Fanout<TableBatch> fanout, String messagingSystem) {
        return enabled ? new TracedFanout(fanout, tracer, messagingSystem, node) : fanout;
    }

    /** Records an error answer on the request span current on this thread, if one is. */
    public static void markError(ErrorCode code) {
        Span span = Span.current();
        if (span.isRecording()) {
            span.setAttribute(TraceKeys.OUTCOME, code.name());
            span.setAttribute(TraceKeys.ERROR_TYPE, code.name());
        }
    }

    /** A stable, non-reversible stand-in for an account id (the first 16 hex digits of its SHA-256). */
    static String accountHash(String account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Exports what is pending (at most 5 s) and stops the SDK. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
