package dev.poker.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link BusMessage}s as JSON. A message that does not decode is dropped by the caller (the sender
 * times out and retries).
 *
 * <p>Concurrency: thread-safe (Jackson's mapper is, once configured).
 */
final class BusCodec {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    String encode(BusMessage m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bus message not encodable: " + m, e);
        }
    }

    /** The message, or null when {@code text} is not one. */
    BusMessage decode(String text) {
        try {
            return json.readValue(text, BusMessage.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
