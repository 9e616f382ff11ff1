package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;

/**
 * Deals given cards: for replays of recorded hands and for tests. Decks are queued and handed out in
 * order; {@link #stack(List, List)} builds a deck that deals given hole cards and board.
 *
 * <p>Concurrency: not thread-safe.
 */
public final class ScriptedDeckSource implements DeckSource {
    private final Queue<ShuffledDeck> decks = new ArrayDeque<>();

    public ScriptedDeckSource add(ShuffledDeck deck) {
        decks.add(deck);
        return this;
    }

    /** Queues a deck that deals {@code holeCards} (in deal order: first player dealt first) and then {@code board}. */
    public ScriptedDeckSource addHand(List<List<Card>> holeCards, List<Card> board) {
        return add(stack(holeCards, board));
    }

    /** Decks still queued. */
    public int remaining() {
        return decks.size();
    }

    @Override
    public ShuffledDeck next() {
        ShuffledDeck deck = decks.poll();
        if (deck == null) {
            throw new IllegalStateException("the scripted deck source has no deck left");
        }
        return deck;
    }

    /**
     * A deck that deals these hole cards and this board. The engine deals one card at a time to each
     * player in deal order, as many times as there are hole cards (2, or 4 when any hand given has 4), then
     * the flop, turn and river without burns, so the deck is: every player's first card, every player's second
     * card (and so on), the board, then the unused cards in order.
     * A null card means "any card": it is filled with one not otherwise used.
     */
    public static ShuffledDeck stack(List<List<Card>> holeCards, List<Card> board) {
        int n = holeCards.size();
        List<Card> order = new ArrayList<>(52);
        int rounds = 2;
        for (List<Card> hole : holeCards) {
            rounds = Math.max(rounds, hole.size());
        }
        for (int round = 0; round < rounds; round++) {
            for (List<Card> hole : holeCards) {
                order.add(hole.size() > round ? hole.get(round) : null);
            }
        }
        order.addAll(board);
        Set<Card> used = new LinkedHashSet<>();
        for (Card c : order) {
            if (c != null && !used.add(c)) {
                throw new IllegalArgumentException("card " + c + " is dealt twice");
            }
        }
        Queue<Card> spare = new ArrayDeque<>(unused(used));
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) == null) {
                order.set(i, spare.poll());
            }
        }
        order.addAll(spare);
        if (order.size() != 52 || n > 10) {
            throw new IllegalArgumentException("a deck holds 52 cards and deals to at most 10 players");
        }
        return new ShuffledDeck(order, "");
    }

    private static List<Card> unused(Collection<Card> used) {
        List<Card> rest = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            if (!used.contains(Card.of(i))) {
                rest.add(Card.of(i));
            }
        }
        return rest;
    }
}
