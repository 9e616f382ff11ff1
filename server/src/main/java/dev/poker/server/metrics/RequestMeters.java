package dev.poker.server.metrics;

import dev.poker.protocol.ClientMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code poker_requests_total{type,outcome}}: every inbound WebSocket message, by its protocol type
 * ({@code hello}, {@code act}, ...; {@code invalid} for a frame that did not decode) and what the session layer
 * did with it: {@code accepted} (handed to a table, the worker pool or answered) or {@code rejected} (refused
 * unread: rate-limited, or not a valid message). The denominator of the error-ratio SLO. Every series exists
 * from the start at 0.
 *
 * <p>Concurrency: thread-safe; the map is filled in the constructor and only read afterwards.
 */
final class RequestMeters {
    static final String INVALID = "invalid";
    private final Map<String, Counter> accepted = new HashMap<>();
    private final Map<String, Counter> rejected = new HashMap<>();

    RequestMeters(MeterRegistry registry) {
        for (Class<?> type : ClientMessage.class.getPermittedSubclasses()) {
            String name = typeName(type);
            accepted.put(name, counter(registry, name, "accepted"));
            rejected.put(name, counter(registry, name, "rejected"));
        }
        rejected.put(INVALID, counter(registry, INVALID, "rejected"));
    }

    private static Counter counter(MeterRegistry registry, String type, String outcome) {
        return Counter.builder("poker.requests").tag("type", type).tag("outcome", outcome)
                .description("Inbound WebSocket messages, by protocol type and what the session layer did with them")
                .register(registry);
    }

    void accepted(ClientMessage m) {
        accepted.get(typeName(m.getClass())).increment();
    }

    /** A message refused unread; {@code m} null when the frame did not decode. */
    void rejected(ClientMessage m) {
        rejected.get(m == null ? INVALID : typeName(m.getClass())).increment();
    }

    /** The protocol's name of a message class: {@code CreateTable} is {@code create_table}. */
    static String typeName(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
