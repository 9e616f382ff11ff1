package dev.poker.server.trace;

import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The event store with a {@code poker.commit} span (CLIENT, {@code db.*}) around each durable write that
 * a traced request started: from the append until the store answers, with the batch's size. Writes
 * outside a traced request (timers, writes queued behind another) pass through untouched.
 *
 * <p>Concurrency: thread-safe (stateless over the store); the span ends on the store's thread, without
 * blocking it.
 */
final class TracedEventStore implements EventStore {
    private final EventStore store;
    private final Tracer tracer;
    private final String dbSystem;

    TracedEventStore(EventStore store, Tracer tracer, String dbSystem) {
        this.store = store;
        this.tracer = tracer;
        this.dbSystem = dbSystem;
    }

    @Override
    public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
            List<CompletedHand> hands) {
        Context parent = Context.current();
        if (!Span.fromContext(parent).getSpanContext().isSampled()) {
            return store.append(tableId, epoch, events, hands);
        }
        Span span = tracer.spanBuilder(TraceKeys.COMMIT).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(TraceKeys.DB_SYSTEM, dbSystem).setAttribute(TraceKeys.DB_OPERATION, "append")
                .setAttribute(TraceKeys.TABLE, tableId).setAttribute(TraceKeys.BATCH_EVENTS, (long) events.size())
                .setAttribute(TraceKeys.BATCH_HANDS, (long) hands.size())
                .setAttribute(TraceKeys.LAST_SEQ, events.isEmpty() ? 0L : events.get(events.size() - 1).seq())
                .startSpan();
        CompletableFuture<Void> written;
        try (TraceScope scope = TraceScope.enter(parent.with(span))) {
            written = store.append(tableId, epoch, events, hands);
        } catch (RuntimeException e) {
            failed(span, e);
            span.end();
            throw e;
        }
        // the caller sees exactly the store's outcome (the same exception, not a wrapped one)
        CompletableFuture<Void> answered = new CompletableFuture<>();
        written.whenComplete((ok, error) -> {
            if (error != null) {
                failed(span, error);
            }
            span.end();
            if (error != null) {
                answered.completeExceptionally(error);
            } else {
                answered.complete(ok);
            }
        });
        return answered;
    }

    private static void failed(Span span, Throwable error) {
        span.setStatus(StatusCode.ERROR, error.toString());
        span.setAttribute(TraceKeys.ERROR_TYPE, error.getClass().getName());
    }

    @Override
    public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
        return store.read(tableId, afterSeq, limit);
    }

    @Override
    public boolean healthy() {
        return store.healthy();
    }

    @Override
    public void close() {
        store.close();
    }
}
