package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.Fairness;
import dev.poker.engine.deck.SecureDeckSource;
import dev.poker.engine.deck.ShuffledDeck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void theCommitmentIsPublishedAtTheStartAndTheRevealedDeckMatchesTheDealtCards() {
        TableFixture f = TableFixture.seated(TableConfig.cash(4, 50, 100), 10_000, 10_000, 10_000, 10_000);
        f.decks.add(new SecureDeckSource().next());
        f.ok(new Command.StartHand());
        while (f.state.handRunning()) {
            LegalActions legal = TableEngine.legalActions(f.state);
            f.act(legal.seat(), legal.allows(CHECK) ? CHECK : CALL);
        }
        HandStarted started = f.events(HandStarted.class).get(0);
        HandEnded ended = f.events(HandEnded.class).get(0);
        assertThat(ended.commitment()).isEqualTo(started.commitment());
        List<List<Card>> hole = new ArrayList<>();
        f.events(HoleCardsDealt.class).forEach(h -> hole.add(h.cards()));
        List<Card> board = new ArrayList<>();
        f.events(StreetDealt.class).forEach(s -> board.addAll(s.cards()));
        assertThat(Fairness.verify(started.commitment(), ended.deck(), ended.salt(), hole, board)).isNull();

        List<Card> swapped = new ArrayList<>(ended.deck());
        java.util.Collections.swap(swapped, 0, 51);
        assertThat(Fairness.verify(started.commitment(), swapped, ended.salt(), hole, board))
                .contains("do not match the commitment");
        assertThat(Fairness.verify(started.commitment(), ended.deck(), ended.salt() + "00", hole, board))
                .contains("do not match");
    }

    @Test
    void theCommitmentIsSha256OfTheDeckTextAndSalt() {
        ShuffledDeck deck = new ShuffledDeck(allCards(), "00ff");
        // printf '%s' "2c2d2h2s...AcAdAhAs:00ff" | sha256sum
        String text = Card.format(allCards()) + ":00ff";
        assertThat(Fairness.commitment(deck.cards(), deck.salt())).isEqualTo(sha256(text));
    }

    @Test
    void secureDecksAreShuffledAndSalted() {
        SecureDeckSource source = new SecureDeckSource();
        ShuffledDeck a = source.next();
        ShuffledDeck b = source.next();
        assertThat(a.cards()).isNotEqualTo(b.cards()).containsExactlyInAnyOrderElementsOf(allCards());
        assertThat(a.salt()).hasSize(64).isNotEqualTo(b.salt());
    }

    @Test
    void theShuffleIsUniformOverPositions() {
        // chi-squared over where the ace of spades lands: 52 positions, 52,000 shuffles
        SecureDeckSource source = new SecureDeckSource();
        int[] counts = new int[52];
        int shuffles = 52_000;
        for (int i = 0; i < shuffles; i++) {
            counts[source.next().cards().indexOf(Card.parse("As"))]++;
        }
        double expected = shuffles / 52.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 51 degrees of freedom: p = 0.0001 at about 99.6
        assertThat(chi2).isLessThan(99.6);
    }

    private static List<Card> allCards() {
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            cards.add(Card.of(i));
        }
        return cards;
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
