package dev.poker.server.trace;

import dev.poker.protocol.ClientMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The trace a table request belongs to, travelling with it from the node that received it to the
 * table's actor (and, over the bus, to the table's owner). Only traced (sampled) requests carry one; a
 * request without one makes no spans anywhere.
 *
 * <p>Concurrency: immutable.
 *
 * @param tracer the node's tracer
 * @param parent the context the table's spans are children of
 */
public record RequestTrace(Tracer tracer, Context parent) {

    /**
     * Runs the table actor's handling of a request under a {@code poker.table.handle} span (child of the
     * request's), current on the actor's thread while it runs: the durable write it starts, and the
     * batch it publishes, are children of it. Without a trace, just runs {@code work}.
     */
    public static void handle(RequestTrace trace, String tableId, ClientMessage message, Runnable work) {
        if (trace == null) {
            work.run();
            return;
        }
        Span span = trace.tracer.spanBuilder(TraceKeys.HANDLE).setParent(trace.parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.MESSAGE_TYPE, MessageTypes.of(message))
                .startSpan();
        try (TraceScope scope = TraceScope.enter(trace.parent.with(span))) {
            work.run();
        } finally {
            span.end();
        }
    }

    /**
     * A {@code poker.forward} span (CLIENT): the request sent over the bus to the table's owner {@code node},
     * ending when the owner answers or the wait times out. Its {@link TraceSpan#traceparent} travels
     * with the bus message.
     */
    public TraceSpan forward(String node, String tableId) {
        Span span = tracer.spanBuilder(TraceKeys.FORWARD).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.PEER_NODE, node)
                .setAttribute(TraceKeys.MESSAGING_SYSTEM, "redis")
                .setAttribute(TraceKeys.MESSAGING_DESTINATION, "poker:bus:table:node." + node)
                .setAttribute(TraceKeys.MESSAGING_OPERATION, "send").startSpan();
        return new TraceSpan(tracer, span, parent);
    }
}
