package dev.poker.server.session;

import dev.poker.protocol.ProtocolCodec;
import io.netty.channel.Channel;

/** What the WebSocket handler needs of the session layer. */
public interface SessionHandle {
    ClientSession open(Channel channel);

    void onFrame(ClientSession session, String text);

    void closed(ClientSession session);

    void slowReader(ClientSession session);

    ProtocolCodec codec();
}
