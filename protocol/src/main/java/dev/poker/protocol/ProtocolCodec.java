package dev.poker.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Set;

/**
 * JSON for the {@code poker.v1} protocol. Decoding never throws: every frame gives a message or a
 * {@link Decoded.Bad} with a stable {@link ErrorCode}. Unknown fields are ignored (newer clients may send more).
 *
 * <p>Concurrency: thread-safe (Jackson mappers are, once configured).
 */
public final class ProtocolCodec {
    /** The WebSocket subprotocol this codec speaks. */
    public static final String SUBPROTOCOL = "poker.v1";

    private static final Set<String> CLIENT_TYPES = Set.of("hello", "list_tables", "create_table", "join",
            "unwatch", "sit", "act", "sit_out", "sit_in", "top_up", "leave", "ping");

    private final ObjectMapper mapper = strict(JsonMapper.builder()).build();
    /** For client libraries: unknown message types and event kinds (from newer servers) read as null. */
    private final ObjectMapper lenient = strict(JsonMapper.builder())
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE).build();

    public ProtocolCodec() {
        for (ObjectMapper m : new ObjectMapper[] {mapper, lenient}) {
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32).maxStringLength(64 * 1024).maxNumberLength(32).build());
            // no silent conversions: "3" is not a number, 5 is not a string, 1.5 is not a whole number
            m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
    }

    private static JsonMapper.Builder strict(JsonMapper.Builder b) {
        return b.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Decodes a frame from a client. */
    public Decoded decodeClient(String text) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Bad(ErrorCode.BAD_JSON, "The frame is not valid JSON.", null);
        }
        if (tree == null || !tree.isObject()) {
            return new Decoded.Bad(ErrorCode.BAD_JSON, "A message is a JSON object.", null);
        }
        JsonNode idNode = tree.get("id");
        String id = idNode != null && idNode.isTextual() && idNode.textValue().length() <= 64 ? idNode.textValue()
                : null;
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            return new Decoded.Bad(ErrorCode.INVALID_MESSAGE, "A message needs a \"type\".", id);
        }
        if (!CLIENT_TYPES.contains(type.textValue())) {
            return new Decoded.Bad(ErrorCode.UNKNOWN_TYPE, "Unknown message type '" + abbreviate(type.textValue()) + "'.",
                    id);
        }
        if (idNode != null && !idNode.isNull() && id == null) {
            return new Decoded.Bad(ErrorCode.INVALID_MESSAGE, "\"id\" must be a string of at most 64 characters.",
                    null);
        }
        ClientMessage message;
        try {
            message = mapper.treeToValue(tree, ClientMessage.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Bad(ErrorCode.INVALID_MESSAGE, "The " + type.textValue()
                    + " message has a field of the wrong type or value.", id);
        }
        String problem = message.problem();
        if (problem != null) {
            return new Decoded.Bad(ErrorCode.INVALID_MESSAGE, capitalize(problem) + ".", id);
        }
        return new Decoded.Ok(message);
    }

    /** Encodes a message to a client. */
    public String encode(ServerMessage message) {
        return write(message);
    }

    /** Encodes any of the protocol's records as JSON (HTTP API answers). */
    public String json(Object record) {
        return write(record);
    }

    /** Encodes a message from a client (for client libraries and tests). */
    public String encode(ClientMessage message) {
        return write(message);
    }

    /**
     * Decodes a message from the server (for client libraries and tests). A message type this codec
     * does not know (a newer server) gives null, and so does an event of an unknown kind inside an
     * {@code event} message; clients skip both.
     */
    public ServerMessage decodeServer(String text) {
        try {
            return lenient.readValue(text, ServerMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a poker.v1 server message: " + abbreviate(text), e);
        }
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
