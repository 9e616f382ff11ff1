package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible decks from a seed (the shared Fisher-Yates shuffle, {@code FisherYates}), for tests,
 * simulations and benchmarks. Not for real money: the generator is fast, not cryptographic.
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
        List<Card> cards = FisherYates.shuffle(random);
        return new ShuffledDeck(cards, Long.toHexString(random.nextLong()));
    }
}
