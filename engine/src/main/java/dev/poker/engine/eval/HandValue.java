package dev.poker.engine.eval;

import dev.poker.engine.cards.Card;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A hand's rank with what a player is shown: its category and the five cards that make it, in display order.
 * Display order puts the cards that matter most first: the quads, trips or pairs (the bigger group first,
 * then the higher rank) before the kickers, high to low; a straight runs from its top card down, the wheel
 * as 5-4-3-2-A. Cards of equal rank go clubs, diamonds, hearts, spades.
 *
 * <p>Two values compare by {@link #rank()} alone, so equal hands made of different cards compare as equal
 * while {@link #equals} tells them apart.
 *
 * <p>Concurrency: immutable; safe to share.
 *
 * @param rank the {@link HandEvaluator} rank
 * @param category the category of {@code rank}
 * @param bestFive the five cards of the hand, in display order
 */
public record HandValue(int rank, HandCategory category, List<Card> bestFive) implements Comparable<HandValue> {
    private static final String[] NAMES = {
        "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Jack", "Queen", "King", "Ace"};
    private static final String[] PLURALS = {
        "Twos", "Threes", "Fours", "Fives", "Sixes", "Sevens", "Eights", "Nines", "Tens", "Jacks", "Queens",
        "Kings", "Aces"};

    public HandValue {
        Objects.requireNonNull(category, "category");
        bestFive = List.copyOf(bestFive);
        if (bestFive.size() != 5) {
            throw new IllegalArgumentException("a hand value has five cards, not " + bestFive.size());
        }
        if (HandCategory.of(rank) != category) {
            throw new IllegalArgumentException("rank " + rank + " is a " + HandCategory.of(rank) + ", not a "
                    + category);
        }
    }

    /**
     * The value of the best five cards among 5..7 cards. When several choices of five are worth the same, the
     * first in the order of {@code cards} wins (say, the board's own kicker before an equal one in the hand).
     * Not for hot paths: it allocates; use {@link HandEvaluator} to compare hands.
     *
     * @throws IllegalArgumentException if there are not 5 to 7 cards or a card is repeated
     */
    public static HandValue describe(List<Card> cards) {
        int rank = HandEvaluator.evaluate(cards); // checks count and duplicates
        int n = cards.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = cards.get(i).index();
        }
        // The first 5-card subset, in lexicographic order of positions, that is worth the whole hand.
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    for (int d = c + 1; d < n; d++) {
                        for (int e = d + 1; e < n; e++) {
                            if (HandEvaluator.evaluate5(idx[a], idx[b], idx[c], idx[d], idx[e]) == rank) {
                                List<Card> five = new ArrayList<>(List.of(
                                        cards.get(a), cards.get(b), cards.get(c), cards.get(d), cards.get(e)));
                                return new HandValue(rank, HandCategory.of(rank), displayOrder(five, rank));
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no five of " + cards + " are worth rank " + rank);
    }

    /**
     * The value of the best Omaha hand: exactly two of the four hole cards and three of the five board cards.
     * When several choices are worth the same, the first in the order of the cards given wins (hole pairs, then
     * board triples, each in list order). Not for hot paths: it allocates; use {@link OmahaEvaluator}.
     *
     * @throws IllegalArgumentException if there are not 4 hole and 5 board cards or a card is repeated
     */
    public static HandValue describeOmaha(List<Card> hole, List<Card> board) {
        int rank = OmahaEvaluator.evaluate(hole, board); // checks counts and duplicates
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                for (int c = 0; c < 5; c++) {
                    for (int d = c + 1; d < 5; d++) {
                        for (int e = d + 1; e < 5; e++) {
                            List<Card> five = new ArrayList<>(List.of(
                                    hole.get(a), hole.get(b), board.get(c), board.get(d), board.get(e)));
                            if (HandEvaluator.evaluate(five) == rank) {
                                return new HandValue(rank, HandCategory.of(rank), displayOrder(five, rank));
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no two of " + hole + " with three of " + board + " are worth rank " + rank);
    }

    /**
     * What a player is told: {@code "Full House, Kings full of Fours"}, {@code "Straight, Five high"},
     * {@code "Pair of Aces"}, {@code "Two Pair, Aces and Kings"}, {@code "High Card, Ace"},
     * {@code "Royal Flush"}.
     */
    public String description() {
        int first = bestFive.get(0).rank();
        switch (category) {
            case HIGH_CARD:
                return "High Card, " + NAMES[first];
            case PAIR:
                return "Pair of " + PLURALS[first];
            case TWO_PAIR:
                return "Two Pair, " + PLURALS[first] + " and " + PLURALS[bestFive.get(2).rank()];
            case THREE_OF_A_KIND:
                return "Three of a Kind, " + PLURALS[first];
            case STRAIGHT:
                return "Straight, " + NAMES[first] + " high";
            case FLUSH:
                return "Flush, " + NAMES[first] + " high";
            case FULL_HOUSE:
                return "Full House, " + PLURALS[first] + " full of " + PLURALS[bestFive.get(3).rank()];
            case FOUR_OF_A_KIND:
                return "Four of a Kind, " + PLURALS[first];
            case STRAIGHT_FLUSH:
                return first == 12 ? "Royal Flush" : "Straight Flush, " + NAMES[first] + " high";
            default:
                throw new AssertionError(category);
        }
    }

    @Override
    public int compareTo(HandValue other) {
        return Integer.compare(rank, other.rank);
    }

    @Override
    public String toString() {
        return description() + " [" + Card.format(bestFive) + "]";
    }

    private static List<Card> displayOrder(List<Card> five, int rank) {
        int[] count = new int[13];
        for (Card c : five) {
            count[c.rank()]++;
        }
        HandCategory category = HandCategory.of(rank);
        boolean wheel = (category == HandCategory.STRAIGHT || category == HandCategory.STRAIGHT_FLUSH)
                && count[12] == 1 && count[3] == 1;
        Comparator<Card> order = Comparator
                .comparingInt((Card c) -> -count[c.rank()])
                .thenComparingInt(c -> wheel && c.rank() == 12 ? 1 : -c.rank() - 2)
                .thenComparingInt(Card::suit);
        five.sort(order);
        return five;
    }
}
