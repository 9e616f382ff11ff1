package dev.poker.engine;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything about one table: seats, stacks, and the hand being played. It changes only through
 * {@link #apply(TableEvent)}; the same events applied to a fresh state give an equal state, which
 * {@link #stateHash()} makes cheap to check.
 *
 * <p>Concurrency: not thread-safe. One thread at a time owns a table's state (the table's actor);
 * nothing else may read or apply events while it does.
 */
public final class TableState {
    private final TableConfig config;
    final SeatState[] seats;

    long handNumber;
    boolean handRunning;
    int button = -1;
    int smallBlindSeat = -1;
    int bigBlindSeat = -1;
    Street street;
    final List<Card> board = new ArrayList<>(5);
    List<Card> deck = List.of();
    String salt = "";
    String commitment = "";
    int deckPosition;
    List<Integer> dealtIn = List.of();

    long currentBet;
    long minRaise;
    long lastFullRaiseLevel;
    int raiseCount;
    int lastAggressor = -1;
    int toAct = -1;
    long deadline;
    boolean inTimeBank;
    long timeBankStartedAt;
    long distributed;

    long rakeCollected;
    long chipsBroughtIn;
    long chipsTakenOut;
    long handsCompleted;

    public TableState(TableConfig config) {
        this.config = config;
        this.seats = new SeatState[config.seats()];
    }

    /** Applies one event. Events come from the engine or from the log; they are not validated again. */
    public void apply(TableEvent event) {
        if (event instanceof ActionTaken e) {
            onAction(e);
        } else if (event instanceof TurnStarted e) {
            toAct = e.seat();
            deadline = e.deadline();
            inTimeBank = false;
        } else if (event instanceof ForcedBetPosted e) {
            onForcedBet(e);
        } else if (event instanceof HoleCardsDealt e) {
            seats[e.seat()].holeCards = e.cards();
            deckPosition += e.cards().size();
        } else if (event instanceof StreetDealt e) {
            onStreet(e);
        } else if (event instanceof HandStarted e) {
            onHandStarted(e);
        } else if (event instanceof PotAwarded e) {
            for (Share share : e.shares()) {
                seats[share.seat()].stack += share.amount();
            }
            rakeCollected += e.rake();
            distributed += e.amount();
        } else if (event instanceof HandEnded e) {
            onHandEnded();
        } else if (event instanceof UncalledBetReturned e) {
            SeatState s = seats[e.seat()];
            s.stack += e.amount();
            s.streetBet -= e.amount();
            s.committed -= e.amount();
            s.allIn = false;
            currentBet = maxStreetBet();
        } else if (event instanceof CardsShown e) {
            seats[e.seat()].shown = true;
        } else if (event instanceof CardsMucked) {
            // nothing to change: a mucked hand is simply not shown
        } else if (event instanceof TimeBankStarted e) {
            inTimeBank = true;
            timeBankStartedAt = deadline;
            deadline = e.deadline();
        } else if (event instanceof TimeBankUsed e) {
            SeatState s = seats[e.seat()];
            s.timeBankMs = Math.max(0, s.timeBankMs - e.millis());
        } else if (event instanceof TimeBankRefilled e) {
            seats[e.seat()].timeBankMs += e.millis();
        } else if (event instanceof PlayerTimedOut e) {
            seats[e.seat()].consecutiveTimeouts = e.consecutive();
        } else if (event instanceof PlayerSeated e) {
            SeatState s = new SeatState(e.playerId(), e.stack(), config.timeBankMs());
            s.waitingForBigBlind = e.waitForBigBlind();
            s.postBigBlind = e.postBigBlind();
            seats[e.seat()] = s;
            chipsBroughtIn += e.stack();
        } else if (event instanceof PlayerLeft e) {
            seats[e.seat()] = null;
            chipsTakenOut += e.chips();
        } else if (event instanceof LeaveRequested e) {
            seats[e.seat()].leaving = true;
        } else if (event instanceof PlayerSatOut e) {
            SeatState s = seats[e.seat()];
            s.sittingOut = true;
            s.waitingForBigBlind = false;
            s.postBigBlind = false;
        } else if (event instanceof PlayerSatIn e) {
            SeatState s = seats[e.seat()];
            s.sittingOut = false;
            s.consecutiveTimeouts = 0;
            s.waitingForBigBlind = e.waitForBigBlind();
        } else if (event instanceof ChipsAdded e) {
            SeatState s = seats[e.seat()];
            if (e.pending()) {
                s.pendingChips += e.amount();
            } else {
                s.stack += e.amount();
            }
            chipsBroughtIn += e.amount();
        } else if (event instanceof BlindsMissed e) {
            SeatState s = seats[e.seat()];
            s.missedSmallBlind |= e.small();
            s.missedBigBlind |= e.big();
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
    }

    private void onHandStarted(HandStarted e) {
        handNumber = e.handNumber();
        handRunning = true;
        button = e.button();
        smallBlindSeat = e.smallBlindSeat();
        bigBlindSeat = e.bigBlindSeat();
        street = Street.PREFLOP;
        board.clear();
        deck = e.deck();
        salt = e.salt();
        commitment = e.commitment();
        deckPosition = 0;
        dealtIn = e.dealtIn();
        currentBet = 0;
        minRaise = config.bigBlind();
        lastFullRaiseLevel = config.bigBlind();
        raiseCount = 0;
        lastAggressor = -1;
        toAct = -1;
        deadline = 0;
        inTimeBank = false;
        distributed = 0;
        for (int seat : e.dealtIn()) {
            SeatState s = seats[seat];
            s.clearHand();
            s.inHand = true;
            s.waitingForBigBlind = false;
            s.postBigBlind = false;
            s.missedSmallBlind = false;
            s.missedBigBlind = false;
        }
    }

    private void onForcedBet(ForcedBetPosted e) {
        SeatState s = seats[e.seat()];
        s.stack -= e.amount();
        s.committed += e.amount();
        if (e.kind().ante()) {
            s.antes += e.amount();
        } else if (e.kind().live()) {
            s.streetBet += e.amount();
            currentBet = Math.max(currentBet, s.streetBet);
        }
        s.allIn = s.stack == 0;
    }

    private void onAction(ActionTaken e) {
        SeatState s = seats[e.seat()];
        if (e.action() == Action.FOLD) {
            s.folded = true;
        } else if (e.added() > 0) {
            s.stack -= e.added();
            s.streetBet += e.added();
            s.committed += e.added();
            s.allIn = s.stack == 0;
            if (s.streetBet > currentBet) {
                onRaise(e.seat(), s.streetBet);
            }
        }
        s.actedThisStreet = true;
        s.raiseCountSeen = raiseCount;
        if (!e.automatic()) {
            s.consecutiveTimeouts = 0;
        }
        toAct = -1;
        inTimeBank = false;
    }

    /** A bet or raise to {@code level}: full ones (and short all-ins that add up to one) reopen betting. */
    private void onRaise(int seat, long level) {
        long increment = level - currentBet;
        if (currentBet == 0) {
            raiseCount++;
            if (increment >= minRaise) {
                minRaise = increment;
                lastFullRaiseLevel = level;
            }
        } else if (increment >= minRaise) {
            minRaise = increment;
            lastFullRaiseLevel = level;
            raiseCount++;
        } else if (level - lastFullRaiseLevel >= minRaise) {
            // WSOP rule 96: short all-ins that together make a full raise reopen the betting
            lastFullRaiseLevel = level;
            raiseCount++;
        }
        currentBet = level;
        lastAggressor = seat;
    }

    private void onStreet(StreetDealt e) {
        street = e.street();
        board.addAll(e.cards());
        deckPosition += e.cards().size();
        currentBet = 0;
        minRaise = config.bigBlind();
        lastFullRaiseLevel = 0;
        raiseCount = 0;
        lastAggressor = -1;
        toAct = -1;
        for (SeatState s : seats) {
            if (s != null) {
                s.streetBet = 0;
                s.actedThisStreet = false;
                s.raiseCountSeen = 0;
            }
        }
    }

    private void onHandEnded() {
        handRunning = false;
        handsCompleted++;
        toAct = -1;
        deadline = 0;
        inTimeBank = false;
        street = null;
        board.clear();
        deck = List.of();
        salt = "";
        commitment = "";
        deckPosition = 0;
        dealtIn = List.of();
        currentBet = 0;
        lastAggressor = -1;
        distributed = 0;
        for (SeatState s : seats) {
            if (s != null) {
                s.clearHand();
                s.stack += s.pendingChips;
                s.pendingChips = 0;
            }
        }
    }

    long maxStreetBet() {
        long max = 0;
        for (SeatState s : seats) {
            if (s != null && s.inHand) {
                max = Math.max(max, s.streetBet);
            }
        }
        return max;
    }

    // ---- queries -------------------------------------------------------------------------------

    public TableConfig config() { return config; }
    public int seatCount() { return seats.length; }
    /** The seat's state, or null when the seat is empty. */
    public SeatState seat(int seat) { return seats[seat]; }
    public long handNumber() { return handNumber; }
    public boolean handRunning() { return handRunning; }
    public int button() { return button; }
    public int smallBlindSeat() { return smallBlindSeat; }
    public int bigBlindSeat() { return bigBlindSeat; }
    /** The current street, or null between hands. */
    public Street street() { return street; }
    public List<Card> board() { return Collections.unmodifiableList(board); }
    /** The seat to act, or -1. */
    public int toAct() { return toAct; }
    /** When the clock of the player to act runs out (epoch ms). */
    public long deadline() { return deadline; }
    public boolean inTimeBank() { return inTimeBank; }
    public long currentBet() { return currentBet; }
    public long rakeCollected() { return rakeCollected; }
    public long handsCompleted() { return handsCompleted; }
    /** Published commitment of the hand in progress, or "" between hands. */
    public String commitment() { return commitment; }
    public List<Integer> dealtIn() { return dealtIn; }

    /** The seat number of this player, or -1. */
    public int seatOf(String playerId) {
        for (int i = 0; i < seats.length; i++) {
            if (seats[i] != null && seats[i].playerId.equals(playerId)) {
                return i;
            }
        }
        return -1;
    }

    /** Chips in the middle: all bets and antes of this hand not yet paid out. */
    public long potTotal() {
        long sum = 0;
        for (SeatState s : seats) {
            if (s != null) {
                sum += s.committed;
            }
        }
        return sum - distributed;
    }

    /** Stacks, pending top-ups and pots: every chip at the table except the rake. */
    public long chipsOnTable() {
        long sum = potTotal();
        for (SeatState s : seats) {
            if (s != null) {
                sum += s.stack + s.pendingChips;
            }
        }
        return sum;
    }

    /** Chips seated or added, less chips taken away by players who left; equals table chips plus rake. */
    public long chipsAccountedFor() {
        return chipsBroughtIn - chipsTakenOut;
    }

    /** The pots as they stand: main pot first. */
    public List<Pot> pots() {
        return Pots.compute(this);
    }

    /** A deep copy, for what-if checks; applying events to it leaves this state alone. */
    public TableState copy() {
        TableState c = new TableState(config);
        for (int i = 0; i < seats.length; i++) {
            c.seats[i] = seats[i] == null ? null : seats[i].copy();
        }
        c.handNumber = handNumber;
        c.handRunning = handRunning;
        c.button = button;
        c.smallBlindSeat = smallBlindSeat;
        c.bigBlindSeat = bigBlindSeat;
        c.street = street;
        c.board.addAll(board);
        c.deck = deck;
        c.salt = salt;
        c.commitment = commitment;
        c.deckPosition = deckPosition;
        c.dealtIn = dealtIn;
        c.currentBet = currentBet;
        c.minRaise = minRaise;
        c.lastFullRaiseLevel = lastFullRaiseLevel;
        c.raiseCount = raiseCount;
        c.lastAggressor = lastAggressor;
        c.toAct = toAct;
        c.deadline = deadline;
        c.inTimeBank = inTimeBank;
        c.timeBankStartedAt = timeBankStartedAt;
        c.distributed = distributed;
        c.rakeCollected = rakeCollected;
        c.chipsBroughtIn = chipsBroughtIn;
        c.chipsTakenOut = chipsTakenOut;
        c.handsCompleted = handsCompleted;
        return c;
    }

    /** A hash of every field; two states with equal hashes are, for all practical purposes, equal. */
    public long stateHash() {
        StateHasher h = new StateHasher();
        h.put(config.hashCode()).put(handNumber).put(handRunning).put(button).put(smallBlindSeat).put(bigBlindSeat)
                .put(street == null ? -1 : street.ordinal()).putCards(board).putCards(deck).put(salt).put(commitment)
                .put(deckPosition).put(dealtIn.hashCode()).put(currentBet).put(minRaise).put(lastFullRaiseLevel)
                .put(raiseCount).put(lastAggressor).put(toAct).put(deadline).put(inTimeBank).put(timeBankStartedAt)
                .put(distributed).put(rakeCollected).put(chipsBroughtIn).put(chipsTakenOut)
                .put(handsCompleted);
        for (SeatState s : seats) {
            if (s == null) {
                h.put(-7);
            } else {
                s.hash(h);
            }
        }
        return h.value();
    }
}
