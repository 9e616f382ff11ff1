package dev.poker.load.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The few fields the load generator reads out of a {@code poker.v1} frame (or a {@code /health} answer):
 * taken from the typed message when the frame has been decoded anyway ({@link #of}), or else found in one
 * pass of Jackson's streaming parser without building the message ({@link #scan}). The load generator looks
 * at every frame a bot sends or receives (the bot's own client decodes it fully as well), so this stays
 * cheaper than a full decode. A field is taken from the first occurrence of its key, at any depth (the
 * {@code kind}, {@code seat} and {@code auto} of an {@code event} are inside its {@code event} object); when
 * that first value has another JSON type than expected, the field reads as missing. A malformed frame keeps
 * what was read before the fault.
 *
 * <p>The scan stops once it has what the load generator uses of the frame's type ({@link #needs}): a
 * {@code snapshot} or {@code tables} frame is not read past its first fields. A field not needed for the
 * type may read as missing; a frame without a {@code type} (a {@code /health} answer) is read whole.
 *
 * <p>Concurrency: an instance is confined to the thread that scanned it; {@link #scan} is thread-safe.
 */
final class FrameFields {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long NONE = Long.MIN_VALUE;
    private static final int TYPE = 1, ID = 1 << 1, TABLE = 1 << 2, KIND = 1 << 3, ACCOUNT = 1 << 4, CODE = 1 << 5,
            STATUS = 1 << 6, HAND = 1 << 7, SEAT = 1 << 8, SEQ = 1 << 9, CONNECTIONS = 1 << 10, AUTO = 1 << 11,
            RETRYABLE = 1 << 12;

    private String type;
    private String id;
    private String table;
    private String kind;
    private String account;
    private String code;
    private String status;
    private long hand = NONE;
    private long seat = NONE;
    private long seq = NONE;
    private long connections = NONE;
    private Boolean auto;
    private Boolean retryable;
    private int seen; // one bit per key: its first occurrence has been read

    private FrameFields() {}

    /** The wire names of the message types and event kinds, from the protocol's own annotations. */
    private static final Map<Class<?>, String> TYPES = wireNames(ServerMessage.class);
    private static final Map<Class<?>, String> EVENT_KINDS = wireNames(GameEvent.class);

    private static Map<Class<?>, String> wireNames(Class<?> sealedType) {
        Map<Class<?>, String> names = new HashMap<>();
        for (JsonSubTypes.Type t : sealedType.getAnnotation(JsonSubTypes.class).value()) {
            names.put(t.value(), t.name());
        }
        return Map.copyOf(names);
    }

    /**
     * The same fields taken from a message already decoded by the protocol's codec (no second parse): what a
     * scan of its JSON would give for the fields the load generator reads of its type. Null gives no fields.
     */
    static FrameFields of(ServerMessage message) {
        FrameFields f = new FrameFields();
        if (message instanceof ServerMessage.Event e) {
            f.type = "event";
            f.table = e.table();
            f.seq = e.seq();
            f.hand = e.hand();
            f.kind = e.event() == null ? null : EVENT_KINDS.get(e.event().getClass());
            if (e.event() instanceof GameEvent.ActionTaken a) {
                f.seat = a.seat();
                f.auto = a.auto();
            }
        } else if (message instanceof ServerMessage.YourTurn t) {
            f.type = "your_turn";
            f.table = t.table();
            f.hand = t.hand();
            f.seat = t.seat();
        } else if (message instanceof ServerMessage.Snapshot s) {
            f.type = "snapshot";
            f.table = s.table();
            f.seq = s.seq();
        } else if (message instanceof ServerMessage.Ack a) {
            f.type = "ack";
            f.id = a.id();
            f.table = a.table();
            f.seq = a.seq() == null ? NONE : a.seq();
        } else if (message instanceof ServerMessage.Welcome w) {
            f.type = "welcome";
            f.id = w.id();
            f.account = w.account();
        } else if (message instanceof ServerMessage.Error e) {
            f.type = "error";
            f.id = e.id();
            f.code = e.code();
            f.retryable = e.retryable();
        } else if (message != null) {
            f.type = TYPES.get(message.getClass());
            f.id = message instanceof ServerMessage.Pong p ? p.id()
                    : message instanceof ServerMessage.Tables t ? t.id() : null;
        }
        return f;
    }

    /** Scans {@code json} once. */
    static FrameFields scan(String json) {
        FrameFields f = new FrameFields();
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    f.take(name, p.nextToken(), p);
                    int needs = f.needs();
                    if (needs != 0 && (f.seen & needs) == needs) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // malformed: what was read before the fault stands
        }
        return f;
    }

    /**
     * The fields the load generator reads of this frame's type ({@link TrafficTap}, {@link StormClient}); 0
     * while the type is unknown (read on).
     */
    private int needs() {
        if (type == null) {
            return 0;
        }
        return switch (type) {
            case "event" -> "action".equals(kind) ? TABLE | SEQ | KIND | SEAT | AUTO | HAND
                    : (seen & KIND) != 0 ? TABLE | SEQ | KIND : TABLE | SEQ | KIND | SEAT | AUTO | HAND;
            case "your_turn" -> TABLE | HAND | SEAT;
            case "snapshot", "ack" -> TABLE | SEQ;
            case "welcome" -> ID | ACCOUNT;
            case "error" -> ID | CODE | RETRYABLE;
            case "act" -> TABLE | HAND;
            case "unwatch" -> TABLE;
            case "tables", "pong" -> ID;
            default -> TYPE;
        };
    }

    private void take(String name, JsonToken v, JsonParser p) throws IOException {
        switch (name) {
            case "type" -> { if (first(TYPE)) type = text(v, p); }
            case "id" -> { if (first(ID)) id = text(v, p); }
            case "table" -> { if (first(TABLE)) table = text(v, p); }
            case "kind" -> { if (first(KIND)) kind = text(v, p); }
            case "account" -> { if (first(ACCOUNT)) account = text(v, p); }
            case "code" -> { if (first(CODE)) code = text(v, p); }
            case "status" -> { if (first(STATUS)) status = text(v, p); }
            case "hand" -> { if (first(HAND)) hand = number(v, p); }
            case "seat" -> { if (first(SEAT)) seat = number(v, p); }
            case "seq" -> { if (first(SEQ)) seq = number(v, p); }
            case "connections" -> { if (first(CONNECTIONS)) connections = number(v, p); }
            case "auto" -> { if (first(AUTO)) auto = bool(v); }
            case "retryable" -> { if (first(RETRYABLE)) retryable = bool(v); }
            default -> {
                // not read by the load generator
            }
        }
    }

    private boolean first(int bit) {
        boolean first = (seen & bit) == 0;
        seen |= bit;
        return first;
    }

    private static String text(JsonToken v, JsonParser p) throws IOException {
        return v == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static long number(JsonToken v, JsonParser p) throws IOException {
        return v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                ? p.getLongValue() : NONE;
    }

    private static Boolean bool(JsonToken v) {
        return v == JsonToken.VALUE_TRUE ? Boolean.TRUE : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    /** The message's {@code "type"}, or null. */
    String type() {
        return type;
    }

    String id() {
        return id;
    }

    String table() {
        return table;
    }

    String kind() {
        return kind;
    }

    String account() {
        return account;
    }

    String code() {
        return code;
    }

    String status() {
        return status;
    }

    long hand(long missing) {
        return hand == NONE ? missing : hand;
    }

    long seat(long missing) {
        return seat == NONE ? missing : seat;
    }

    long seq(long missing) {
        return seq == NONE ? missing : seq;
    }

    long connections(long missing) {
        return connections == NONE ? missing : connections;
    }

    boolean auto(boolean missing) {
        return auto == null ? missing : auto;
    }

    boolean retryable(boolean missing) {
        return retryable == null ? missing : retryable;
    }
}
