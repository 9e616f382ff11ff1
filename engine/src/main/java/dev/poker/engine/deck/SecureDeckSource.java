package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Production decks: the shared Fisher-Yates shuffle ({@code FisherYates}) driven by a CSPRNG, and a
 * 256-bit random salt.
 * {@link SecureRandom#nextInt(int)} draws uniformly (it rejects the biased tail), so every one of the
 * 52! orders is equally likely as far as the generator allows.
 *
 * <p>Concurrency: thread-safe (SecureRandom is).
 */
public final class SecureDeckSource implements DeckSource {
    private final SecureRandom random;

    public SecureDeckSource() {
        this(new SecureRandom());
    }

    public SecureDeckSource(SecureRandom random) {
        this.random = random;
    }

    @Override
    public ShuffledDeck next() {
        List<Card> cards = FisherYates.shuffle(random);
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return new ShuffledDeck(cards, HexFormat.of().formatHex(salt));
    }
}
