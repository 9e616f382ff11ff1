package dev.poker.engine;

import dev.poker.engine.cards.Card;
import dev.poker.engine.eval.HandEvaluator;
import dev.poker.engine.eval.HandValue;
import dev.poker.engine.eval.OmahaEvaluator;
import java.util.List;
import java.util.Locale;

/**
 * The game a table plays: how many hole cards each player gets, how a hand is made at showdown, and how big a
 * bet may be. Chosen when the table is created and fixed for its life.
 *
 * <ul>
 *   <li>{@link #NO_LIMIT_HOLDEM}: 2 hole cards, the best five of the seven cards, any bet up to the stack.</li>
 *   <li>{@link #POT_LIMIT_OMAHA}: 4 hole cards, a hand of exactly two hole cards and three board cards, and
 *       pot-limit betting: the largest raise makes the bet equal to the pot after the call
 *       ({@link PotLimit}).</li>
 * </ul>
 * The wire name (in the protocol and stored table settings) is the lower-case constant name,
 * {@code no_limit_holdem} or {@code pot_limit_omaha}; a table stored before games existed is hold'em.
 *
 * <p>Concurrency: an enum; immutable and shared.
 */
public enum Game {
    NO_LIMIT_HOLDEM(2, false, "NT"),
    POT_LIMIT_OMAHA(4, true, "PO");

    private final int holeCards;
    private final boolean potLimit;
    private final String phhVariant;

    Game(int holeCards, boolean potLimit, String phhVariant) {
        this.holeCards = holeCards;
        this.potLimit = potLimit;
        this.phhVariant = phhVariant;
    }

    /** Hole cards dealt to each player. */
    public int holeCards() {
        return holeCards;
    }

    /** Whether a bet or raise is capped by the pot (otherwise only by the stack). */
    public boolean potLimit() {
        return potLimit;
    }

    /** The Poker Hand History variant code: {@code NT} or {@code PO}. */
    public String phhVariant() {
        return phhVariant;
    }

    /** The name used on the wire: {@code no_limit_holdem}, {@code pot_limit_omaha}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The game with this wire name.
     *
     * @throws IllegalArgumentException naming the accepted values, if there is none
     */
    public static Game ofWireName(String name) {
        for (Game g : values()) {
            if (g.wireName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("game must be no_limit_holdem or pot_limit_omaha, not '" + name + "'");
    }

    /** The game of a PHH variant code, or null when the engine does not play it. */
    public static Game ofPhhVariant(String variant) {
        for (Game g : values()) {
            if (g.phhVariant.equals(variant)) {
                return g;
            }
        }
        return null;
    }

    /** The {@link HandEvaluator} rank of a player's hole cards with the full five-card board. */
    public int rank(List<Card> hole, List<Card> board) {
        if (this == NO_LIMIT_HOLDEM) {
            return HandEvaluator.evaluate7(hole.get(0).index(), hole.get(1).index(), board.get(0).index(),
                    board.get(1).index(), board.get(2).index(), board.get(3).index(), board.get(4).index());
        }
        return OmahaEvaluator.evaluate(hole.get(0).index(), hole.get(1).index(), hole.get(2).index(),
                hole.get(3).index(), board.get(0).index(), board.get(1).index(), board.get(2).index(),
                board.get(3).index(), board.get(4).index());
    }

    /** The best hand with the cards that make it, for display. Allocates; not for hot paths. */
    public HandValue describe(List<Card> hole, List<Card> board) {
        if (this == NO_LIMIT_HOLDEM) {
            List<Card> seven = new java.util.ArrayList<>(hole);
            seven.addAll(board);
            return HandValue.describe(seven);
        }
        return HandValue.describeOmaha(hole, board);
    }
}
