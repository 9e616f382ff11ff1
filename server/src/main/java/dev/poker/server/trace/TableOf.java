package dev.poker.server.trace;

import dev.poker.protocol.ClientMessage;

/**
 * The table a client message is about (for routing, and the request span's attribute); null for messages about no
 * table (hello, ping, lobby, create).
 *
 * <p>Concurrency: stateless.
 */
public final class TableOf {
    private TableOf() {}

    public static String message(ClientMessage m) {
        if (m instanceof ClientMessage.Sit x) {
            return x.table();
        } else if (m instanceof ClientMessage.Act x) {
            return x.table();
        } else if (m instanceof ClientMessage.SitOut x) {
            return x.table();
        } else if (m instanceof ClientMessage.SitIn x) {
            return x.table();
        } else if (m instanceof ClientMessage.TopUp x) {
            return x.table();
        } else if (m instanceof ClientMessage.Leave x) {
            return x.table();
        } else if (m instanceof ClientMessage.Join x) {
            return x.table();
        } else if (m instanceof ClientMessage.Unwatch x) {
            return x.table();
        }
        return null;
    }
}
