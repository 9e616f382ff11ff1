package dev.poker.server.net;

import dev.poker.server.session.ClientSession;
import dev.poker.server.session.SessionHandle;
import io.netty.channel.Channel;

/**
 * The node's session layer behind the frame handler: frames go to the dispatcher (a binary frame is
 * answered there with an {@code INVALID_MESSAGE} error).
 *
 * <p>Concurrency: stateless; called on the connection's event loop.
 */
final class SessionFrames implements FrameSessions<ClientSession> {
    private final SessionHandle sessions;

    SessionFrames(SessionHandle sessions) {
        this.sessions = sessions;
    }

    @Override
    public ClientSession open(Channel channel) {
        return sessions.open(channel);
    }

    @Override
    public void text(ClientSession session, String text) {
        sessions.onFrame(session, text);
    }

    @Override
    public void binary(ClientSession session) {
        sessions.onBinaryFrame(session);
    }

    @Override
    public void slowReader(ClientSession session) {
        sessions.slowReader(session);
    }

    @Override
    public void closed(ClientSession session) {
        sessions.closed(session);
    }
}
