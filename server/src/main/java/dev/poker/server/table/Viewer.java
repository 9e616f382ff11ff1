package dev.poker.server.table;

import java.util.List;

/** Someone who receives a table's messages: a client connection on this node. */
public interface Viewer {
    /** The viewer's account, or null for an anonymous spectator. */
    String accountId();

    /** Writes already-encoded frames in order, flushing once. Never blocks. */
    void sendAll(List<String> frames);

    default void send(String frame) {
        sendAll(List.of(frame));
    }
}
