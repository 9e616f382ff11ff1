package dev.poker.engine;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * One occupied seat: who sits there and what they have, plus their part in the hand being played.
 *
 * <p>Concurrency: owned by its {@link TableState}; same thread rules.
 */
public final class SeatState {
    final String playerId;
    long stack;
    long pendingChips;
    boolean sittingOut;
    boolean waitingForBigBlind;
    boolean postBigBlind;
    boolean missedSmallBlind;
    boolean missedBigBlind;
    boolean leaving;
    int consecutiveTimeouts;
    long timeBankMs;

    // this hand
    boolean inHand;
    boolean folded;
    boolean allIn;
    boolean actedThisStreet;
    int raiseCountSeen;
    long streetBet;
    long committed;
    /** The part of {@link #committed} posted as antes: dead money for the main pot, never a bet. */
    long antes;
    List<Card> holeCards = List.of();
    boolean shown;

    SeatState(String playerId, long stack, long timeBankMs) {
        this.playerId = playerId;
        this.stack = stack;
        this.timeBankMs = timeBankMs;
    }

    SeatState copy() {
        SeatState c = new SeatState(playerId, stack, timeBankMs);
        c.pendingChips = pendingChips;
        c.sittingOut = sittingOut;
        c.waitingForBigBlind = waitingForBigBlind;
        c.postBigBlind = postBigBlind;
        c.missedSmallBlind = missedSmallBlind;
        c.missedBigBlind = missedBigBlind;
        c.leaving = leaving;
        c.consecutiveTimeouts = consecutiveTimeouts;
        c.inHand = inHand;
        c.folded = folded;
        c.allIn = allIn;
        c.actedThisStreet = actedThisStreet;
        c.raiseCountSeen = raiseCountSeen;
        c.streetBet = streetBet;
        c.committed = committed;
        c.antes = antes;
        c.holeCards = holeCards;
        c.shown = shown;
        return c;
    }

    void clearHand() {
        inHand = false;
        folded = false;
        allIn = false;
        actedThisStreet = false;
        raiseCountSeen = 0;
        streetBet = 0;
        committed = 0;
        antes = 0;
        holeCards = List.of();
        shown = false;
    }

    /** In the hand and still able to act: not folded, not all-in. */
    boolean active() {
        return inHand && !folded && !allIn;
    }

    /** In the hand and not folded. */
    boolean live() {
        return inHand && !folded;
    }

    public String playerId() { return playerId; }
    public long stack() { return stack; }
    public long pendingChips() { return pendingChips; }
    public boolean sittingOut() { return sittingOut; }
    public boolean missedBigBlind() { return missedBigBlind; }
    public boolean leaving() { return leaving; }
    public int consecutiveTimeouts() { return consecutiveTimeouts; }
    public long timeBankMs() { return timeBankMs; }
    public boolean inHand() { return inHand; }
    public boolean folded() { return folded; }
    public boolean allIn() { return allIn; }
    public long streetBet() { return streetBet; }
    /** Chips put in this hand, including antes and dead blinds. */
    public long committed() { return committed; }
    /** Chips posted as antes this hand (part of {@link #committed()}): dead money in the main pot. */
    public long antes() { return antes; }
    public List<Card> holeCards() { return holeCards; }
    public boolean shown() { return shown; }

    void hash(StateHasher h) {
        h.put(playerId).put(stack).put(pendingChips).put(sittingOut).put(waitingForBigBlind).put(postBigBlind)
                .put(missedSmallBlind).put(missedBigBlind).put(leaving).put(consecutiveTimeouts).put(timeBankMs)
                .put(inHand).put(folded).put(allIn).put(actedThisStreet).put(raiseCountSeen).put(streetBet)
                .put(committed).put(antes).putCards(holeCards).put(shown);
    }
}
