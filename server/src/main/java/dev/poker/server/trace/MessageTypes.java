package dev.poker.server.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.poker.protocol.ClientMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * The wire name of a client message ({@code act}, {@code sit}...), read once from the protocol's own
 * type mapping, so a span names a request as the client wrote it.
 *
 * <p>Concurrency: immutable after class initialisation.
 */
final class MessageTypes {
    private static final Map<Class<?>, String> NAMES = names();

    private MessageTypes() {}

    static String of(ClientMessage m) {
        return NAMES.getOrDefault(m.getClass(), m.getClass().getSimpleName());
    }

    private static Map<Class<?>, String> names() {
        Map<Class<?>, String> names = new HashMap<>();
        JsonSubTypes types = ClientMessage.class.getAnnotation(JsonSubTypes.class);
        if (types != null) {
            for (JsonSubTypes.Type t : types.value()) {
                names.put(t.value(), t.name());
            }
        }
        return Map.copyOf(names);
    }
}
