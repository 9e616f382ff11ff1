package dev.poker.protocol;

/** The result of decoding one client frame: a message, or a clean error that the server can answer. */
public sealed interface Decoded {

    record Ok(ClientMessage message) implements Decoded {}

    /**
     * The frame could not be used. {@code code}: {@link ErrorCode#BAD_JSON}, {@link ErrorCode#UNKNOWN_TYPE} or
     * {@link ErrorCode#INVALID_MESSAGE}; {@code message} the broken rule as a sentence; {@code id} the frame's
     * request id when one could be read.
     */
    record Bad(ErrorCode code, String message, String id) implements Decoded {}
}
