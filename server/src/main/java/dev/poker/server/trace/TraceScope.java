package dev.poker.server.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * A span made current on this thread for a while: OpenTelemetry's context, and the SLF4J MDC keys
 * {@code trace_id} and {@code span_id} that the JSON log lines carry. Closing restores what was there.
 *
 * <p>Concurrency: confined to the thread that opened it (a scope must be closed where it began).
 */
public final class TraceScope implements AutoCloseable {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    /** Nothing was made current (tracing off, or nothing sampled): closing does nothing. */
    static final TraceScope NONE = new TraceScope(null, null, null);

    private final Scope scope;
    private final String previousTrace;
    private final String previousSpan;

    private TraceScope(Scope scope, String previousTrace, String previousSpan) {
        this.scope = scope;
        this.previousTrace = previousTrace;
        this.previousSpan = previousSpan;
    }

    /** Makes {@code context} current, with its span's ids in the MDC. */
    static TraceScope enter(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        String trace = MDC.get(TRACE_ID);
        String spanId = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, span.getTraceId());
        MDC.put(SPAN_ID, span.getSpanId());
        return new TraceScope(context.makeCurrent(), trace, spanId);
    }

    @Override
    public void close() {
        if (scope == null) {
            return;
        }
        scope.close();
        restore(TRACE_ID, previousTrace);
        restore(SPAN_ID, previousSpan);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
