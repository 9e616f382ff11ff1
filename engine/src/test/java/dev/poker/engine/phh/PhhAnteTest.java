package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhReplayerTest.SPLIT_POT;
import static dev.poker.engine.phh.PhhReplayerTest.edit;
import static dev.poker.engine.phh.PhhReplayerTest.assertPassedWith;
import static dev.poker.engine.phh.PhhReplayerTest.replay;

import org.junit.jupiter.api.Test;

/** Antes are dead money in the main pot; players short of the ante, or of the ante and the blind, replay. */
class PhhAnteTest {

    @Test
    void theBigBlindAnteIsDeadMoneyThatAShortSmallBlindCanWinWhole() {
        // the smallest failing hand of the differential run. Heads-up the antes and blinds apply reversed:
        // p1 posts the ante 3 and the big blind 5, p2 is all-in with the small blind 2. p1's uncalled 3 comes
        // back; the main pot is the dead ante 3 plus 2 + 2 live = 7, and p2's pair of fours with a queen wins
        // it: p1 148 - 3 - 2 = 143, p2 7. (Treating the ante as a bet gave 146 and 4.)
        String hand = """
                variant = 'NT'
                ante_trimming_status = false
                antes = [0, 3]
                blinds_or_straddles = [2, 5]
                min_bet = 5
                starting_stacks = [148, 2]
                actions = ['d dh p1 8d7s', 'd dh p2 3dQs', 'p2 sm 3dQs', 'p1 sm 8d7s', 'd db 4h5hJs', 'd db 4d', \
                'd db 2c']
                finishing_stacks = [143, 7]
                """;
        assertPassedWith(replay(hand), "143", "7");
    }

    @Test
    void aBigBlindShortOfTheAnteAndTheBlindPostsTheAnteFirst() {
        // p2 has 4: the big-blind ante 3 first, then 1 of the big blind 2, all-in. The bet to call is what is
        // in front (1, as in the PHH reference implementation): p3 calls 1, p1's small blind 1 checks.
        // One pot: the ante 3 + 1 live from each of the three = 6, which p1's aces win: 100 - 1 + 6 = 105;
        // p2 0; p3 100 - 1 = 99.
        String hand = """
                variant = "NT"
                antes = [0, 3, 0]
                blinds_or_straddles = [1, 2, 0]
                min_bet = 2
                starting_stacks = [100, 4, 100]
                actions = ["d dh p1 AsAh", "d dh p2 KsKh", "d dh p3 QsQh", "p3 cc", "p1 cc",
                           "d db 2c7d9h", "p1 cc", "p3 cc", "d db Tc", "p1 cc", "p3 cc", "d db 3s", "p1 cc", "p3 cc"]
                finishing_stacks = [105, 0, 99]
                """;
        assertPassedWith(replay(hand), "105", "0", "99");
    }

    @Test
    void aPlayerAllInForExactlyTheAnteWinsEveryAnte() {
        // p3 has 1 chip, all-in for the ante; p1 and p2 limp and check down. The board 2-6 is a straight for
        // everyone, p3's 7-7 makes it 3-7: p3 wins the main pot, all three antes (3). p1 and p2 split the
        // side pot 2 + 2: p1 100 - 1 - 2 + 2 = 99, p2 99, p3 3.
        String hand = edit(edit(edit(SPLIT_POT, "starting_stacks = [100, 100, 100]", "starting_stacks = [100, 100, 1]"),
                "\"p3 f\", ", ""), "finishing_stacks = [100.5, 100.5, 99]", "finishing_stacks = [99, 99, 3]");
        assertPassedWith(replay(hand), "99", "99", "3");
    }

    @Test
    void aPlayerShortOfTheAnteStillWinsEveryAnte() {
        // antes of 2 each; p3 posts 1, all-in. Antes in the middle: 2 + 2 + 1 = 5, all in the main pot p3 wins;
        // p1 and p2 split their live 2 + 2: p1 100 - 2 - 2 + 2 = 98, p2 98, p3 5.
        String hand = edit(edit(edit(edit(SPLIT_POT, "starting_stacks = [100, 100, 100]",
                "starting_stacks = [100, 100, 1]"), "\"p3 f\", ", ""), "antes = [1, 1, 1]", "antes = [2, 2, 2]"),
                "finishing_stacks = [100.5, 100.5, 99]", "finishing_stacks = [98, 98, 5]");
        assertPassedWith(replay(hand), "98", "98", "5");
    }
}
