package dev.poker.server.table;

import dev.poker.engine.Action;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's request intake: turns each client request into an engine command for the requester's seat,
 * answers an {@code act} sent again with the same {@code actionId} with its first answer (one effect,
 * however often it is sent, also after a restart), and reserves the chips of buy-ins and top-ups
 * before they run.
 *
 * <p>Concurrency: confined to the table's mailbox.
 */
final class RequestIntake {
    private static final int REMEMBERED_ANSWERS = 4096;
    /** The ref of an action's events in the log: {@code act:<account>/<actionId>}. */
    static final String ACT_REF = "act:";

    /** What the intake needs of its table (on the mailbox). */
    interface Table {
        /** Whether this copy of the table stopped (fenced, moved, failed): it takes no more requests. */
        boolean stopped();

        /** Whether the table is paused while its store is unavailable. */
        boolean paused();

        /** The engine's decision (applied to the state when accepted), or null when the engine failed (a bug). */
        Decision handle(Command command);

        /** The last sequence number handed out. */
        long seq();

        /** Writes the events of an accepted command; {@code afterDurable} runs once they are durable. */
        void commit(List<TableEvent> events, Requester requester, Runnable afterDurable, String ref);

        /** What runs if the table stops here (add and remove on the mailbox). */
        List<Runnable> onStop();

        /** What the command would do, without changing the table. */
        Decision dryRun(Command command);

        ServerMessage.Error error(String requestId, ErrorCode code, String message);

        /** A player's balance changed (a reservation was used). */
        void balanceChanged(String account);

        /** The display name a player's connection uses (for the table's views). */
        void seen(String account, String displayName);
    }

    /** The answer to an idempotent action: null while its events are being written. */
    static final class Answer {
        ServerMessage message;
        final List<Requester> waiting = new ArrayList<>(1);

        void answered(ServerMessage m) {
            message = m;
            for (Requester r : waiting) {
                r.from().reply(withId(m, r.requestId()));
            }
            waiting.clear();
        }
    }

    private final String tableId;
    private final TableState state;
    private final Table table;
    private final Reservations reservations;
    private final Map<String, Answer> answers = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > REMEMBERED_ANSWERS && eldest.getValue().message != null;
        }
    };

    RequestIntake(String tableId, TableState state, Table table, Reservations reservations,
            List<StoredEvent> currentHand) {
        this.tableId = tableId;
        this.state = state;
        this.table = table;
        this.reservations = reservations;
        for (StoredEvent e : currentHand) {
            if (e.ref() != null && e.ref().startsWith(ACT_REF)) {
                // an action of this hand that is in the log: a retry after the restart gets its answer again
                Answer known = new Answer();
                known.message = new ServerMessage.Ack(null, tableId, e.seq());
                answers.put(e.ref().substring(ACT_REF.length()), known);
            }
        }
    }

    void onRequest(TableRequest r) {
        if (reservations.deferred(r.account(), () -> onRequest(r))) {
            return; // a buy-in or top-up of this player is being reserved: their commands keep their order
        }
        ClientMessage m = r.message();
        if (table.stopped()) {
            r.from().reply(table.error(m.id(), ErrorCode.TABLE_CLOSED, "This table is closed on this node; reconnect."));
            return;
        }
        if (table.paused()) {
            r.from().reply(table.error(m.id(), ErrorCode.STORE_UNAVAILABLE,
                    "The table is paused while its storage is unavailable; retry shortly."));
            return;
        }
        if (r.displayName() != null) {
            table.seen(r.account(), r.displayName());
        }
        Requester requester = new Requester(r.from(), m.id(), r.receivedNanos(), r.watching());
        if (m instanceof ClientMessage.Act a) {
            act(requester, r.account(), a);
            return;
        }
        if (m instanceof ClientMessage.Sit s) {
            Command sitDown = new Command.SitDown(r.account(), s.seat(), s.buyIn(), Boolean.TRUE.equals(s.postBigBlind()));
            withReservation(requester, r.account(), sitDown, s.buyIn());
            return;
        }
        int seat = state.seatOf(r.account());
        if (seat < 0) {
            r.from().reply(table.error(m.id(), ErrorCode.NOT_SEATED, "You have no seat at this table."));
        } else if (m instanceof ClientMessage.TopUp t) {
            withReservation(requester, r.account(), new Command.TopUp(seat, t.amount()), t.amount());
        } else if (m instanceof ClientMessage.Leave) {
            decide(requester, new Command.Leave(seat), null, null);
        } else if (m instanceof ClientMessage.SitOut) {
            decide(requester, new Command.SitOut(seat), null, null);
        } else if (m instanceof ClientMessage.SitIn s) {
            decide(requester, new Command.SitIn(seat, Boolean.TRUE.equals(s.waitForBigBlind())), null, null);
        } else {
            r.from().reply(table.error(m.id(), ErrorCode.INVALID_MESSAGE, "That message is not for a table."));
        }
    }

    /** The same action id again: one effect, the same answer. */
    private void act(Requester r, String account, ClientMessage.Act a) {
        String key = account + "/" + a.actionId();
        Answer known = answers.get(key);
        if (known != null) {
            if (known.message != null) {
                r.from().reply(withId(known.message, a.id()));
            } else {
                known.waiting.add(r);
            }
            return;
        }
        Answer answer = new Answer();
        answers.put(key, answer);
        int seat = state.seatOf(account);
        if (seat < 0) {
            // remembered like any answer: this action id never takes effect later (after a sit)
            answer.answered(table.error(a.id(), ErrorCode.NOT_SEATED, "You have no seat at this table."));
            r.from().reply(answer.message);
            return;
        }
        Action action = Action.valueOf(a.action().toUpperCase(Locale.ROOT));
        long amount = a.amount() == null ? 0 : a.amount();
        decide(r, new Command.Act(seat, a.hand(), action, amount), answer, ACT_REF + key);
    }

    /** Runs a command through the engine; answers the requester (after durability when accepted). */
    private boolean decide(Requester r, Command command, Answer answer, String ref) {
        Decision d = table.handle(command);
        if (!(d instanceof Decision.Accepted)) {
            ServerMessage err = d == null
                    ? table.error(r.requestId(), ErrorCode.INTERNAL_ERROR, "The table hit an internal error and was stopped.")
                    : table.error(r.requestId(), ErrorCode.of(((Decision.Rejected) d).rejection().code()),
                            ((Decision.Rejected) d).rejection().message());
            if (answer != null) {
                answer.answered(err);
            }
            r.from().reply(err);
            return false;
        }
        // if this copy stops before the events are durable (fenced, lease lost), they never happened here:
        // the requester hears so and retries on the table's next owner (an act with the same actionId once)
        Runnable notSaved = () -> {
            if (answer != null) {
                forget(answer);
            }
            r.from().reply(table.error(r.requestId(), ErrorCode.TABLE_MOVING,
                    "The table moved to another node before your request was saved; send it again."));
        };
        table.onStop().add(notSaved);
        boolean inStream = !d.events().isEmpty() && r.ackInStream();
        long lastSeq = table.seq() + d.events().size();
        Runnable ack = () -> {
            table.onStop().remove(notSaved);
            if (answer != null) {
                answer.answered(new ServerMessage.Ack(r.requestId(), tableId, lastSeq));
            }
            r.acknowledge(tableId, lastSeq, inStream);
        };
        table.commit(d.events(), r, ack, ref);
        return true;
    }

    /** An answer whose events will never be durable here (the table stopped): a retry may apply it again. */
    private void forget(Answer answer) {
        answers.values().remove(answer);
        answer.waiting.clear();
    }

    /**
     * A command that brings chips to the table: checked against the rules first (without changing
     * anything), then the chips are reserved, then the command runs; if it no longer applies, the
     * reservation is given back.
     */
    private void withReservation(Requester r, String account, Command command, long amount) {
        if (table.dryRun(command) instanceof Decision.Rejected rejected) {
            r.from().reply(table.error(r.requestId(), ErrorCode.of(rejected.rejection().code()),
                    rejected.rejection().message()));
            return;
        }
        reservations.reserve(account, amount, (ref, ok, failure) -> {
            if (failure != null) {
                r.from().reply(table.error(r.requestId(), ErrorCode.STORE_UNAVAILABLE,
                        "Balances are unavailable; retry shortly."));
            } else if (!ok) {
                r.from().reply(table.error(r.requestId(), ErrorCode.INSUFFICIENT_BALANCE,
                        "Your balance does not cover " + amount + " chips."));
            } else {
                boolean accepting = !table.stopped() && !table.paused();
                if (!accepting || !decide(r, command, null, ref)) {
                    reservations.giveBack(account, amount, ref);
                    if (!accepting) {
                        r.from().reply(table.error(r.requestId(), ErrorCode.STORE_UNAVAILABLE,
                                "The table is paused; retry shortly."));
                    }
                } else {
                    table.balanceChanged(account);
                }
            }
        });
    }

    static ServerMessage withId(ServerMessage m, String requestId) {
        if (m instanceof ServerMessage.Ack a) {
            return new ServerMessage.Ack(requestId, a.table(), a.seq());
        }
        if (m instanceof ServerMessage.Error e) {
            return new ServerMessage.Error(requestId, e.code(), e.message(), e.retryable(), e.table());
        }
        return m;
    }
}
