package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhParserTest.resource;
import static dev.poker.engine.phh.PhhReplayerTest.edit;
import static dev.poker.engine.phh.PhhReplayerTest.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.phh.ReplayResult.Status;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pot-Limit Omaha ({@code variant = "PO"}) hands replay through the engine and end with the recorded stacks.
 * The hands, with their expected results worked out by hand, are in {@code phh/omaha/pot-limit-omaha.phhs}:
 * pot-limit raise sizes, an all-in for less than the pot with a side pot, and a split pot with an odd chip.
 */
class PhhOmahaTest {
    private static final String HANDS = resource("omaha/pot-limit-omaha.phhs");

    private static List<PhhHand> hands() throws PhhFormatException {
        return PhhParser.parseAll(HANDS);
    }

    @Test
    void everyHandPassesWithTheStacksWorkedOutByHand() throws PhhFormatException {
        List<PhhHand> hands = hands();
        assertThat(hands).hasSize(3);
        long[][] expected = {{202, 98, 0}, {83, 107, 15}, {99, 101, 100}};
        for (int i = 0; i < hands.size(); i++) {
            ReplayResult r = PhhReplayer.replay(hands.get(i));
            assertThat(r.status()).as("hand %d: %s", i + 1, r.reason()).isEqualTo(Status.PASSED);
            assertThat(r.stacks()).extracting(BigDecimal::longValueExact).as("hand %d", i + 1)
                    .containsExactly(expected[i][0], expected[i][1], expected[i][2]);
        }
    }

    @Test
    void aRaiseAboveThePotFails() throws PhhFormatException {
        // Hand 1 with p3 opening to 8: the pot limit is 7 (call 2 -> pot 5, raise 5).
        String hand = one(1);
        ReplayResult r = replay(edit(hand, "\"p3 cbr 7\"", "\"p3 cbr 8\""));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("action 4 'p3 cbr 8' rejected: ABOVE_POT_LIMIT The pot limit allows a raise"
                + " to at most 7.");
    }

    @Test
    void theOmahaHandRuleDecidesTheShowdown() throws PhhFormatException {
        // Hand 1 replayed as hold'em (two hole cards each): p3's Th makes a heart flush and wins 202.
        String holdem = one(1).replace("variant = \"PO\"", "variant = \"NT\"")
                .replace("AcKc6d6s", "AcKc").replace("3c4d8c8d", "3c4d").replace("Th5c5d8s", "Th5c")
                .replace("finishing_stacks = [202, 98, 0]", "finishing_stacks = [0, 98, 202]");
        ReplayResult r = replay(holdem);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
    }

    @Test
    void aWrongFinishingStackFails() throws PhhFormatException {
        ReplayResult r = replay(edit(one(2), "finishing_stacks = [83, 107, 15]", "finishing_stacks = [83, 122, 0]"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).startsWith("finishing stacks differ:");
    }

    @Test
    void moreThanFourHoleCardsFail() throws PhhFormatException {
        ReplayResult r = replay(edit(one(1), "d dh p1 AcKc6d6s", "d dh p1 AcKc6d6s2s"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("action 1 'd dh p1 AcKc6d6s2s': p1 is dealt more than 4 hole cards");
    }

    /** The text of hand {@code index} (1-based) of the file, without its table header. */
    private static String one(int index) {
        int from = HANDS.indexOf("[" + index + "]");
        int to = HANDS.indexOf("\n[" + (index + 1) + "]");
        return HANDS.substring(from + 3, to < 0 ? HANDS.length() : to);
    }
}
