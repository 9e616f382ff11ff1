package dev.poker.engine.phh;

import dev.poker.engine.Action;
import dev.poker.engine.AnteType;
import dev.poker.engine.ButtonRule;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.Game;
import dev.poker.engine.Rake;
import dev.poker.engine.Rejection;
import dev.poker.engine.SeatState;
import dev.poker.engine.Straddle;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.TimeBankRefill;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.ScriptedDeckSource;
import dev.poker.engine.deck.ShuffledDeck;
import dev.poker.engine.phh.ReplayResult.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a recorded no-limit hold'em ({@code variant = "NT"}) or pot-limit Omaha ({@code "PO"}, four hole
 * cards, see {@link Game}) hand through {@link TableEngine} and
 * checks that the engine accepts every action in the recorded order and ends with the recorded
 * stacks.
 *
 * <p>Seating: players p1..pN sit so that the engine's first button is pN (seat 0) and the blinds fall
 * on p1 and p2: player pk sits at seat {@code k mod N}. Heads-up this puts p2 on the button and small
 * blind and p1 in the big blind, which is the PHH convention (the spec applies {@code antes} and
 * {@code blinds_or_straddles} reversed heads-up; PokerKit's {@code State} does the same).
 *
 * <p>Straddles: one straddle in {@code blinds_or_straddles}, by p3 (under the gun) or pN (the button), of at
 * least the big blind, replays as the table's {@link Straddle}; the first to act before the flop is the player
 * after the straddler, as in PokerKit. Other straddles are skipped ({@link SkipReason#STRADDLE}).
 *
 * <p>Amounts: the smallest power of ten that makes every input amount (antes, blinds, min bet,
 * starting stacks, bet amounts) whole turns them into engine chips; results are scaled back.
 *
 * <p>Cards: the recorded hole and board cards are stacked into the deck
 * ({@link ScriptedDeckSource#stack}); unknown cards ({@code ??}) are filled with unused cards, so a
 * hand whose showdown involves an unknown card is {@link Status#SKIPPED}, never passed.
 *
 * <p>Showdowns: {@code sm} actions are not replayed; the engine shows and mucks by its own rules.
 *
 * <p>No-op checks: a check ({@code cc}) by a player still in the hand, recorded after the hand's betting
 * closed (the hand is over, or everyone left is all-in), is what some tools write for the last player not
 * all-in; it is accepted as a no-op and listed in {@link ReplayResult#noOpChecks()}. A {@code cc} while the
 * betting is open goes to the engine like any action and fails when it is illegal.
 *
 * <p>Skips: every {@link Status#SKIPPED} result carries a {@link SkipReason}.
 *
 * <p>Concurrency: stateless; every call builds its own table.
 */
public final class PhhReplayer {
    private PhhReplayer() {}

    /** The most decimal places an amount may have. */
    private static final int MAX_SCALE = 8;
    private static final long MAX_CHIPS = Long.MAX_VALUE / 4;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final String[] PLAYER_IDS = {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"};
    /** Rank (0..12) and suit (0..3) of a card character, -1 for none; ranks and suits in either case. */
    private static final byte[] RANK_OF = new byte[128];
    private static final byte[] SUIT_OF = new byte[128];

    static {
        java.util.Arrays.fill(RANK_OF, (byte) -1);
        java.util.Arrays.fill(SUIT_OF, (byte) -1);
        for (int i = 0; i < Card.RANKS.length(); i++) {
            RANK_OF[Card.RANKS.charAt(i)] = (byte) i;
            RANK_OF[Character.toLowerCase(Card.RANKS.charAt(i))] = (byte) i;
        }
        for (int i = 0; i < Card.SUITS.length(); i++) {
            SUIT_OF[Card.SUITS.charAt(i)] = (byte) i;
            SUIT_OF[Character.toUpperCase(Card.SUITS.charAt(i))] = (byte) i;
        }
    }

    private static final int NOOP = 0, DEAL_HOLE = 1, DEAL_BOARD = 2, FOLD = 3, CHECK_CALL = 4, BET_RAISE = 5,
            SHOW = 6, OTHER = 7;

    /** One parsed action notation. */
    private static final class Step {
        int kind;
        int player = -1;
        /** A 'cbr' amount: {@code whole} when written as plain digits, otherwise {@code amount}. */
        long whole;
        BigDecimal amount;
        long chips;
        Card[] cards;
    }

    /** Replays one hand. Never throws for bad input: problems are FAILED or SKIPPED results. */
    public static ReplayResult replay(PhhHand h) {
        try {
            return new Run(h).run();
        } catch (Fail f) {
            return ReplayResult.failed(f.getMessage());
        } catch (Skip s) {
            return ReplayResult.skipped(s.reason, s.getMessage());
        } catch (RuntimeException e) {
            return ReplayResult.failed("internal error: " + e);
        }
    }

    /** A FAILED result, thrown from deep inside a run. */
    private static final class Fail extends Exception {
        private static final long serialVersionUID = 1L;

        Fail(String message) {
            super(message, null, false, false);
        }
    }

    /** A SKIPPED result, thrown from deep inside a run; the message is the detail after the reason's label. */
    private static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SkipReason reason;

        Skip(SkipReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private static final class Run {
        final PhhHand h;
        Game game;
        int n;
        int scale;
        Step[] steps;
        Card[][] hole;
        int[] holeCount;
        final Card[] board = new Card[5];
        int boardCount;

        // engine observation
        TableState state;
        int boardDealt;
        boolean[] folded;
        long[] won;
        long[] returned;
        boolean ended;
        /** The checks recorded after the betting closed, accepted as no-ops. */
        final List<String> noOpChecks = new ArrayList<>();

        Run(PhhHand h) {
            this.h = h;
        }

        int seatOf(int player) {
            return (player + 1) % n;
        }

        int playerAt(int seat) {
            return (seat + n - 1) % n;
        }

        ReplayResult run() throws Fail, Skip {
            checkFields();
            List<BigDecimal> antes = h.antes();
            List<BigDecimal> blinds = h.blindsOrStraddles();
            List<BigDecimal> starting = h.startingStacks();

            BigDecimal sb = blinds.get(0);
            BigDecimal bb = blinds.get(1);
            int straddler = straddler(blinds, bb);
            if (bb.signum() == 0) {
                throw new Skip(SkipReason.NO_BIG_BLIND, "no big blind in blinds_or_straddles " + blinds);
            }
            if (sb.compareTo(bb) > 0) {
                throw new Skip(SkipReason.SMALL_BLIND_ABOVE_BIG_BLIND, "the small blind " + sb.toPlainString()
                        + " is larger than the big blind " + bb.toPlainString());
            }
            AnteType anteType = anteType(antes);
            if (h.minBet().compareTo(bb) != 0) {
                throw new Skip(SkipReason.MIN_BET_NOT_BIG_BLIND, "min_bet " + h.minBet().toPlainString()
                        + " differs from the big blind " + bb.toPlainString());
            }
            String rake = h.extra().get("rake");
            if (rake != null && !isZero(rake)) {
                throw new Skip(SkipReason.RAKE, "the hand records a rake of " + rake);
            }

            parseActions();

            // amounts in chips
            scale = 0;
            for (BigDecimal a : antes) {
                scale = Math.max(scale, scaleOf(a));
            }
            scale = Math.max(scale, Math.max(scaleOf(sb), scaleOf(bb)));
            if (straddler >= 0) {
                scale = Math.max(scale, scaleOf(blinds.get(straddler)));
            }
            for (BigDecimal s : starting) {
                scale = Math.max(scale, scaleOf(s));
            }
            for (Step st : steps) {
                if (st.amount != null) {
                    scale = Math.max(scale, scaleOf(st.amount));
                }
            }
            if (scale > MAX_SCALE) {
                throw new Skip(SkipReason.AMOUNT_TOO_PRECISE, "more than " + MAX_SCALE + " decimal places");
            }
            long sbChips = chips(sb);
            long bbChips = chips(bb);
            long ante = switch (anteType) {
                case NONE -> 0;
                case PER_PLAYER -> chips(antes.get(0));
                case BIG_BLIND -> chips(antes.get(1));
            };
            long[] stacks = new long[n];
            for (int i = 0; i < n; i++) {
                stacks[i] = chips(starting.get(i));
            }
            long factor = 1;
            for (int i = 0; i < scale; i++) {
                factor *= 10;
            }
            for (Step st : steps) {
                if (st.amount != null) {
                    st.chips = chips(st.amount);
                } else if (st.kind == BET_RAISE) {
                    if (st.whole > MAX_CHIPS / factor) {
                        throw new Skip(SkipReason.AMOUNT_TOO_LARGE, st.whole + " is too large");
                    }
                    st.chips = st.whole * factor;
                }
            }
            ShuffledDeck deck = deck();
            Straddle straddle = straddler < 0 ? Straddle.NONE
                    : new Straddle(straddler == 2 ? Straddle.Position.UTG : Straddle.Position.BUTTON,
                            chips(blinds.get(straddler)));
            TableConfig config = new TableConfig(n, sbChips, bbChips, ante, anteType, 1, MAX_CHIPS, 3_600_000, 0, 0,
                    Rake.NONE, straddle, ButtonRule.MOVING, TimeBankRefill.NONE, game);
            state = new TableState(config);
            TableEngine engine = new TableEngine(new ScriptedDeckSource().add(deck));
            folded = new boolean[n];
            won = new long[n];
            returned = new long[n];
            for (int i = 0; i < n; i++) {
                // what SitDown(pK, seat, stack, postBigBlind = false) emits at an empty table; the stacks were
                // checked above (1 <= stack <= the buy-in maximum)
                state.apply(new TableEvent.PlayerSeated(seatOf(i), PLAYER_IDS[i], stacks[i], true, false));
            }
            Decision start = engine.handle(state, new Command.StartHand(), 0);
            if (start instanceof Decision.Rejected r) {
                throw new Fail("the hand could not start: " + describe(r.rejection()));
            }
            observe(start.events());

            boolean showdownAfterBetting = false;
            int phhBoard = 0;
            for (int k = 0; k < steps.length; k++) {
                Step st = steps[k];
                switch (st.kind) {
                    case NOOP, DEAL_HOLE -> {
                        // hole cards are in the deck already
                    }
                    case SHOW -> showdownAfterBetting = true;
                    case DEAL_BOARD -> {
                        phhBoard += st.cards.length;
                        if (phhBoard > boardDealt) {
                            throw new Fail(at(k) + ": the engine has not dealt these board cards"
                                    + (state.toAct() >= 0 ? "; it waits for p" + (playerAt(state.toAct()) + 1)
                                            + " to act" : ""));
                        }
                    }
                    case OTHER -> throw new Fail(at(k) + ": not an action of "
                            + (game == Game.NO_LIMIT_HOLDEM ? "no-limit hold'em" : "pot-limit Omaha"));
                    default -> {
                        if (st.kind == CHECK_CALL && bettingClosed() && !folded[st.player]) {
                            // some tools record a check by the last player not all-in after the betting closed
                            noOpChecks.add(at(k));
                        } else {
                            showdownAfterBetting = false;
                            play(engine, k, st);
                        }
                    }
                }
            }
            if (!ended) {
                int toAct = state.toAct();
                String who = toAct >= 0 ? "p" + (playerAt(toAct) + 1) + " to act" : "nobody to act";
                if (showdownAfterBetting) {
                    throw new Fail("the actions go to showdown but the engine's hand is not over (" + who + ")");
                }
                throw new Skip(SkipReason.INCOMPLETE, "the actions end before the hand is over (" + who + ")");
            }
            List<BigDecimal> finalStacks = new ArrayList<>(n);
            long[] engineStacks = new long[n];
            for (int i = 0; i < n; i++) {
                SeatState s = state.seat(seatOf(i));
                engineStacks[i] = s.stack();
                finalStacks.add(BigDecimal.valueOf(s.stack(), scale));
            }
            checkShowdownCards();
            return compare(engineStacks, finalStacks).withNoOpChecks(noOpChecks);
        }

        /** Whether no more betting can happen in this hand: it is over, or nobody is to act (an all-in run-out). */
        private boolean bettingClosed() {
            return ended || state.toAct() < 0;
        }

        private void checkFields() throws Fail, Skip {
            if (h.variant() == null) {
                throw new Fail("missing field 'variant'");
            }
            game = Game.ofPhhVariant(h.variant());
            if (game == null) {
                throw new Skip(SkipReason.VARIANT, "'" + h.variant()
                        + "' is neither no-limit Texas hold'em (NT) nor pot-limit Omaha (PO)");
            }
            require(h.antes(), "antes");
            require(h.blindsOrStraddles(), "blinds_or_straddles");
            require(h.minBet(), "min_bet");
            require(h.startingStacks(), "starting_stacks");
            require(h.actions(), "actions");
            n = h.startingStacks().size();
            if (n < 2) {
                throw new Fail("a hand needs at least 2 players; starting_stacks has " + n);
            }
            if (n > 10) {
                throw new Skip(SkipReason.TOO_MANY_PLAYERS, n + " players; the engine seats at most 10");
            }
            length(h.antes(), "antes");
            length(h.blindsOrStraddles(), "blinds_or_straddles");
            length(h.finishingStacks(), "finishing_stacks");
            length(h.winnings(), "winnings");
            length(h.players(), "players");
            length(h.seats(), "seats");
            for (int i = 0; i < n; i++) {
                BigDecimal s = h.startingStacks().get(i);
                if (s == null) {
                    throw new Skip(SkipReason.UNKNOWN_STACKS, "the starting stack of p" + (i + 1) + " is unknown");
                }
                if (s.signum() <= 0) {
                    throw new Fail("the starting stack of p" + (i + 1) + " is " + s.toPlainString()
                            + "; stacks must be positive");
                }
                nonNegative(h.antes().get(i), "antes", i);
                nonNegative(h.blindsOrStraddles().get(i), "blinds_or_straddles", i);
            }
            if (h.minBet().signum() <= 0) {
                throw new Fail("min_bet must be positive, not " + h.minBet().toPlainString());
            }
        }

        private static void require(Object field, String name) throws Fail {
            if (field == null) {
                throw new Fail("missing field '" + name + "'");
            }
        }

        private void length(List<?> list, String name) throws Fail {
            if (list != null && list.size() != n) {
                throw new Fail("'" + name + "' has " + list.size() + " entries for " + n + " players");
            }
        }

        private static void nonNegative(BigDecimal v, String name, int i) throws Fail {
            if (v.signum() < 0) {
                throw new Fail("'" + name + "' of p" + (i + 1) + " is negative: " + v.toPlainString());
            }
        }

        /**
         * The player (0-based) who straddles, or -1: one straddle of at least the big blind, by p3 (under the
         * gun; with three players also the button) or by pN (the button). Others are skipped.
         */
        private int straddler(List<BigDecimal> blinds, BigDecimal bb) throws Skip {
            int straddler = -1;
            for (int i = 2; i < n; i++) {
                if (blinds.get(i).signum() != 0) {
                    if (straddler >= 0 || (i != 2 && i != n - 1) || blinds.get(i).compareTo(bb) < 0) {
                        throw new Skip(SkipReason.STRADDLE, "blinds_or_straddles " + blinds
                                + " has a straddle the engine does not offer (one, under the gun or on the button, "
                                + "of at least the big blind)");
                    }
                    straddler = i;
                }
            }
            return straddler;
        }

        private AnteType anteType(List<BigDecimal> antes) throws Skip {
            boolean allZero = true;
            boolean allEqual = true;
            boolean onlyBigBlind = antes.get(1).signum() > 0;
            for (int i = 0; i < n; i++) {
                BigDecimal a = antes.get(i);
                if (a.signum() != 0) {
                    allZero = false;
                    if (i != 1) {
                        onlyBigBlind = false;
                    }
                }
                if (a.compareTo(antes.get(0)) != 0) {
                    allEqual = false;
                }
            }
            if (allZero) {
                return AnteType.NONE;
            }
            if (allEqual) {
                return AnteType.PER_PLAYER;
            }
            if (onlyBigBlind) {
                return AnteType.BIG_BLIND;
            }
            throw new Skip(SkipReason.UNEVEN_ANTES, antes + " are neither equal for everyone nor a big-blind ante");
        }

        private static boolean isZero(String raw) {
            try {
                return new BigDecimal(raw.strip().replace("_", "")).signum() == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static int scaleOf(BigDecimal v) {
            if (v.scale() <= 0 || v.signum() == 0) {
                return 0;
            }
            return Math.max(0, v.stripTrailingZeros().scale());
        }

        private long chips(BigDecimal v) throws Skip {
            try {
                long c = v.movePointRight(scale).longValueExact();
                if (c > MAX_CHIPS) {
                    throw new Skip(SkipReason.AMOUNT_TOO_LARGE, v.toPlainString() + " is too large");
                }
                return c;
            } catch (ArithmeticException e) {
                throw new Skip(SkipReason.AMOUNT_TOO_LARGE, v.toPlainString() + " is too large");
            }
        }

        // ---- actions ---------------------------------------------------------------------------

        private String at(int k) {
            return "action " + (k + 1) + " '" + h.actions().get(k).strip() + "'";
        }

        private void parseActions() throws Fail {
            hole = new Card[n][game.holeCards()];
            holeCount = new int[n];
            List<String> actions = h.actions();
            steps = new Step[actions.size()];
            int[] w = new int[8];
            for (int k = 0; k < actions.size(); k++) {
                String a = actions.get(k);
                Step st = new Step();
                steps[k] = st;
                int count = split(a, w);
                if (count < 0) {
                    throw new Fail(at(k) + ": too many words");
                }
                if (count == 0) {
                    st.kind = NOOP;
                    continue;
                }
                if (is(a, w, 0, "d")) {
                    if (count == 3 && is(a, w, 1, "db")) {
                        st.kind = DEAL_BOARD;
                        st.cards = cards(k, a, w[4], w[5]);
                        for (Card c : st.cards) {
                            if (boardCount == 5) {
                                throw new Fail(at(k) + ": more than 5 board cards");
                            }
                            board[boardCount++] = c;
                        }
                    } else if (count == 4 && is(a, w, 1, "dh")) {
                        st.kind = DEAL_HOLE;
                        st.player = player(k, a, w[4], w[5]);
                        st.cards = cards(k, a, w[6], w[7]);
                        for (Card c : st.cards) {
                            if (holeCount[st.player] == game.holeCards()) {
                                throw new Fail(at(k) + ": p" + (st.player + 1) + " is dealt more than "
                                        + game.holeCards() + " hole cards");
                            }
                            hole[st.player][holeCount[st.player]++] = c;
                        }
                    } else {
                        throw new Fail(at(k) + ": not a dealing action ('d db CARDS' or 'd dh pN CARDS')");
                    }
                    continue;
                }
                st.player = player(k, a, w[0], w[1]);
                if (count >= 2 && is(a, w, 1, "cc")) {
                    st.kind = CHECK_CALL;
                } else if (count >= 2 && is(a, w, 1, "f")) {
                    st.kind = FOLD;
                } else if (count >= 2 && is(a, w, 1, "cbr")) {
                    st.kind = BET_RAISE;
                    if (count != 3) {
                        throw new Fail(at(k) + ": 'cbr' needs an amount");
                    }
                    amount(k, a, w[4], w[5], st);
                } else if (count >= 2 && is(a, w, 1, "sm")) {
                    st.kind = SHOW;
                } else if (count >= 2 && (is(a, w, 1, "sd") || is(a, w, 1, "pb"))) {
                    st.kind = OTHER;
                } else {
                    throw new Fail(at(k) + ": unknown action"
                            + (count >= 2 ? " '" + a.substring(w[2], w[3]) + "'" : ""));
                }
                if ((st.kind == FOLD || st.kind == CHECK_CALL) && count != 2) {
                    throw new Fail(at(k) + ": '" + a.substring(w[2], w[3]) + "' takes no argument");
                }
            }
        }

        /** Whether word {@code i} of {@code a} is {@code literal}. */
        private static boolean is(String a, int[] w, int i, String literal) {
            int start = w[2 * i];
            int len = w[2 * i + 1] - start;
            return len == literal.length() && a.startsWith(literal, start);
        }

        /**
         * Splits at whitespace, up to a '#' commentary, into word bounds: word {@code i} runs from
         * {@code w[2i]} to {@code w[2i+1]}. Returns the word count, or -1 for more than 4 words.
         */
        private static int split(String a, int[] w) {
            int count = 0;
            int len = a.length();
            int i = 0;
            while (i < len) {
                char c = a.charAt(i);
                if (c == '#') {
                    break;
                }
                if (c == ' ' || Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < len && (c = a.charAt(i)) != ' ' && c != '#' && !Character.isWhitespace(c)) {
                    i++;
                }
                if (count == 4) {
                    return -1;
                }
                w[2 * count] = start;
                w[2 * count + 1] = i;
                count++;
            }
            return count;
        }

        /** The amount of a 'cbr': plain digits fast, decimals through BigDecimal. */
        private void amount(int k, String a, int start, int end, Step st) throws Fail {
            long whole = 0;
            boolean plain = end - start <= 17;
            for (int i = start; i < end && plain; i++) {
                char c = a.charAt(i);
                if (c >= '0' && c <= '9') {
                    whole = whole * 10 + (c - '0');
                } else {
                    plain = false;
                }
            }
            if (plain) {
                if (whole == 0) {
                    throw new Fail(at(k) + ": the amount must be positive");
                }
                st.whole = whole;
            } else {
                try {
                    st.amount = new BigDecimal(a.substring(start, end));
                } catch (NumberFormatException e) {
                    throw new Fail(at(k) + ": '" + a.substring(start, end) + "' is not an amount");
                }
                if (st.amount.signum() <= 0) {
                    throw new Fail(at(k) + ": the amount must be positive");
                }
            }
        }

        private int player(int k, String a, int start, int end) throws Fail {
            if (end - start >= 2 && end - start <= 4 && a.charAt(start) == 'p') {
                int p = 0;
                for (int i = start + 1; i < end; i++) {
                    char c = a.charAt(i);
                    if (c < '0' || c > '9') {
                        p = -1;
                        break;
                    }
                    p = p * 10 + (c - '0');
                }
                if (p >= 1 && p <= n) {
                    return p - 1;
                }
            }
            throw new Fail(at(k) + ": no player '" + a.substring(start, end) + "' (players are p1..p" + n + ")");
        }

        private Card[] cards(int k, String a, int start, int end) throws Fail {
            int len = end - start;
            if (len % 2 != 0 || len == 0) {
                throw new Fail(at(k) + ": '" + a.substring(start, end) + "' is not a list of cards");
            }
            Card[] out = new Card[len / 2];
            for (int i = 0; i < out.length; i++) {
                char r = a.charAt(start + 2 * i);
                char s = a.charAt(start + 2 * i + 1);
                if (r == '?' || s == '?') {
                    continue; // unknown
                }
                int rank = r < 128 ? RANK_OF[r] : -1;
                int suit = s < 128 ? SUIT_OF[s] : -1;
                if (rank < 0 || suit < 0) {
                    throw new Fail(at(k) + ": '" + r + s + "' is not a card");
                }
                out[i] = Card.of(rank, suit);
            }
            return out;
        }

        /**
         * The deck {@link ScriptedDeckSource#stack} would build, without its sets: every player's first
         * card in the engine's deal order, then every second card (and third and fourth in Omaha), then the board, unknown cards filled
         * with the unused ones in index order, then the rest in index order.
         */
        private ShuffledDeck deck() throws Fail {
            Card[] order = new Card[52];
            int k = 0;
            for (int round = 0; round < game.holeCards(); round++) {
                for (int p = 0; p < n; p++) {
                    // the engine deals from the small blind: p1..pN, heads-up p2 (the button) then p1
                    order[k++] = hole[n == 2 ? 1 - p : p][round];
                }
            }
            for (Card c : board) {
                order[k++] = c;
            }
            boolean[] used = new boolean[52];
            for (int i = 0; i < k; i++) {
                Card c = order[i];
                if (c != null) {
                    if (used[c.index()]) {
                        throw new Fail("cards: card " + c + " is dealt twice");
                    }
                    used[c.index()] = true;
                }
            }
            int spare = 0;
            for (int i = 0; i < 52; i++) {
                if (i >= k || order[i] == null) {
                    while (used[spare]) {
                        spare++;
                    }
                    used[spare] = true;
                    order[i] = Card.of(spare);
                }
            }
            return new ShuffledDeck(Arrays.asList(order), "");
        }

        private void play(TableEngine engine, int k, Step st) throws Fail {
            if (ended) {
                throw new Fail(at(k) + ": the hand is already over in the engine");
            }
            int seat = seatOf(st.player);
            int toAct = state.toAct();
            if (toAct != seat) {
                throw new Fail(at(k) + ": " + (toAct < 0 ? "nobody is to act in the engine"
                        : "the engine expects p" + (playerAt(toAct) + 1) + " to act"));
            }
            long hand = state.handNumber();
            Command.Act command = switch (st.kind) {
                case FOLD -> new Command.Act(seat, hand, Action.FOLD, 0);
                case CHECK_CALL -> new Command.Act(seat, hand,
                        state.currentBet() > state.seat(seat).streetBet() ? Action.CALL : Action.CHECK, 0);
                default -> new Command.Act(seat, hand, state.currentBet() == 0 ? Action.BET : Action.RAISE,
                        st.chips);
            };
            Decision d = engine.handle(state, command, 0);
            if (d instanceof Decision.Rejected r) {
                throw new Fail(at(k) + " rejected: " + describe(r.rejection()));
            }
            observe(d.events());
        }

        private String describe(Rejection r) {
            String msg = r.message();
            if (scale > 0 && msg != null) {
                msg += " (amounts in units of 10^-" + scale + ")";
            }
            return r.code() + (msg == null || msg.isEmpty() ? "" : " " + msg);
        }

        private void observe(List<TableEvent> events) {
            for (int i = 0, size = events.size(); i < size; i++) {
                TableEvent e = events.get(i);
                if (e instanceof TableEvent.StreetDealt sd) {
                    boardDealt += sd.cards().size();
                } else if (e instanceof TableEvent.ActionTaken at) {
                    if (at.action() == Action.FOLD) {
                        folded[playerAt(at.seat())] = true;
                    }
                } else if (e instanceof TableEvent.PotAwarded pa) {
                    for (TableEvent.Share share : pa.shares()) {
                        won[playerAt(share.seat())] += share.amount();
                    }
                } else if (e instanceof TableEvent.UncalledBetReturned u) {
                    returned[playerAt(u.seat())] += u.amount();
                } else if (e instanceof TableEvent.HandEnded) {
                    ended = true;
                }
            }
        }

        // ---- the outcome -----------------------------------------------------------------------

        private void checkShowdownCards() throws Skip {
            int live = 0;
            for (boolean f : folded) {
                if (!f) {
                    live++;
                }
            }
            if (live < 2) {
                return;
            }
            StringBuilder unknown = new StringBuilder();
            for (int p = 0; p < n; p++) {
                if (!folded[p] && Arrays.asList(hole[p]).contains(null)) {
                    unknown.append(unknown.length() == 0 ? "" : ", ").append('p').append(p + 1);
                }
            }
            int unknownBoard = 0;
            for (Card c : board) {
                if (c == null) {
                    unknownBoard++;
                }
            }
            if (unknown.length() > 0 || unknownBoard > 0) {
                throw new Skip(SkipReason.UNKNOWN_CARDS, "the showdown involves "
                        + (unknown.length() > 0 ? "unknown hole cards of " + unknown : "")
                        + (unknown.length() > 0 && unknownBoard > 0 ? " and " : "")
                        + (unknownBoard > 0 ? unknownBoard + " unknown board card" + (unknownBoard > 1 ? "s" : "")
                                : ""));
            }
        }

        private ReplayResult compare(long[] engineStacks, List<BigDecimal> finalStacks) {
            if (h.finishingStacks() != null) {
                return compare("finishing stacks", h.finishingStacks(), engineStacks, finalStacks, false);
            }
            if (h.winnings() != null) {
                return compare("winnings", h.winnings(), won, finalStacks, true);
            }
            return ReplayResult.passed("no finishing_stacks or winnings to compare; every action was accepted",
                    finalStacks);
        }

        private ReplayResult compare(String what, List<BigDecimal> recorded, long[] engine,
                List<BigDecimal> finalStacks, boolean winnings) {
            BigDecimal[] diff = new BigDecimal[n];
            boolean equal = true;
            boolean halves = true;
            boolean rakeLike = true;
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal r = recorded.get(i).movePointRight(scale);
                diff[i] = r.subtract(BigDecimal.valueOf(engine[i]));
                if (winnings && diff[i].signum() != 0 && returned[i] > 0
                        && diff[i].compareTo(BigDecimal.valueOf(returned[i])) == 0) {
                    // sites count a pot won uncontested with its unmatched bet (a walk) as winnings
                    diff[i] = BigDecimal.ZERO;
                }
                int sign = diff[i].signum();
                if (sign != 0) {
                    equal = false;
                    if (diff[i].abs().compareTo(HALF) != 0) {
                        halves = false;
                    }
                    if (sign > 0 || engine[i] == 0) {
                        rakeLike = false;
                    }
                    sum = sum.add(diff[i]);
                }
            }
            if (equal) {
                return ReplayResult.passed(what + " match", finalStacks);
            }
            if (halves && sum.signum() == 0) {
                return new ReplayResult(Status.PASSED_ODD_CHIP, what + " match except for a split odd chip: "
                        + differences(recorded, engine, diff), finalStacks, null, List.of());
            }
            if (winnings && rakeLike) {
                return new ReplayResult(Status.SKIPPED, SkipReason.RAKE_IN_WINNINGS.label()
                        + ": the recorded winnings are "
                        + sum.negate().movePointLeft(scale).toPlainString()
                        + " below the pots won (" + differences(recorded, engine, diff) + ")", finalStacks,
                        SkipReason.RAKE_IN_WINNINGS, List.of());
            }
            return new ReplayResult(Status.FAILED, what + " differ: " + differences(recorded, engine, diff),
                    finalStacks, null, List.of());
        }

        private String differences(List<BigDecimal> recorded, long[] engine, BigDecimal[] diff) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (diff[i].signum() != 0) {
                    sb.append(sb.length() == 0 ? "" : "; ").append('p').append(i + 1).append(" engine ")
                            .append(BigDecimal.valueOf(engine[i], scale).toPlainString()).append(" recorded ")
                            .append(recorded.get(i).toPlainString());
                }
            }
            return sb.toString();
        }
    }
}
