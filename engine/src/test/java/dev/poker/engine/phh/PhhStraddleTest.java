package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhReplayerTest.assertPassedWith;
import static dev.poker.engine.phh.PhhReplayerTest.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.phh.ReplayResult.Status;
import org.junit.jupiter.api.Test;

/** Hands with a straddle in {@code blinds_or_straddles} replay and verify. */
class PhhStraddleTest {

    @Test
    void anUnderTheGunStraddleActsLastBeforeTheFlop() {
        // p3 straddles 4; p4 acts first and calls 4, the blinds fold, p3 checks its option. p3's queens beat
        // p4's jacks: the pot 1 + 2 + 4 + 4 = 11; p3 100 - 4 + 11 = 107, p4 96, p1 99, p2 98.
        String hand = """
                variant = 'NT'
                antes = [0, 0, 0, 0]
                blinds_or_straddles = [1, 2, 4, 0]
                min_bet = 2
                starting_stacks = [100, 100, 100, 100]
                actions = ['d dh p1 AsAh', 'd dh p2 KsKh', 'd dh p3 QsQh', 'd dh p4 JsJh', 'p4 cc', 'p1 f', 'p2 f',
                           'p3 cc', 'd db 2c7d9h', 'p3 cc', 'p4 cc', 'd db Tc', 'p3 cc', 'p4 cc', 'd db 3s', 'p3 cc',
                           'p4 cc']
                finishing_stacks = [99, 98, 107, 96]
                """;
        assertPassedWith(replay(hand), "99", "98", "107", "96");
    }

    @Test
    void aButtonStraddleLetsTheSmallBlindActFirst() {
        // p4 (the button) straddles 4; p1 folds first, p2 folds, p3 raises to 6 (one big blind over the
        // straddle, the minimum), p4 folds. p3's uncalled 2 comes back; p3 wins 1 + 2 + 4 + 4 = 11:
        // 100 - 4 + 11 = 107; p1 99, p2 98, p4 96.
        String hand = """
                variant = 'NT'
                antes = [0, 0, 0, 0]
                blinds_or_straddles = [1, 2, 0, 4]
                min_bet = 2
                starting_stacks = [100, 100, 100, 100]
                actions = ['d dh p1 AsAh', 'd dh p2 KsKh', 'd dh p3 QsQh', 'd dh p4 JsJh', 'p1 f', 'p2 f', 'p3 cbr 6',
                           'p4 f']
                finishing_stacks = [99, 98, 107, 96]
                """;
        assertPassedWith(replay(hand), "99", "98", "107", "96");
    }

    @Test
    void twoStraddlesAreSkippedWithTheirReason() {
        ReplayResult r = replay("""
                variant = 'NT'
                antes = [0, 0, 0, 0]
                blinds_or_straddles = [1, 2, 4, 8]
                min_bet = 2
                starting_stacks = [100, 100, 100, 100]
                actions = []
                """);
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.skipReason()).isEqualTo(SkipReason.STRADDLE);
    }
}
