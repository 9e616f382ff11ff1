package dev.poker.engine.cards;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the 52 cards. A card is identified by its {@link #index()}: {@code rank * 4 + suit}, where
 * rank 0..12 means 2..A and suit 0..3 means clubs, diamonds, hearts, spades. Text form is the usual
 * two characters, rank then suit: {@code "Ac"}, {@code "Td"}, {@code "2s"}.
 *
 * <p>Concurrency: immutable; the 52 instances are shared.
 */
public final class Card implements Comparable<Card> {
    public static final String RANKS = "23456789TJQKA";
    public static final String SUITS = "cdhs";
    private static final Card[] ALL = new Card[52];

    static {
        for (int i = 0; i < 52; i++) {
            ALL[i] = new Card(i);
        }
    }

    private final int index;

    private Card(int index) {
        this.index = index;
    }

    /** The card with this index (0..51). */
    public static Card of(int index) {
        if (index < 0 || index >= 52) {
            throw new IllegalArgumentException("card index out of range: " + index);
        }
        return ALL[index];
    }

    /** The card of this rank (0..12 for 2..A) and suit (0..3 for c, d, h, s). */
    public static Card of(int rank, int suit) {
        if (rank < 0 || rank > 12 || suit < 0 || suit > 3) {
            throw new IllegalArgumentException("no card with rank " + rank + " and suit " + suit);
        }
        return ALL[rank * 4 + suit];
    }

    /** Parses {@code "Ac"}; accepts a lower-case rank letter too. */
    public static Card parse(CharSequence text) {
        if (text.length() != 2) {
            throw new IllegalArgumentException("a card is two characters, rank and suit: '" + text + "'");
        }
        int rank = RANKS.indexOf(Character.toUpperCase(text.charAt(0)));
        int suit = SUITS.indexOf(Character.toLowerCase(text.charAt(1)));
        if (rank < 0 || suit < 0) {
            throw new IllegalArgumentException("not a card: '" + text + "'");
        }
        return ALL[rank * 4 + suit];
    }

    /** Parses concatenated cards: {@code "AcKd"} or {@code "Jc3d5c"}. */
    public static List<Card> parseAll(CharSequence text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("cards are written in pairs of characters: '" + text + "'");
        }
        List<Card> cards = new ArrayList<>(text.length() / 2);
        for (int i = 0; i < text.length(); i += 2) {
            cards.add(parse(text.subSequence(i, i + 2)));
        }
        return cards;
    }

    /** Concatenated text form of the cards: {@code "AcKd"}. */
    public static String format(List<Card> cards) {
        char[] text = new char[cards.size() * 2];
        for (int i = 0; i < cards.size(); i++) {
            Card c = cards.get(i);
            text[2 * i] = RANKS.charAt(c.rank());
            text[2 * i + 1] = SUITS.charAt(c.suit());
        }
        return new String(text);
    }

    public int index() {
        return index;
    }

    /** 0..12 for 2..A. */
    public int rank() {
        return index >> 2;
    }

    /** 0..3 for clubs, diamonds, hearts, spades. */
    public int suit() {
        return index & 3;
    }

    @Override
    public int compareTo(Card o) {
        return Integer.compare(index, o.index);
    }

    private static final String[] TEXT = new String[52];

    static {
        for (int i = 0; i < 52; i++) {
            TEXT[i] = new String(new char[] {RANKS.charAt(i >> 2), SUITS.charAt(i & 3)});
        }
    }

    @Override
    public String toString() {
        return TEXT[index];
    }
}
