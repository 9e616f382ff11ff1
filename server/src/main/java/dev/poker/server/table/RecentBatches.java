package dev.poker.server.table;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The table's most recent durable batches (up to about {@value #RECENT_EVENTS} events), from which a
 * viewer that missed a few catches up without a snapshot.
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class RecentBatches {
    static final int RECENT_EVENTS = 4096;

    private final ArrayDeque<TableBatch> recent = new ArrayDeque<>();
    private int events;

    void remember(TableBatch b) {
        recent.add(b);
        events += b.events().size();
        while (events > RECENT_EVENTS && recent.size() > 1) {
            events -= recent.removeFirst().events().size();
        }
    }

    /**
     * The batches after {@code lastSeq} up to {@code upTo} ({@code notYetDurable} are the newest of them),
     * or null when they are no longer all held or the viewer stopped inside a batch: a snapshot is
     * simpler and exact then.
     */
    List<TableBatch> since(long lastSeq, long upTo, List<TableBatch> notYetDurable) {
        if (lastSeq > upTo || lastSeq < 0) {
            return null;
        }
        List<TableBatch> out = new ArrayList<>();
        if (lastSeq == upTo) {
            return out;
        }
        if (recent.isEmpty() || recent.peekFirst().firstSeq() > lastSeq + 1) {
            return null;
        }
        for (TableBatch b : recent) {
            if (b.lastSeq() > lastSeq) {
                if (b.firstSeq() <= lastSeq) {
                    return null;
                }
                out.add(b);
            }
        }
        out.addAll(notYetDurable);
        return out;
    }
}
