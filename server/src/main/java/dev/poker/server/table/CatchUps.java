package dev.poker.server.table;

import dev.poker.engine.TableEngine;
import dev.poker.engine.TableState;
import dev.poker.protocol.ServerMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Viewers that join a table or missed some of its batches: each gets the batches after its last
 * sequence number while they are still held, else a snapshot as the viewer may see it, then the ack of
 * its request and its pending your_turn, answered once everything up to that point is durable. Also
 * counts the connections of each account watching the table (a snapshot shows who is connected).
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class CatchUps {
    private final String tableId;
    private final String name;
    private final TableState state;
    private final DurablePipeline pipeline;
    private final RecentBatches recent;
    private final BatchAssembler assembler;
    private final Function<String, String> displayName;
    private final Map<String, Integer> connections = new HashMap<>();

    CatchUps(String tableId, String name, TableState state, DurablePipeline pipeline, RecentBatches recent,
            BatchAssembler assembler, Function<String, String> displayName) {
        this.tableId = tableId;
        this.name = name;
        this.state = state;
        this.pipeline = pipeline;
        this.recent = recent;
        this.assembler = assembler;
        this.displayName = displayName;
    }

    /**
     * Answers {@code q} once it is durable; {@code done} gets null if the table stops first
     * ({@code onStop} runs then).
     */
    void answer(CatchUpQuery q, Consumer<CatchUp> done, List<Runnable> onStop) {
        if (q.joining() && q.account() != null) {
            connections.merge(q.account(), 1, Integer::sum);
        }
        long at = pipeline.seq();
        List<TableBatch> missed = q.lastSeq() == null ? null : recent.since(q.lastSeq(), at, pipeline.notYetDurable());
        ServerMessage.Snapshot snapshot = missed != null ? null
                : new ServerMessage.Snapshot(tableId, at, Snapshots.view(tableId, name, state, q.account(),
                        connections.keySet(), displayName));
        ServerMessage.YourTurn turn = null;
        // a join (a client's request), not a node's own catch-up of a viewer: those come while prompts
        // keep flowing, and a repeated your_turn would make a client act twice
        boolean nothingMissed = q.joining() && missed != null && missed.isEmpty();
        if ((snapshot != null || nothingMissed) && state.toAct() >= 0
                && state.seat(state.toAct()).playerId().equals(q.account())) {
            // the viewer's pending turn goes with a snapshot, and with a catch-up that missed nothing (the
            // client may never have had that prompt); missed batches bring their own your_turn, as sent
            // live (protocol/README.md, join), so a catch-up never prompts a turn twice
            turn = assembler.yourTurn(TableEngine.legalActions(state));
        }
        ServerMessage.Ack ack = q.requestId() == null ? null : new ServerMessage.Ack(q.requestId(), tableId, at);
        CatchUp answer = new CatchUp(at, missed, snapshot, ack, turn, null);
        boolean[] answered = {false};
        Runnable failed = () -> {
            if (!answered[0]) {
                answered[0] = true;
                done.accept(null);
            }
        };
        onStop.add(failed);
        pipeline.whenDurable(at, () -> {
            onStop.remove(failed);
            if (!answered[0]) {
                answered[0] = true;
                done.accept(answer);
            }
        });
    }

    /** A connection of this account went away (or stopped watching). The seat stays; the clock runs. */
    void disconnected(String account) {
        if (account != null) {
            connections.computeIfPresent(account, (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
