package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhParserTest.dec;
import static dev.poker.engine.phh.PhhReplayerTest.edit;
import static dev.poker.engine.phh.PhhReplayerTest.replay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.phh.ReplayResult.Status;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A check ({@code cc}) recorded after the hand's betting closed is a counted no-op, never a failure. */
class PhhNoOpCheckTest {

    /**
     * Heads-up, p1 the big blind (100 chips), p2 the button and small blind (200). p2 raises to 6, p1 moves
     * all-in for 100, p2 calls: the betting is closed, yet the record has p2 (the only player not all-in)
     * check on the flop. AA beats KK on 2c7d9h Tc 3s: p1 wins the pot of 100 + 100 = 200, p2 keeps
     * 200 - 100 = 100.
     */
    private static final String ALL_IN_THEN_CHECK = """
            variant = "NT"
            antes = [0, 0]
            blinds_or_straddles = [1, 2]
            min_bet = 2
            starting_stacks = [100, 200]
            actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 cbr 6", "p1 cbr 100", "p2 cc", "d db 2c7d9h", "p2 cc",
                       "d db Tc", "d db 3s"]
            finishing_stacks = [200, 100]
            """;

    /**
     * Three players: p1 small blind 1 (50 chips), p2 big blind 2 (200), p3 the button (30). p3 moves all-in
     * for 30, p1 folds, p2 calls; p2, the last player not all-in, is recorded checking on the flop, turn and
     * river. p3's AA beats p2's KK: p3 wins 30 + 30 + 1 = 61; p2 keeps 200 - 30 = 170; p1 keeps 50 - 1 = 49.
     */
    private static final String THREE_PLAYERS_ONE_ALL_IN = """
            variant = "NT"
            antes = [0, 0, 0]
            blinds_or_straddles = [1, 2, 0]
            min_bet = 2
            starting_stacks = [50, 200, 30]
            actions = ["d dh p1 7c2d", "d dh p2 KsKh", "d dh p3 AsAh", "p3 cbr 30", "p1 f", "p2 cc",
                       "d db 2c7d9h", "p2 cc", "d db Tc", "p2 cc", "d db 3s", "p2 cc"]
            finishing_stacks = [49, 170, 61]
            """;

    /**
     * Heads-up as above; p2 raises to 6, p1 calls, both check down. AA beats KK: p1 wins the pot of 12,
     * 100 - 6 + 12 = 106; p2 keeps 200 - 6 = 194. A final check by p1 after the river betting closed.
     */
    private static final String CHECK_AFTER_THE_RIVER = """
            variant = "NT"
            antes = [0, 0]
            blinds_or_straddles = [1, 2]
            min_bet = 2
            starting_stacks = [100, 200]
            actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 cbr 6", "p1 cc", "d db 2c7d9h", "p1 cc", "p2 cc",
                       "d db Tc", "p1 cc", "p2 cc", "d db 3s", "p1 cc", "p2 cc", "p1 cc"]
            finishing_stacks = [106, 194]
            """;

    private static void assertStacks(ReplayResult r, String... expected) {
        assertThat(r.stacks()).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(dec(expected));
    }

    @Test
    void aCheckAfterTheLastAllInIsANoOp() {
        ReplayResult r = replay(ALL_IN_THEN_CHECK);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertThat(r.reason()).isEqualTo("finishing stacks match");
        assertStacks(r, "200", "100");
        assertThat(r.noOpChecks()).containsExactly("action 7 'p2 cc'");
    }

    @Test
    void checksByTheLastPlayerNotAllInOnEveryLaterStreetAreNoOps() {
        ReplayResult r = replay(THREE_PLAYERS_ONE_ALL_IN);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "49", "170", "61");
        assertThat(r.noOpChecks()).containsExactly("action 8 'p2 cc'", "action 10 'p2 cc'", "action 12 'p2 cc'");
    }

    @Test
    void aCheckAfterTheRiverBettingClosedIsANoOp() {
        ReplayResult r = replay(CHECK_AFTER_THE_RIVER);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "106", "194");
        assertThat(r.noOpChecks()).containsExactly("action 14 'p1 cc'");
    }

    @Test
    void aHandWithoutTrailingChecksHasNoNoOps() {
        ReplayResult r = replay(edit(CHECK_AFTER_THE_RIVER, "\"p2 cc\", \"p1 cc\"]", "\"p2 cc\"]"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertThat(r.noOpChecks()).isEmpty();
    }

    @Test
    void aCheckOutOfTurnWhileTheBettingIsOpenStillFails() {
        ReplayResult r = replay(edit(CHECK_AFTER_THE_RIVER, "\"p2 cbr 6\", \"p1 cc\"", "\"p2 cbr 6\", \"p2 cc\""));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("action 4 'p2 cc': the engine expects p1 to act");
        assertThat(r.noOpChecks()).isEmpty();
    }

    @Test
    void aCheckByAPlayerWhoFoldedFails() {
        ReplayResult r = replay(edit(THREE_PLAYERS_ONE_ALL_IN, "\"p2 cc\"]", "\"p1 cc\"]"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("action 12 'p1 cc': the hand is already over in the engine");
    }
}
