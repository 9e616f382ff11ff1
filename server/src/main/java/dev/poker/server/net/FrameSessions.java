package dev.poker.server.net;

import io.netty.channel.Channel;

/**
 * What {@link WebSocketFrameHandler} needs of the session layer, for sessions of type {@code S}: the
 * node wires {@link SessionFrames}; a test wires a recorder and needs no session layer.
 */
interface FrameSessions<S> {
    /** The handshake completed: the connection's session. */
    S open(Channel channel);

    /** A text frame: one client message. */
    void text(S session, String text);

    /** A binary frame: refused, the connection stays open. */
    void binary(S session);

    /** The channel stopped being writable: the client reads too slowly. */
    void slowReader(S session);

    /** The connection closed. */
    void closed(S session);
}
