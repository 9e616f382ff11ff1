package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Action;
import dev.poker.engine.TableEvent;
import dev.poker.protocol.AuditCodec;
import dev.poker.server.store.Database;
import dev.poker.server.store.LedgerCheck;
import dev.poker.server.store.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jooq.Record;

/**
 * The checks of the audit log that the process tests share: what the clients were told against what
 * the database holds (every acknowledged decision exactly once, every event a client was sent at its
 * seq), the log's own shape (seqs from 1 without gaps, epochs never going down along seq, a
 * {@code hands} row for every {@code HandEnded}), and the chip ledger ({@code poker.jar ledger check}).
 *
 * <p>Concurrency: called from the test thread once the players have stopped.
 */
final class AuditLogChecks {
    private AuditLogChecks() {}

    /** One audit-log row, decoded. */
    record Row(long seq, long epoch, long hand, long atMs, String kind, TableEvent event) {}

    /** What the log and the clients add up to over all tables checked. */
    static final class Totals {
        long events;
        long handsEnded;
        long handRows;
        long acked;
        long writtenUnacked;
        long resent;
        long refusedAfterResend;
        long timeouts;
        long leaveFolds;
        long ackLostThenRepeated;
    }

    /**
     * What a check expects beyond the invariants.
     *
     * @param epochsPerTable how many distinct epochs each table's log must have, or null for any number
     * @param writtenWithoutAck the decisions that may be in the log although they were never acknowledged
     *     (their answer was lost with a node, or a retry after the loss was refused)
     * @param noTimeouts whether a {@code PlayerTimedOut} event is a failure
     */
    record Expectations(Integer epochsPerTable, Predicate<ResilientPlayer.Decision> writtenWithoutAck,
            boolean noTimeouts) {}

    /** A table's log in seq order. */
    static List<Row> rows(Database d, String table) {
        AuditCodec codec = new AuditCodec();
        List<Row> rows = new ArrayList<>();
        for (Record r : d.dsl().fetch("SELECT seq, epoch, hand, at_ms, kind, payload FROM table_events"
                + " WHERE table_id = ? ORDER BY seq", table)) {
            rows.add(new Row(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class), r.get(3, Long.class),
                    r.get(4, String.class), codec.event(r.get(4, String.class), r.get(5, String.class))));
        }
        return rows;
    }

    /**
     * One change of epoch along a table's seq: the table moved to another owner there.
     *
     * @param openHand the hand that was in progress at the move (started, not yet ended), or null when the
     *     table moved between hands
     * @param lastOld the last event written with the old epoch
     * @param gapMs at_ms of the first event with the new epoch minus at_ms of {@code lastOld}
     */
    record Move(String table, long seq, long fromEpoch, long toEpoch, Long openHand, Row lastOld, long gapMs) {
        boolean midHand() {
            return openHand != null;
        }
    }

    /** What {@link #checkHands} found over the tables checked. */
    static final class Hands {
        long started;
        long ended;
        final List<Move> moves = new ArrayList<>();
        /** Hands still running at the end of a table's log (allowed: the last hand, before everybody left). */
        final List<String> runningAtEnd = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        List<Move> midHandMoves() {
            return moves.stream().filter(Move::midHand).toList();
        }
    }

    /**
     * Hands and moves along each table's seq: hand numbers follow one another from 1; every HandStarted
     * has its HandEnded before the next HandStarted (no hand lost or cut off), and its {@code hands} row
     * spans exactly from the one to the other; only a table's last hand may still be running at the end
     * of its log. Every change of epoch is recorded as a {@link Move}, with the hand open at that point if
     * any. Violations are collected in {@link Hands#problems}, not asserted.
     */
    static Hands checkHands(Map<String, String> settings, List<String> tableIds) {
        Hands out = new Hands();
        try (Database d = TestDatabases.open(settings)) {
            for (String table : tableIds) {
                List<Row> rows = rows(d, table);
                Map<Long, long[]> stored = new HashMap<>();
                for (Record r : d.dsl().fetch("SELECT hand_number, first_seq, last_seq FROM hands WHERE table_id = ?",
                        table)) {
                    stored.put(r.get(0, Long.class), new long[] {r.get(1, Long.class), r.get(2, Long.class)});
                }
                Row open = null; // the HandStarted of the hand in progress
                long lastHand = 0;
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    if (i > 0 && r.epoch() != rows.get(i - 1).epoch()) {
                        Row lastOld = rows.get(i - 1);
                        out.moves.add(new Move(table, r.seq(), lastOld.epoch(), r.epoch(),
                                open == null ? null : ((TableEvent.HandStarted) open.event()).handNumber(), lastOld,
                                r.atMs() - lastOld.atMs()));
                    }
                    if (r.event() instanceof TableEvent.HandStarted h) {
                        out.started++;
                        if (open != null) {
                            out.problems.add(table + ": hand " + ((TableEvent.HandStarted) open.event()).handNumber()
                                    + " (started at seq " + open.seq() + ") has no HandEnded before hand "
                                    + h.handNumber() + " starts at seq " + r.seq() + ": the hand was cut off");
                        }
                        if (h.handNumber() != lastHand + 1) {
                            out.problems.add(table + ": hand " + h.handNumber() + " starts at seq " + r.seq()
                                    + " after hand " + lastHand + ": hand numbers skip or repeat");
                        }
                        lastHand = h.handNumber();
                        open = r;
                    } else if (r.event() instanceof TableEvent.HandEnded h) {
                        out.ended++;
                        if (open == null || ((TableEvent.HandStarted) open.event()).handNumber() != h.handNumber()) {
                            out.problems.add(table + ": HandEnded of hand " + h.handNumber() + " at seq " + r.seq()
                                    + " but the hand in progress is " + describe(open));
                        } else {
                            long[] row = stored.get(h.handNumber());
                            if (row == null) {
                                out.problems.add(table + ": no hands row for hand " + h.handNumber() + " (seq "
                                        + open.seq() + " to " + r.seq() + ")");
                            } else if (row[0] != open.seq() || row[1] != r.seq()) {
                                out.problems.add(table + ": the hands row of hand " + h.handNumber() + " spans seq "
                                        + row[0] + " to " + row[1] + " but the log has it from " + open.seq() + " to "
                                        + r.seq());
                            }
                        }
                        open = null;
                    }
                }
                if (open != null) {
                    out.runningAtEnd.add(table + " hand " + ((TableEvent.HandStarted) open.event()).handNumber()
                            + " from seq " + open.seq() + " (log ends at seq " + rows.get(rows.size() - 1).seq() + ")");
                }
            }
        }
        return out;
    }

    static Totals checkDatabase(Map<String, String> settings, List<ResilientPlayer> players, List<String> tableIds,
            Expectations expect) {
        Totals totals = new Totals();
        List<String> problems = new ArrayList<>();
        try (Database d = TestDatabases.open(settings)) {
            for (String table : tableIds) {
                List<Row> rows = rows(d, table);
                totals.events += rows.size();
                Record counts = d.dsl().fetchOne("SELECT COUNT(*), MAX(seq), MIN(seq) FROM table_events"
                        + " WHERE table_id = ?", table);
                assertThat(counts.get(0, Long.class)).as("%s: every seq once, no gaps (COUNT = MAX)", table)
                        .isEqualTo(counts.get(1, Long.class));
                assertThat(counts.get(2, Long.class)).as("%s: the log starts at seq 1", table).isEqualTo(1L);
                Set<Long> epochs = new HashSet<>();
                for (int i = 0; i < rows.size(); i++) {
                    epochs.add(rows.get(i).epoch());
                    if (i > 0 && rows.get(i).epoch() < rows.get(i - 1).epoch()) {
                        problems.add(table + ": epoch goes down at seq " + rows.get(i).seq() + " (" + rows.get(i - 1)
                                .epoch() + " -> " + rows.get(i).epoch() + ")");
                    }
                }
                if (expect.epochsPerTable() != null) {
                    assertThat(epochs).as("%s: every node generation wrote with its own epoch", table)
                            .hasSize(expect.epochsPerTable());
                }

                // every completed hand is stored
                List<Long> ended = rows.stream().filter(r -> r.event() instanceof TableEvent.HandEnded)
                        .map(r -> ((TableEvent.HandEnded) r.event()).handNumber()).sorted().toList();
                List<Long> stored = d.dsl().fetch("SELECT hand_number FROM hands WHERE table_id = ?"
                        + " ORDER BY hand_number", table).getValues(0, Long.class);
                assertThat(stored).as("%s: a hands row for every HandEnded event", table).isEqualTo(ended);
                totals.handsEnded += ended.size();
                totals.handRows += stored.size();
                totals.timeouts += rows.stream().filter(r -> r.event() instanceof TableEvent.PlayerTimedOut).count();

                Map<Long, Row> bySeq = new HashMap<>();
                rows.forEach(r -> bySeq.put(r.seq(), r));
                for (ResilientPlayer p : players) {
                    if (table.equals(p.table)) {
                        checkPlayer(table, p, rows, bySeq, epochs.stream().sorted().toList(), totals, problems,
                                expect.writtenWithoutAck());
                    }
                }
            }
        }
        assertThat(problems).as("the log against what the clients were told").isEmpty();
        if (expect.noTimeouts()) {
            assertThat(totals.timeouts).as("no player timed out: every turn prompt reached its player after each"
                    + " restart").isZero();
        }
        return totals;
    }

    /** The player's decisions against its seat's actions in the log, and what it saw against the log. */
    private static void checkPlayer(String table, ResilientPlayer p, List<Row> rows, Map<Long, Row> bySeq,
            List<Long> epochs, Totals totals, List<String> problems,
            Predicate<ResilientPlayer.Decision> writtenWithoutAck) {
        List<ResilientPlayer.Decision> decisions = p.decisions();
        List<Row> own = rows.stream().filter(r -> r.event() instanceof TableEvent.ActionTaken a
                && a.seat() == p.seat && !a.automatic()).toList();
        Set<Long> matched = new HashSet<>();
        for (ResilientPlayer.Decision dec : decisions) {
            if (dec.resentAfterKill()) {
                totals.resent++;
                if (!"ack".equals(dec.outcome)) {
                    totals.refusedAfterResend++;
                }
            }
            if (!"ack".equals(dec.outcome)) {
                continue;
            }
            totals.acked++;
            // the ack's seq is the last event the decision caused; the player's action is the first
            Row action = null;
            for (Row r : own) {
                if (r.seq() <= dec.ackSeq) {
                    action = r;
                }
            }
            if (action == null || action.hand() != dec.hand || !sameAction(dec, (TableEvent.ActionTaken) action.event())) {
                problems.add(p.name + ": acknowledged " + dec + " but the log's last action of seat " + p.seat
                        + " up to seq " + dec.ackSeq + " is " + describe(action));
                continue;
            }
            for (long s = action.seq() + 1; s <= dec.ackSeq; s++) {
                Row between = bySeq.get(s);
                if (between != null && between.event() instanceof TableEvent.HandStarted) {
                    problems.add(p.name + ": acknowledged " + dec + " but a new hand starts between its action (seq "
                            + action.seq() + ") and its ack");
                }
            }
            if (dec.liveActionSeq >= 0 && dec.liveActionSeq != action.seq()) {
                problems.add(p.name + ": acknowledged " + dec + ": its action came live at seq " + dec.liveActionSeq
                        + " (" + describe(bySeq.get(dec.liveActionSeq)) + ") but its ack names the action at "
                        + describe(action) + ": applied twice");
            }
            // node generation g wrote with the table's g-th epoch (when every generation wrote to every table)
            int writtenByGen = epochs.indexOf(action.epoch()) + 1;
            if (writtenByGen < dec.answeredGen) {
                totals.ackLostThenRepeated++; // written by a node killed before its ack went out; the resend
                                              // to the next node got that same ack back
            }
            if (!matched.add(action.seq())) {
                problems.add(p.name + ": two acknowledged decisions share the action at seq " + action.seq());
            }
        }
        // actions in the log that no ack accounts for: each must be a decision whose answer was lost (its
        // node was killed, or a forwarded request timed out) and that was never acknowledged; anything else
        // was applied twice
        Set<ResilientPlayer.Decision> used = new HashSet<>();
        for (Row r : own) {
            if (matched.contains(r.seq())) {
                continue;
            }
            TableEvent.ActionTaken a = (TableEvent.ActionTaken) r.event();
            Row before = bySeq.get(r.seq() - 1);
            if (a.action() == Action.FOLD && before != null && before.event() instanceof TableEvent.LeaveRequested l
                    && l.seat() == p.seat) {
                totals.leaveFolds++; // a leave on the player's turn folds at once (engine: SeatingRules.leave)
                continue;
            }
            ResilientPlayer.Decision explanation = null;
            for (ResilientPlayer.Decision dec : decisions) {
                if (!"ack".equals(dec.outcome) && writtenWithoutAck.test(dec) && dec.hand == r.hand()
                        && sameAction(dec, a) && !used.contains(dec)) {
                    explanation = dec;
                    break;
                }
            }
            if (explanation == null) {
                ResilientPlayer.Decision twice = decisions.stream().filter(x -> "ack".equals(x.outcome)
                        && (x.resentAfterKill() || x.retries > 0) && x.hand == r.hand() && sameAction(x, a))
                        .findFirst().orElse(null);
                problems.add(twice != null
                        ? p.name + ": APPLIED TWICE: decision " + twice + " is in the log at " + describe(r)
                                + ", written before its answer was lost (node killed or request timed out), and"
                                + " again at the seq its ack names: the resent actionId was applied once more"
                        : p.name + ": the log has " + describe(r) + " but no decision of the player explains it;"
                                + " its decisions in that hand: "
                                + decisions.stream().filter(x -> x.hand == r.hand()).toList());
            } else {
                used.add(explanation);
                totals.writtenUnacked++;
            }
        }
        // every event the client was sent is in the log, at that seq
        Map<Long, String> seen;
        synchronized (p) {
            seen = new LinkedHashMap<>(p.seen);
        }
        for (Map.Entry<Long, String> e : seen.entrySet()) {
            Row r = bySeq.get(e.getKey());
            String expected = r == null ? "nothing" : clientView(r);
            if (r == null || (expected != null && !expected.equals(e.getValue()))) {
                problems.add(p.name + " was sent '" + e.getValue() + "' at seq " + e.getKey() + " of " + table
                        + " but the log has " + expected);
            }
        }
    }

    private static boolean sameAction(ResilientPlayer.Decision d, TableEvent.ActionTaken a) {
        return switch (d.action) {
            case "check" -> a.action() == Action.CHECK;
            case "call" -> a.action() == Action.CALL;
            case "fold" -> a.action() == Action.FOLD;
            case "bet", "raise" -> (a.action() == Action.BET || a.action() == Action.RAISE)
                    && a.betTo() == d.amount;
            default -> false;
        };
    }

    /** What the client recorded for this event (see ResilientPlayer#onEvent), or null if it is not compared. */
    private static String clientView(Row r) {
        TableEvent e = r.event();
        if (e instanceof TableEvent.ActionTaken a) {
            return "ActionTaken hand " + r.hand() + " seat " + a.seat() + " " + a.action().name().toLowerCase(Locale.ROOT)
                    + (a.automatic() ? " auto" : "");
        }
        if (e instanceof TableEvent.HandEnded h) {
            return "HandEnded hand " + h.handNumber();
        }
        if (e instanceof TableEvent.HandStarted h) {
            return "HandStarted hand " + h.handNumber();
        }
        if (e instanceof TableEvent.PlayerLeft l) {
            return "PlayerLeft seat " + l.seat() + " chips " + l.chips();
        }
        return null;
    }

    static String describe(Row r) {
        if (r == null) {
            return "nothing";
        }
        return "seq " + r.seq() + " (epoch " + r.epoch() + ", hand " + r.hand() + "): " + r.event();
    }

    /**
     * {@code poker.jar ledger check} on the database must say "ledger OK", and with every player gone the
     * chips add up: balances + rake = issued = {@code expectedIssued}, nothing left on tables.
     */
    static void checkLedger(Map<String, String> settings, long expectedIssued) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String k : List.of("POKER_DB_URL", "POKER_DB_USER", "POKER_DB_PASSWORD", "POKER_DATA_DIR")) {
            env.put(k, settings.getOrDefault(k, ""));
        }
        NodeProcess.Result r = NodeProcess.run(env, Duration.ofSeconds(60), "ledger", "check");
        String[] lines = r.output().strip().split("\n");
        System.out.println("poker.jar ledger check (exit " + r.exitCode() + "): " + lines[lines.length - 1]);
        assertThat(r.exitCode()).as("ledger check exit code; output:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("ledger OK");
        try (Database d = TestDatabases.open(settings)) {
            LedgerCheck.Report report = new LedgerCheck(d).run();
            assertThat(report.problems()).isEmpty();
            assertThat(report.onTables()).as("chips left on tables after everybody left").isZero();
            assertThat(report.reservedUnseated()).as("buy-ins reserved but never seated").isZero();
            assertThat(report.balances() + report.rake()).as("balances + rake = issued").isEqualTo(report.issued());
            assertThat(report.issued()).as("issued: one guest balance per player").isEqualTo(expectedIssued);
            assertThat(report.rake()).as("some rake was taken").isPositive();
            System.out.printf("ledger: issued %d = balances %d + rake %d%n", report.issued(), report.balances(),
                    report.rake());
        }
    }
}
