package dev.poker.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.cards.Card;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandValueTest {

    /** cards (5..7), category, best five in display order, description. */
    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            AsKd9h5c3s2d7c | HIGH_CARD       | AsKd9h7c5c | High Card, Ace
            7c5d4h3s2c     | HIGH_CARD       | 7c5d4h3s2c | High Card, Seven
            AhAcKd9s5c3h2d | PAIR            | AcAhKd9s5c | Pair of Aces
            KsKh4c4d9s2c3h | TWO_PAIR        | KhKs4c4d9s | Two Pair, Kings and Fours
            KdKcQsQh2c2dAs | TWO_PAIR        | KcKdQhQsAs | Two Pair, Kings and Queens
            KdKcQsQh2c2d3s | TWO_PAIR        | KcKdQhQs3s | Two Pair, Kings and Queens
            7c7d7hAsQd3c2h | THREE_OF_A_KIND | 7c7d7hAsQd | Three of a Kind, Sevens
            Ah2c3d4s5hKcKd | STRAIGHT        | 5h4s3d2cAh | Straight, Five high
            Ah2c3d4s5h6c   | STRAIGHT        | 6c5h4s3d2c | Straight, Six high
            AsKdQhJcTs9s8s | STRAIGHT        | AsKdQhJcTs | Straight, Ace high
            Ah9h7h4h2hKh3c | FLUSH           | AhKh9h7h4h | Flush, Ace high
            KhKdKc4s4c4d2h | FULL_HOUSE      | KcKdKh4c4s | Full House, Kings full of Fours
            4s4c4dKhKd2h2c | FULL_HOUSE      | 4c4d4sKdKh | Full House, Fours full of Kings
            9c9d9h9sAcAdAh | FOUR_OF_A_KIND  | 9c9d9h9sAc | Four of a Kind, Nines
            Ah2h3h4h5h6cKh | STRAIGHT_FLUSH  | 5h4h3h2hAh | Straight Flush, Five high
            Ah2h3h4h5h6h7h | STRAIGHT_FLUSH  | 7h6h5h4h3h | Straight Flush, Seven high
            AdKdQdJdTdAcAh | STRAIGHT_FLUSH  | AdKdQdJdTd | Royal Flush
            """)
    void describesTheBestFiveCards(String cards, HandCategory category, String bestFive, String description) {
        HandValue value = HandValue.describe(Card.parseAll(cards));
        assertThat(value.category()).isEqualTo(category);
        assertThat(Card.format(value.bestFive())).isEqualTo(bestFive);
        assertThat(value.description()).isEqualTo(description);
        assertThat(value.rank()).isEqualTo(HandEvaluator.evaluate(Card.parseAll(cards)));
        assertThat(value.rank()).isEqualTo(HandEvaluator.evaluate(Card.parseAll(bestFive)));
    }

    @Test
    void theBoardCanPlay() {
        List<Card> hole = Card.parseAll("2c3d");
        List<Card> board = Card.parseAll("AsKsQdJcTh");
        List<Card> seven = new java.util.ArrayList<>(hole);
        seven.addAll(board);
        HandValue value = HandValue.describe(seven);
        assertThat(value.description()).isEqualTo("Straight, Ace high");
        assertThat(value.bestFive()).containsExactlyElementsOf(board);
        assertThat(value.rank()).isEqualTo(HandEvaluator.evaluate(board));
    }

    @Test
    void theBoardsKickerPlaysWhenTheHandHasNoBetterOne() {
        // Quads on board: the ace in the hand plays; the ace on board would play equally, and goes first.
        HandValue withAce = HandValue.describe(Card.parseAll("AcKd" + "9c9d9h9sAh"));
        assertThat(withAce.description()).isEqualTo("Four of a Kind, Nines");
        assertThat(Card.format(withAce.bestFive())).isEqualTo("9c9d9h9sAc");
        HandValue boardPlays = HandValue.describe(Card.parseAll("3c2d" + "9c9d9h9sAh"));
        assertThat(Card.format(boardPlays.bestFive())).isEqualTo("9c9d9h9sAh");
        assertThat(boardPlays.compareTo(withAce)).isZero();
    }

    @Test
    void fiveAndSixCardHands() {
        assertThat(HandValue.describe(Card.parseAll("Ts9s8s7s6s")).description())
                .isEqualTo("Straight Flush, Ten high");
        assertThat(HandValue.describe(Card.parseAll("QcQdQh5s5c5d")).description())
                .isEqualTo("Full House, Queens full of Fives");
    }

    @Test
    void valuesCompareByRank() {
        HandValue pair = HandValue.describe(Card.parseAll("AhAc2d3s4c"));
        HandValue twoPair = HandValue.describe(Card.parseAll("2h2c3d3s4c"));
        assertThat(pair).isLessThan(twoPair);
        assertThat(twoPair.toString()).isEqualTo("Two Pair, Threes and Twos [3d3s2c2h4c]");
    }

    @Test
    void rejectsWrongCardCountsAndRepeatedCards() {
        assertThatThrownBy(() -> HandValue.describe(Card.parseAll("AhKhQhJh")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandValue.describe(Card.parseAll("AhKhQhJhTh9h8h7h")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandValue.describe(Card.parseAll("AhKhQhJhAh")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ah");
        assertThatThrownBy(() -> HandEvaluator.evaluate(new int[] {1, 2, 3, 4}, 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandValue(0, HandCategory.PAIR, Card.parseAll("7c5d4h3s2c")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoriesReadBackFromRanks() {
        assertThat(HandCategory.of(HandEvaluator.evaluate(Card.parseAll("7c5d4h3s2c"))))
                .isEqualTo(HandCategory.HIGH_CARD);
        assertThat(HandEvaluator.evaluate(Card.parseAll("7c5d4h3s2c"))).isZero(); // the worst hand
        assertThat(HandEvaluator.evaluate(Card.parseAll("AsKsQsJsTs")))
                .isEqualTo(HandCategory.STRAIGHT_FLUSH.ordinal() << HandEvaluator.CATEGORY_SHIFT | 9);
        assertThat(HandEvaluator.category(HandEvaluator.evaluate(Card.parseAll("2c2d2h2s3c"))))
                .isEqualTo(HandCategory.FOUR_OF_A_KIND);
        assertThat(HandCategory.TWO_PAIR.displayName()).isEqualTo("Two Pair");
        assertThat(HandCategory.THREE_OF_A_KIND.displayName()).isEqualTo("Three of a Kind");
        assertThatThrownBy(() -> HandCategory.of(9 << 12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HandCategory.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
