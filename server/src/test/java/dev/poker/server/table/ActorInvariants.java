package dev.poker.server.table;

import static dev.poker.server.table.ActorFuzzWorld.TABLE;

import dev.poker.engine.SeatState;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableView;
import dev.poker.server.store.StoredEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What must hold around a table actor whatever its clients, timers and store do. Checked at the
 * moment something becomes visible (a published batch, a message a connection receives): nothing is
 * seen before the store made it durable, batches are published once each, gapless and in order, an ack
 * never names a sequence number whose events are not durable and published, an action id gets one
 * answer, and a connection that watches gets its ack after the events it covers, every event once and
 * in order, and no other player's hole cards (in events or snapshots) unless they were shown. Checked
 * after every step ({@link #afterStep}): no negative stack, the table's chips add up, chips are
 * conserved (balances, the durable table and the reservations not yet settled hold every chip issued),
 * everything durable is published while the table runs, and the live state equals the durable log
 * replayed whenever nothing is in flight.
 *
 * <p>Concurrency: test thread only.
 */
final class ActorInvariants implements FuzzViewer.Witness {
    private final ActorFuzzWorld world;
    private final TableState durable;
    private long durableApplied;
    private final Map<Long, String> holeCardOwners = new HashMap<>();
    /** Hole cards shown at a showdown (anyone may see them), as the wire writes them. */
    private final Set<List<String>> shownCards = new HashSet<>();
    private final Set<String> durableRefs = new HashSet<>();
    /** The action id (account/actionId@epoch) each act request carried, by request id. */
    private final Map<String, String> actionOfRequest = new HashMap<>();
    /** The first final answer (an ack, or an error that is not retryable) of each action id. */
    private final Map<String, String> answerOfAction = new HashMap<>();
    /** The answer (an ack or an error) each connection got to each of its requests. */
    private final Map<String, ServerMessage> answers = new HashMap<>();
    long publishedUpTo;
    int acks;

    ActorInvariants(ActorFuzzWorld world) {
        this.world = world;
        this.durable = new TableState(world.config);
    }

    /**
     * A new copy takes the table over from a log that ends at {@code logEnd}. Everything the stopped
     * copy heard was durable it has published; events it wrote without hearing so (a commit whose answer
     * was lost, then fenced) were never published, and the new copy goes on after them (viewers catch up
     * across the gap from a snapshot).
     */
    void tookOver(long logEnd) {
        if (world.store.answeredSeq(TABLE) > publishedUpTo) {
            fail("the stopped copy heard seq %d was durable but published only up to %d",
                    world.store.answeredSeq(TABLE), publishedUpTo);
        }
        publishedUpTo = Math.max(publishedUpTo, logEnd);
        takenOverAt = logEnd;
    }

    /** The log's end when the running copy took the table over (0: the first copy). */
    private long takenOverAt;

    /** The fan-out recorder: every batch the table publishes. */
    void published(TableBatch b) {
        long durableSeq = world.store.durableSeq(TABLE);
        if (world.stopped()) {
            fail("batch %d..%d was published after the table stopped (%s)", b.firstSeq(), b.lastSeq(),
                    world.stoppedWhy);
        }
        if (b.firstSeq() != publishedUpTo + 1) {
            fail("batch %d..%d was published after seq %d (published seqs must be gapless and each once)",
                    b.firstSeq(), b.lastSeq(), publishedUpTo);
        }
        long expected = b.firstSeq();
        for (StoredEvent e : b.events()) {
            if (e.seq() != expected++) {
                fail("batch %d..%d is not consecutive at seq %d", b.firstSeq(), b.lastSeq(), e.seq());
            }
            if (e.seq() > durableSeq) {
                fail("event seq %d was published before it was durable (durable up to %d)", e.seq(), durableSeq);
            } else if (!e.equals(world.store.event(TABLE, e.seq()))) {
                fail("published event seq %d differs from the durable log: %s vs %s", e.seq(), e,
                        world.store.event(TABLE, e.seq()));
            }
        }
        publishedUpTo = Math.max(publishedUpTo, b.lastSeq());
        world.published.add(b);
    }

    /** An act request is sent: its answers must agree with every other answer to the same action id. */
    void sentAct(String requestId, String account, String actionId) {
        actionOfRequest.put(requestId, account + "/" + actionId + "@" + world.epoch);
    }

    @Override
    public void saw(FuzzViewer v, ServerMessage m, boolean inView) {
        sameAnswerForTheSameActionId(v, m);
        String id = m instanceof ServerMessage.Ack || m instanceof ServerMessage.Error ? idOf(m) : null;
        ServerMessage first = id == null ? null : answers.putIfAbsent(v + "/" + id, m);
        // the same ack again is allowed: a connection that joins again from an older seq gets the missed batches
        // replayed as sent live (protocol/README.md, join), the receipts of its own requests included
        if (first != null && !(m instanceof ServerMessage.Ack && m.equals(first))) {
            fail("%s got two answers to request %s: %s, then %s", v, id, first, m);
        }
        long durableSeq = world.store.durableSeq(TABLE);
        if (m instanceof ServerMessage.Event e) {
            if (e.seq() > durableSeq) {
                fail("%s got event seq %d before it was durable (durable up to %d)", v, e.seq(), durableSeq);
            } else if (e.seq() > publishedUpTo) {
                fail("%s got event seq %d before it was published (published up to %d)", v, e.seq(), publishedUpTo);
            }
            if (!inView || v.cursor < 0 || e.seq() != v.cursor + 1) {
                fail("%s got event seq %d after seq %d (in a view: %s): not once and in order", v, e.seq(), v.cursor,
                        inView);
            }
            v.cursor = e.seq();
            if (e.event() instanceof GameEvent.HoleCards h && h.cards() != null) {
                syncDurable();
                String owner = holeCardOwners.get(e.seq());
                if (owner == null || !owner.equals(v.accountId())) {
                    fail("%s saw the hole cards of seat %d (seq %d, owned by %s)", v, h.seat(), e.seq(), owner);
                }
            }
        } else if (m instanceof ServerMessage.Snapshot s) {
            if (s.seq() > durableSeq) {
                fail("%s got a snapshot at seq %d before it was durable (durable up to %d)", v, s.seq(), durableSeq);
            }
            if (s.seq() < v.cursor) {
                fail("%s got a snapshot at seq %d after it had seq %d", v, s.seq(), v.cursor);
            }
            v.cursor = s.seq();
            syncDurable();
            for (TableView.SeatView seat : s.view().players()) {
                if (seat.cards() != null && !Objects.equals(seat.account(), v.accountId())
                        && !shownCards.contains(seat.cards())) {
                    fail("%s saw the hole cards of seat %d in a snapshot at seq %d", v, seat.seat(), s.seq());
                }
            }
        } else if (m instanceof ServerMessage.Ack a && a.seq() != null) {
            acks++;
            if (a.seq() > durableSeq) {
                fail("%s got the ack of %s at seq %d before it was durable (durable up to %d)", v, a.id(), a.seq(),
                        durableSeq);
            } else if (a.seq() > publishedUpTo) {
                fail("%s got the ack of %s at seq %d before its events were published (up to %d)", v, a.id(),
                        a.seq(), publishedUpTo);
            }
            if (inView && v.cursor < a.seq()) {
                fail("%s got the ack of %s at seq %d in the stream before those events (it has seq %d)", v, a.id(),
                        a.seq(), v.cursor);
            }
        }
    }

    /**
     * Within one copy of the table (answers are remembered per copy, and after a take-over only for the
     * hand in progress). NOT_SEATED is remembered too: an action id first sent without a seat never takes
     * effect later.
     */
    private void sameAnswerForTheSameActionId(FuzzViewer v, ServerMessage m) {
        String answer = m instanceof ServerMessage.Ack a && a.seq() != null ? "ack at seq " + a.seq()
                : m instanceof ServerMessage.Error e && !e.retryable()
                        ? "error " + e.code() : null;
        String action = answer == null ? null : actionOfRequest.get(idOf(m));
        if (action != null) {
            String first = answerOfAction.putIfAbsent(action, answer);
            if (first != null && !first.equals(answer)) {
                fail("%s: action id %s got two answers: %s, then %s (request %s)", v, action, first, answer, idOf(m));
            }
        }
    }

    private static String idOf(ServerMessage m) {
        return m instanceof ServerMessage.Ack a ? a.id() : ((ServerMessage.Error) m).id();
    }

    /** After every step, with the mailbox settled. */
    void afterStep() {
        TableState live = world.live;
        for (int i = 0; i < live.seatCount(); i++) {
            SeatState s = live.seat(i);
            if (s != null && (s.stack() < 0 || s.pendingChips() < 0 || s.committed() < 0)) {
                fail("seat %d has a negative amount: stack %d, pending %d, committed %d", i, s.stack(),
                        s.pendingChips(), s.committed());
            }
        }
        if (live.chipsOnTable() + live.rakeCollected() != live.chipsAccountedFor()) {
            fail("the live table holds %d chips and %d rake, but %d were brought in and not taken out",
                    live.chipsOnTable(), live.rakeCollected(), live.chipsAccountedFor());
        }
        syncDurable();
        long unsettled = 0;
        for (Map.Entry<String, Long> r : world.accounts.held().entrySet()) {
            if (!durableRefs.contains(r.getKey())) {
                unsettled += r.getValue();
            }
        }
        long held = world.bank.totalBalances() + durable.chipsOnTable() + durable.rakeCollected() + unsettled;
        if (world.idle() && unsettled != 0) {
            fail("%d chips were reserved for buy-ins that are neither durable at the table nor given back", unsettled);
        }
        if (held != world.bank.chipsIssued()) {
            fail("chips not conserved: %d issued, but balances %d + durable table %d + rake %d + unsettled buy-ins %d"
                    + " = %d", world.bank.chipsIssued(), world.bank.totalBalances(), durable.chipsOnTable(),
                    durable.rakeCollected(), unsettled, held);
        }
        long heard = Math.max(world.store.answeredSeq(TABLE), takenOverAt);
        if (!world.stopped() && publishedUpTo != heard) {
            fail("the table heard seq %d is durable but published up to %d while it runs", heard, publishedUpTo);
        }
        if ("handed over".equals(world.stoppedWhy)) {
            if (world.store.hasPending(TABLE) || publishedUpTo != world.store.durableSeq(TABLE)
                    || durable.stateHash() != live.stateHash()) {
                fail("the table was handed over before all its events were durable and published (durable %d,"
                        + " published %d)", world.store.durableSeq(TABLE), publishedUpTo);
            }
        } else if (world.stopped() && !"fenced".equals(world.stoppedWhy)) {
            fail("the table stopped: %s", world.stoppedWhy);
        }
        if (world.idle() && durable.stateHash() != live.stateHash()) {
            fail("the live state differs from the durable log replayed (nothing in flight, durable up to %d)",
                    durableApplied);
        }
        if (!world.violations.isEmpty()) {
            throw new AssertionError(String.join("\n", world.violations));
        }
    }

    /** At the end: a fresh replay of the durable log equals the incremental one (and the live state when idle). */
    void atEnd() {
        TableState rebuilt = new TableState(world.config);
        world.store.log(TABLE).forEach(e -> rebuilt.apply(e.event()));
        syncDurable();
        if (rebuilt.stateHash() != durable.stateHash()) {
            throw new AssertionError("replaying the durable log twice gives two states");
        }
        if (world.idle() && rebuilt.stateHash() != world.live.stateHash()) {
            throw new AssertionError("rebuild(log).stateHash() differs from the live state at the end");
        }
    }

    private void syncDurable() {
        for (StoredEvent e = world.store.event(TABLE, durableApplied + 1); e != null;
                e = world.store.event(TABLE, durableApplied + 1)) {
            durable.apply(e.event());
            if (e.event() instanceof TableEvent.HoleCardsDealt h) {
                holeCardOwners.put(e.seq(), durable.seat(h.seat()).playerId());
            }
            if (e.event() instanceof TableEvent.CardsShown c) {
                shownCards.add(EventViews.cards(c.cards()));
            }
            if (e.ref() != null) {
                durableRefs.add(e.ref());
            }
            durableApplied = e.seq();
        }
    }

    private void fail(String format, Object... args) {
        world.violations.add(String.format(format, args));
    }
}
