package dev.poker.server.process;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.Database;
import dev.poker.server.store.TestDatabases;
import dev.poker.server.table.EventViews;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event a client was sent, whole, against the audit log: the row at that seq, turned into what that
 * client may see ({@link EventViews}: hole cards only to their owner, the deck when the table reveals it),
 * must encode to the very frame the client got. A seq written twice with different content (an event a
 * client saw, later replaced in the log by another) fails here even when its kind and seat are the same.
 *
 * <p>Concurrency: called from the test thread once the players have stopped.
 */
final class FrameChecks {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private FrameChecks() {}

    /** What the comparison covered, and every difference found. */
    record Result(long compared, List<String> problems) {}

    /** Compares what each player was sent at {@code tables} with the log of {@code settings}' database. */
    static Result compare(Map<String, String> settings, List<ResilientPlayer> players, List<String> tables) {
        Map<String, String> names = new HashMap<>();
        for (ResilientPlayer p : players) {
            names.put(p.account, p.name);
        }
        long compared = 0;
        List<String> problems = new ArrayList<>();
        try (Database d = TestDatabases.open(settings)) {
            for (String table : tables) {
                Map<Long, AuditLogChecks.Row> bySeq = new HashMap<>();
                AuditLogChecks.rows(d, table).forEach(r -> bySeq.put(r.seq(), r));
                for (ResilientPlayer p : players) {
                    if (!table.equals(p.table)) {
                        continue;
                    }
                    Map<Long, String> frames;
                    synchronized (p) {
                        frames = new LinkedHashMap<>(p.frames);
                    }
                    for (Map.Entry<Long, String> f : frames.entrySet()) {
                        compared++;
                        AuditLogChecks.Row row = bySeq.get(f.getKey());
                        if (row == null) {
                            problems.add(p.name + " was sent seq " + f.getKey() + " of " + table
                                    + " but the log has no such seq: " + f.getValue());
                        } else if (!matches(table, row, p.seat, names, f.getValue())) {
                            problems.add(p.name + " was sent " + f.getValue() + " but the log has "
                                    + AuditLogChecks.describe(row));
                        }
                    }
                }
            }
        }
        return new Result(compared, problems);
    }

    /** Whether the log's row, as the player in {@code seat} sees it, encodes to {@code frame}. */
    private static boolean matches(String table, AuditLogChecks.Row row, int seat, Map<String, String> names,
            String frame) {
        TableEvent e = row.event();
        boolean owner = e instanceof TableEvent.HoleCardsDealt h && h.seat() == seat;
        for (boolean revealDeck : new boolean[] {false, true}) {
            GameEvent view;
            try {
                view = EventViews.view(e, owner, revealDeck, names::get);
            } catch (IllegalArgumentException noView) {
                return false; // a server-only event: no client may have been sent anything at its seq
            }
            if (CODEC.encode(new ServerMessage.Event(table, row.seq(), row.hand(), view)).equals(frame)) {
                return true;
            }
        }
        return false;
    }
}
