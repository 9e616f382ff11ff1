package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The one shuffle of both deck sources: Fisher-Yates from the last position down, swapping each
 * position with a uniform draw {@code random.nextInt(i + 1)} among the positions not yet fixed,
 * starting from the 52 cards in index order. Unbiased as long as {@code nextInt(bound)} is.
 *
 * <p>Concurrency: stateless; the generator is used on the caller's thread.
 */
final class FisherYates {
    private FisherYates() {}

    /** The 52 cards in the order this shuffle deals them, drawing 51 numbers from {@code random}. */
    static List<Card> shuffle(RandomGenerator random) {
        Card[] cards = new Card[52];
        for (int i = 0; i < 52; i++) {
            cards[i] = Card.of(i);
        }
        for (int i = 51; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Card t = cards[i];
            cards[i] = cards[j];
            cards[j] = t;
        }
        return List.of(cards);
    }
}
