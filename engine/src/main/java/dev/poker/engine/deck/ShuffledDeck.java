package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * A deck in dealing order and the secret salt that goes into its commitment.
 *
 * @param cards all 52 cards, each once, in the order they will be dealt
 * @param salt hex-encoded random bytes, kept secret until the hand ends
 */
public record ShuffledDeck(List<Card> cards, String salt) {
    public ShuffledDeck {
        cards = List.copyOf(cards);
        long seen = 0;
        for (Card c : cards) {
            seen |= 1L << c.index();
        }
        if (cards.size() != 52 || seen != (1L << 52) - 1) {
            throw new IllegalArgumentException("a deck holds each of the 52 cards exactly once");
        }
        if (salt == null) {
            throw new IllegalArgumentException("a deck needs a salt, even an empty one");
        }
    }
}
