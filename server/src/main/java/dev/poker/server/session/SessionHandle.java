package dev.poker.server.session;

import io.netty.channel.Channel;

/** What the WebSocket handler needs of the session layer. */
public interface SessionHandle {
    ClientSession open(Channel channel);

    void onFrame(ClientSession session, String text);

    /** A binary frame: refused with {@code INVALID_MESSAGE}; the connection stays open. */
    void onBinaryFrame(ClientSession session);

    void closed(ClientSession session);

    void slowReader(ClientSession session);

}
