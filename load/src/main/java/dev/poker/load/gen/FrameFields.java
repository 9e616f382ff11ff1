package dev.poker.load.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The few fields the load generator reads out of a {@code poker.v1} frame (or a {@code /health} answer),
 * found in one pass of Jackson's streaming parser without building the message. The load generator looks
 * at every frame a bot sends or receives (the bot's own client decodes it fully as well), so this stays
 * cheaper than a full decode. A field is taken from the first occurrence of its key, at any depth (the
 * {@code kind}, {@code seat} and {@code auto} of an {@code event} are inside its {@code event} object); when
 * that first value has another JSON type than expected, the field reads as missing. A malformed frame keeps
 * what was read before the fault.
 *
 * <p>Concurrency: an instance is confined to the thread that scanned it; {@link #scan} is thread-safe.
 */
final class FrameFields {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long NONE = Long.MIN_VALUE;

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
    private int seen; // one bit per key below: its first occurrence has been read

    private FrameFields() {}

    /** Scans {@code json} once. */
    static FrameFields scan(String json) {
        FrameFields f = new FrameFields();
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    f.take(name, p.nextToken(), p);
                }
            }
        } catch (IOException e) {
            // malformed: what was read before the fault stands
        }
        return f;
    }

    private void take(String name, JsonToken v, JsonParser p) throws IOException {
        switch (name) {
            case "type" -> { if (first(0)) type = text(v, p); }
            case "id" -> { if (first(1)) id = text(v, p); }
            case "table" -> { if (first(2)) table = text(v, p); }
            case "kind" -> { if (first(3)) kind = text(v, p); }
            case "account" -> { if (first(4)) account = text(v, p); }
            case "code" -> { if (first(5)) code = text(v, p); }
            case "status" -> { if (first(6)) status = text(v, p); }
            case "hand" -> { if (first(7)) hand = number(v, p); }
            case "seat" -> { if (first(8)) seat = number(v, p); }
            case "seq" -> { if (first(9)) seq = number(v, p); }
            case "connections" -> { if (first(10)) connections = number(v, p); }
            case "auto" -> { if (first(11)) auto = bool(v); }
            case "retryable" -> { if (first(12)) retryable = bool(v); }
            default -> {
                // not read by the load generator
            }
        }
    }

    private boolean first(int bit) {
        boolean first = (seen & (1 << bit)) == 0;
        seen |= 1 << bit;
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
