package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible decks from a seed, for tests, simulations and benchmarks. Not for real money: the
 * generator is fast, not cryptographic.
 *
 * <p>Concurrency: not thread-safe.
 */
public final class SeededDeckSource implements DeckSource {
    private final SplittableRandom random;

    public SeededDeckSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public ShuffledDeck next() {
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
        return new ShuffledDeck(List.of(cards), Long.toHexString(random.nextLong()));
    }
}
