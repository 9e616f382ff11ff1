package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Production decks: an unbiased Fisher-Yates shuffle driven by a CSPRNG, and a 256-bit random salt.
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
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return new ShuffledDeck(List.of(cards), HexFormat.of().formatHex(salt));
    }
}
