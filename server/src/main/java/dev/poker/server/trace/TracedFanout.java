package dev.poker.server.trace;

import dev.poker.registry.Fanout;
import dev.poker.server.table.TableBatch;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;

/**
 * The fan-out of table batches with spans: publishing a batch that a traced request produced is a
 * {@code poker.fanout.publish} span (PRODUCER) whose context travels inside the batch (its traceparent,
 * in Redis too); each node that receives it delivers it to its viewers under a
 * {@code poker.fanout.deliver} span (CONSUMER), a child of the publish, so a forwarded action's events
 * reaching the requester's node are in the action's trace. Batches without a traceparent pass through.
 *
 * <p>Concurrency: thread-safe (stateless over the fan-out); spans end on the thread that publishes or
 * delivers, without blocking it.
 */
final class TracedFanout implements Fanout<TableBatch> {
    private final Fanout<TableBatch> fanout;
    private final Tracer tracer;
    private final String system;
    private final String node;

    TracedFanout(Fanout<TableBatch> fanout, Tracer tracer, String system, String node) {
        this.fanout = fanout;
        this.tracer = tracer;
        this.system = system;
        this.node = node;
    }

    @Override
    public void publish(String tableId, TableBatch batch) {
        Context parent = Traceparent.parse(batch.traceparent());
        if (parent == null) {
            fanout.publish(tableId, batch);
            return;
        }
        Span span = messaging(TraceKeys.PUBLISH, SpanKind.PRODUCER, parent, tableId, batch, "publish");
        Context context = parent.with(span);
        try (TraceScope scope = TraceScope.enter(context)) {
            fanout.publish(tableId, batch.withTraceparent(Traceparent.of(context)));
        } finally {
            span.end();
        }
    }

    @Override
    public Subscription subscribe(String tableId, Consumer<TableBatch> receiver) {
        return fanout.subscribe(tableId, batch -> {
            Context parent = Traceparent.parse(batch.traceparent());
            if (parent == null) {
                receiver.accept(batch);
                return;
            }
            Span span = messaging(TraceKeys.DELIVER, SpanKind.CONSUMER, parent, tableId, batch, "process");
            try (TraceScope scope = TraceScope.enter(parent.with(span))) {
                receiver.accept(batch);
            } finally {
                span.end();
            }
        });
    }

    private Span messaging(String name, SpanKind kind, Context parent, String tableId, TableBatch batch,
            String operation) {
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind)
                .setAttribute(TraceKeys.MESSAGING_SYSTEM, system)
                .setAttribute(TraceKeys.MESSAGING_DESTINATION, "poker:table:" + tableId)
                .setAttribute(TraceKeys.MESSAGING_OPERATION, operation)
                .setAttribute(TraceKeys.MESSAGING_BATCH_COUNT, (long) batch.events().size())
                .setAttribute(TraceKeys.LAST_SEQ, batch.lastSeq())
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.NODE, node).startSpan();
    }
}
