package dev.poker.engine.deck;

import dev.poker.engine.cards.Card;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Provable fairness. Before any card is dealt the table publishes
 * {@code commitment = hex(SHA-256(UTF-8(deckText + ":" + salt)))}, where {@code deckText} is the 52
 * cards in dealing order written as in {@code "AcKd..."} (104 characters) and {@code salt} is the hex
 * salt. When the hand ends the deck and salt are revealed; anyone can recompute the hash (for example
 * with {@code printf '%s' "$deck:$salt" | sha256sum}) and check that the dealt cards are the deck's.
 *
 * <p>Concurrency: stateless.
 */
public final class Fairness {
    private Fairness() {}

    /** The commitment to this deck and salt. */
    public static String commitment(List<Card> deck, String salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Card.format(deck).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Checks a revealed deck against its commitment and the cards that were dealt.
     *
     * @param holeCards hole cards in deal order (the first player dealt first)
     * @param board the board cards dealt, in order (0 to 5)
     * @return null when everything matches, otherwise the reason it does not
     */
    public static String verify(String commitment, List<Card> deck, String salt, List<List<Card>> holeCards,
            List<Card> board) {
        if (deck.size() != 52 || new HashSet<>(deck).size() != 52) {
            return "the revealed deck is not 52 distinct cards";
        }
        if (!commitment(deck, salt).equalsIgnoreCase(commitment)) {
            return "the revealed deck and salt do not match the commitment";
        }
        int n = holeCards.size();
        for (int p = 0; p < n; p++) {
            List<Card> hole = holeCards.get(p);
            for (int round = 0; round < hole.size(); round++) {
                if (!deck.get(round * n + p).equals(hole.get(round))) {
                    return "hole card " + (round + 1) + " of player " + (p + 1) + " is not the deck's";
                }
            }
        }
        for (int i = 0; i < board.size(); i++) {
            if (!deck.get(2 * n + i).equals(board.get(i))) {
                return "board card " + (i + 1) + " is not the deck's";
            }
        }
        return null;
    }
}
