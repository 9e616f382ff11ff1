package dev.poker.server.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A trace context as the W3C {@code traceparent} header writes it
 * ({@code 00-<trace id>-<span id>-<flags>}): the form in which it travels between nodes, inside bus
 * messages and table batches. Only sampled contexts travel: a request that is not traced carries nothing.
 *
 * <p>Concurrency: stateless.
 */
public final class Traceparent {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String HEADER = "traceparent";

    private Traceparent() {}

    /** The traceparent of the span current on this thread, or null when none is sampled (tracing off). */
    public static String current() {
        return of(Context.current());
    }

    /** The traceparent of {@code context}'s span, or null when it is not sampled. */
    static String of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid() || !span.isSampled()) {
            return null;
        }
        String[] out = new String[1];
        W3C.inject(context, out, (carrier, key, value) -> {
            if (HEADER.equals(key)) {
                carrier[0] = value;
            }
        });
        return out[0];
    }

    /** The context a traceparent names (a remote parent), or null when it is absent or malformed. */
    static Context parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Context c = W3C.extract(Context.root(), traceparent, new TextMapGetter<String>() {
            @Override
            public Iterable<String> keys(String carrier) {
                return List.of(HEADER);
            }

            @Override
            public String get(String carrier, String key) {
                return HEADER.equals(key) ? carrier : null;
            }
        });
        SpanContext span = Span.fromContext(c).getSpanContext();
        return span.isValid() && span.isSampled() ? c : null;
    }
}
