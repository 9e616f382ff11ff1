package dev.poker.server.table;

import dev.poker.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * What a viewer receives, as typed values: a {@linkplain Reply reply} to one request, or a
 * {@linkplain View view} of a table's messages in order. Values are encoded only at the session's
 * edge (the socket); a view shared by many viewers is encoded once for all of them.
 */
public sealed interface Outbound {

    /** The messages, in order. */
    List<ServerMessage> messages();

    /** The answer to one request (an ack, an error, a lobby list...). */
    record Reply(ServerMessage message) implements Outbound {
        @Override
        public List<ServerMessage> messages() {
            return List.of(message);
        }
    }

    /**
     * A table's messages for one or many viewers. A shared view is one instance handed to every viewer
     * that may see exactly these messages; its wire form is computed the first time a connection writes
     * it and reused by the others.
     *
     * <p>Concurrency: the messages are immutable; the cached UTF-8 forms are published through a benign
     * race (every thread computes identical bytes; array slots are written whole).
     */
    final class View implements Outbound {
        private final List<ServerMessage> messages;
        private final byte[][] utf8;

        /** Takes over {@code messages} (no copy on the delivery path): the caller must not change them after. */
        private View(List<ServerMessage> messages, boolean shared) {
            this.messages = Collections.unmodifiableList(messages);
            this.utf8 = shared ? new byte[this.messages.size()][] : null;
        }

        /** Messages for one viewer only; the list is handed over. */
        public static View of(List<ServerMessage> messages) {
            return new View(messages, false);
        }

        /** Messages that go unchanged to many viewers: encoded once; the list is handed over. */
        public static View shared(List<ServerMessage> messages) {
            return new View(messages, true);
        }

        @Override
        public List<ServerMessage> messages() {
            return messages;
        }

        public boolean shared() {
            return utf8 != null;
        }

        /** Message {@code index} as UTF-8 JSON (cached when shared); callers must not change the array. */
        public byte[] utf8(int index, Function<ServerMessage, String> encoder) {
            if (utf8 == null) {
                return encoder.apply(messages.get(index)).getBytes(StandardCharsets.UTF_8);
            }
            byte[] b = utf8[index];
            if (b == null) {
                b = encoder.apply(messages.get(index)).getBytes(StandardCharsets.UTF_8);
                utf8[index] = b;
            }
            return b;
        }
    }
}
