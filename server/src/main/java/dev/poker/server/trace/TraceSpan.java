package dev.poker.server.trace;

import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.table.Viewer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One span of the node that lives beyond the call that started it: a client request (ends when its
 * requester gets the answer), a request forwarded over the bus (ends when the owner answers), a
 * takeover. {@link #NONE} stands for "not traced" (tracing off, or not sampled): every method then does
 * nothing and allocates nothing, so callers need no check of their own.
 *
 * <p>Concurrency: thread-safe; the span ends exactly once, whichever thread ends it (ending never
 * blocks: the SDK's batch processor exports later).
 */
public final class TraceSpan {
    /** Not traced. */
    public static final TraceSpan NONE = new TraceSpan(null, Span.getInvalid(), Context.root());

    private final Tracer tracer;
    private final Span span;
    private final Context context;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean handedOver;

    TraceSpan(Tracer tracer, Span span, Context parent) {
        this.tracer = tracer;
        this.span = span;
        this.context = parent.with(span);
    }

    /** Whether this span records (is sampled). */
    public boolean traced() {
        return tracer != null;
    }

    /** Makes the span current on this thread (and its ids the MDC's {@code trace_id}/{@code span_id}). */
    public TraceScope enter() {
        return tracer == null ? TraceScope.NONE : TraceScope.enter(context);
    }

    /** What a table request carries so the table's own spans are children of this one; null when not traced. */
    public RequestTrace trace() {
        return tracer == null ? null : new RequestTrace(tracer, context);
    }

    /** This span as a remote parent (W3C traceparent); null when not traced. */
    public String traceparent() {
        return tracer == null ? null : Traceparent.of(context);
    }

    /**
     * The requester, seen through this span: the first answer it gets (a reply, or the ack of an accepted
     * request) ends the span with its outcome. The span then no longer ends at {@link #dispatched}.
     */
    public Viewer answering(Viewer requester) {
        if (tracer == null) {
            return requester;
        }
        handedOver = true;
        return new AnsweringViewer(requester, this);
    }

    /** The request's dispatch returned: the span ends now unless someone answers later ({@link #answering}). */
    public void dispatched() {
        if (tracer != null && !handedOver) {
            end();
        }
    }

    /** Ends the span with the outcome of this answer (its error code, or ok). */
    public void answered(ServerMessage answer) {
        if (answer instanceof ServerMessage.Error e) {
            failed(e.code());
        } else {
            end();
        }
    }

    /** Ends the span with the error code the request got. */
    public void failed(ErrorCode code) {
        failed(code.name());
    }

    private void failed(String code) {
        if (tracer != null) {
            span.setAttribute(TraceKeys.OUTCOME, code);
            span.setAttribute(TraceKeys.ERROR_TYPE, code);
            end();
        }
    }

    /** Ends the span (outcome ok unless an error was recorded); later calls do nothing. */
    public void end() {
        if (tracer != null && ended.compareAndSet(false, true)) {
            span.end();
        }
    }

    /** What a rebuilt table came back with (takeover, recovery). */
    public void rebuilt(long epoch, long events) {
        if (tracer != null) {
            span.setAttribute(TraceKeys.EPOCH, epoch);
            span.setAttribute(TraceKeys.EVENTS, events);
        }
    }

    /** The work under this span failed. */
    public void failed(Throwable error) {
        if (tracer != null) {
            span.recordException(error);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, error.toString());
            span.setAttribute(TraceKeys.ERROR_TYPE, error.getClass().getName());
        }
    }
}
