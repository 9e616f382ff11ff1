package dev.poker.server.process;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * Tables full of bots for the database ITs: {@code tables} tables of {@code perTable} guests each, player
 * {@code s} of table {@code t} connected to node port {@code ports[(t + s) % ports.length]} (commands for a
 * table owned elsewhere are forwarded); the first player of each table creates it, then all sit down.
 *
 * <p>Concurrency: called from one test thread.
 */
final class SeatedTables {
    private SeatedTables() {}

    /** Seats the players (added to {@code players}) and returns the table ids. */
    static List<String> seat(int tables, int perTable, long buyIn, int[] ports, List<ResilientPlayer> players,
            ExecutorService pool, HttpClient http, Random random) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            List<ResilientPlayer> at = new ArrayList<>();
            for (int s = 0; s < perTable; s++) {
                int port = ports[(t + s) % ports.length];
                ResilientPlayer p = new ResilientPlayer("t" + t + "p" + s, () -> port, () -> 1, pool,
                        random.nextLong(), http);
                p.resendUnansweredAfter(6_000);
                p.connectAsGuest();
                players.add(p);
                at.add(p);
            }
            String table = at.get(0).createTable("table " + t);
            ids.add(table);
            for (int s = 0; s < at.size(); s++) {
                at.get(s).sit(table, s, buyIn);
            }
        }
        return ids;
    }

    /** The decisions of {@code table} (every table when null) that were acknowledged. */
    static List<ResilientPlayer.Decision> acked(List<ResilientPlayer> players, String table) {
        return players.stream().flatMap(p -> p.decisions().stream())
                .filter(d -> (table == null || table.equals(d.table)) && "ack".equals(d.outcome)).toList();
    }
}
