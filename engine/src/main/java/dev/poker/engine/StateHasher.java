package dev.poker.engine;

import dev.poker.engine.cards.Card;
import java.util.List;

/**
 * A 64-bit FNV-1a style hash over a canonical walk of the state's fields.
 *
 * <p>Concurrency: not thread-safe; one per hash computation.
 */
final class StateHasher {
    private long h = 0xcbf29ce484222325L;

    StateHasher put(long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (i * 8)) & 0xff;
            h *= 0x100000001b3L;
        }
        return this;
    }

    StateHasher put(boolean v) {
        return put(v ? 1 : 0);
    }

    StateHasher put(String s) {
        if (s == null) {
            return put(-1);
        }
        put(s.length());
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
        return this;
    }

    StateHasher putCards(List<Card> cards) {
        put(cards.size());
        for (Card c : cards) {
            put(c.index());
        }
        return this;
    }

    long value() {
        return h;
    }
}
