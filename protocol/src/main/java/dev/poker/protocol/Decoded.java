package dev.poker.protocol;

/** The result of decoding one client frame: a message, or a clean error that the server can answer. */
public sealed interface Decoded {

    record Ok(ClientMessage message) implements Decoded {}

    /**
     * The frame could not be used. {@code code}: {@code BAD_JSON}, {@code UNKNOWN_TYPE} or
     * {@code INVALID_MESSAGE}; {@code id} is the frame's request id when one could be read.
     */
    record Bad(String code, String message, String id) implements Decoded {}
}
