package dev.poker.server.table;

import dev.poker.engine.Action;
import dev.poker.engine.LegalActions;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.HandStarted;
import dev.poker.engine.TableEvent.HoleCardsDealt;
import dev.poker.engine.TableEvent.PlayerSeated;
import dev.poker.engine.TableEvent.TimeBankStarted;
import dev.poker.engine.TableEvent.TurnStarted;
import dev.poker.engine.TableState;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.trace.Traceparent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Turns the events a command produced (already applied to the state) into the batch that is written
 * and published: sequence numbers, the hand each event belongs to, who may see each private event, the
 * your_turn prompt, new players' names, the requester's receipt, and the hand-history record of a hand
 * that ends in it; and the trace of the request being handled, if it is traced.
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class BatchAssembler {
    private final String tableId;
    private final long epoch;
    private final TableState state;
    private final HandTracker hands;
    private final TableClocks clocks;
    private final Function<String, String> displayName;

    BatchAssembler(String tableId, long epoch, TableState state, HandTracker hands, TableClocks clocks,
            Function<String, String> displayName) {
        this.tableId = tableId;
        this.epoch = epoch;
        this.state = state;
        this.hands = hands;
        this.clocks = clocks;
        this.displayName = displayName;
    }

    /**
     * The batch of {@code events} (not empty); {@code ref} (what the batch settles: a buy-in's ledger
     * transaction or an action's idempotency key) goes on its last event, whose seq the ack names.
     */
    DurablePipeline.Pending assemble(List<TableEvent> events, LongSupplier nextSeq, String ref, Requester requester,
            List<Runnable> afterDurable) {
        long now = clocks.now();
        long hand = state.handNumber();
        // the hand of events before a HandStarted in this batch is the previous hand
        long current = hand;
        for (TableEvent e : events) {
            if (e instanceof HandStarted) {
                current = hand - 1;
                break;
            }
        }
        List<StoredEvent> stored = new ArrayList<>(events.size());
        List<CompletedHand> completed = new ArrayList<>(1);
        Map<Long, String> privateTo = Map.of();
        Map<String, String> seatedNames = Map.of();
        for (TableEvent e : events) {
            if (e instanceof HandStarted h) {
                current = h.handNumber();
            }
            boolean last = stored.size() == events.size() - 1;
            StoredEvent s = new StoredEvent(nextSeq.getAsLong(), current, now, e, last ? ref : null);
            stored.add(s);
            CompletedHand done = hands.track(s);
            if (done != null) {
                completed.add(done);
            }
            if (e instanceof HoleCardsDealt h) {
                privateTo = privateTo.isEmpty() ? new HashMap<>() : privateTo;
                privateTo.put(s.seq(), state.seat(h.seat()).playerId());
            } else if (e instanceof PlayerSeated p) {
                seatedNames = seatedNames.isEmpty() ? new HashMap<>() : seatedNames;
                seatedNames.put(p.playerId(), displayName.apply(p.playerId()));
            }
            clocks.onApplied(e);
        }
        ServerMessage.YourTurn turn = null;
        String turnAccount = null;
        TableEvent lastEvent = events.get(events.size() - 1);
        if ((lastEvent instanceof TurnStarted || lastEvent instanceof TimeBankStarted) && state.toAct() >= 0) {
            LegalActions legal = TableEngine.legalActions(state);
            turnAccount = state.seat(legal.seat()).playerId();
            turn = yourTurn(legal);
        }
        long lastSeq = stored.get(stored.size() - 1).seq();
        Receipt receipt = requester == null ? null : requester.receipt(lastSeq);
        TableBatch batch = new TableBatch(tableId, List.copyOf(stored), privateTo, turn, turnAccount, seatedNames,
                receipt == null ? List.of() : List.of(receipt), epoch, Traceparent.current());
        long received = requester == null ? 0 : requester.receivedNanos();
        return new DurablePipeline.Pending(batch, afterDurable, received, completed);
    }

    /** The prompt for the player to act: their legal actions, amounts and clock. */
    ServerMessage.YourTurn yourTurn(LegalActions legal) {
        List<String> actions = new ArrayList<>();
        for (Action a : Action.values()) {
            if (legal.allows(a)) {
                actions.add(a.name().toLowerCase(Locale.ROOT));
            }
        }
        return new ServerMessage.YourTurn(tableId, legal.handNumber(), legal.seat(), actions, legal.callAmount(),
                legal.minTo(), legal.maxTo(), state.deadline(), state.seat(legal.seat()).timeBankMs());
    }
}
