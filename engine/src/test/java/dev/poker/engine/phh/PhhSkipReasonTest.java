package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhParserTest.resource;
import static dev.poker.engine.phh.PhhReplayerTest.edit;
import static dev.poker.engine.phh.PhhReplayerTest.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.phh.ReplayResult.Status;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every place the replayer skips a hand gives a {@link SkipReason}; one hand per reason. */
class PhhSkipReasonTest {

    private static final String PLURIBUS = resource("pluribus/100/0.phh");

    /** Heads-up: p2 raises to 6, p1 calls, both check down; AA wins the pot of 12, recorded as 11 won. */
    private static final String RAKED_WINNINGS = """
            variant = "NT"
            antes = [0, 0]
            blinds_or_straddles = [1, 2]
            min_bet = 2
            starting_stacks = [100, 200]
            actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 cbr 6", "p1 cc", "d db 2c7d9h", "p1 cc", "p2 cc",
                       "d db Tc", "p1 cc", "p2 cc", "d db 3s", "p1 cc", "p2 cc"]
            winnings = [11, 0]
            """;

    private static String eleven() {
        return "variant = 'NT'\nantes = [0,0,0,0,0,0,0,0,0,0,0]\nblinds_or_straddles = [1,2,0,0,0,0,0,0,0,0,0]\n"
                + "min_bet = 2\nstarting_stacks = [9,9,9,9,9,9,9,9,9,9,9]\nactions = []\n";
    }

    private static Map<SkipReason, String> oneHandPerReason() {
        Map<SkipReason, String> hands = new EnumMap<>(SkipReason.class);
        hands.put(SkipReason.VARIANT, edit(PLURIBUS, "variant = 'NT'", "variant = 'FT'"));
        hands.put(SkipReason.TOO_MANY_PLAYERS, eleven());
        hands.put(SkipReason.UNKNOWN_STACKS,
                edit(PLURIBUS, "starting_stacks = [10000, 10000,", "starting_stacks = [inf, 10000,"));
        hands.put(SkipReason.STRADDLE, edit(PLURIBUS, "[50, 100, 0, 0, 0, 0]", "[50, 100, 200, 400, 0, 0]"));
        hands.put(SkipReason.NO_BIG_BLIND, edit(PLURIBUS, "[50, 100, 0, 0, 0, 0]", "[50, 0, 0, 0, 0, 0]"));
        hands.put(SkipReason.SMALL_BLIND_ABOVE_BIG_BLIND,
                edit(PLURIBUS, "[50, 100, 0, 0, 0, 0]", "[150, 100, 0, 0, 0, 0]"));
        hands.put(SkipReason.MIN_BET_NOT_BIG_BLIND, edit(PLURIBUS, "min_bet = 100", "min_bet = 200"));
        hands.put(SkipReason.UNEVEN_ANTES, edit(PLURIBUS, "antes = [0, 0, 0, 0, 0, 0]", "antes = [1, 2, 1, 1, 1, 1]"));
        hands.put(SkipReason.RAKE, PLURIBUS + "\nrake = 5\n");
        hands.put(SkipReason.RAKE_IN_WINNINGS, RAKED_WINNINGS);
        hands.put(SkipReason.AMOUNT_TOO_PRECISE,
                edit(PLURIBUS, "starting_stacks = [10000, 10000,", "starting_stacks = [10000.000000001, 10000,"));
        hands.put(SkipReason.AMOUNT_TOO_LARGE, edit(PLURIBUS, "starting_stacks = [10000, 10000,",
                "starting_stacks = [1000000000000000000000000, 10000,"));
        hands.put(SkipReason.INCOMPLETE, edit(PLURIBUS, ", 'p4 f']", "]"));
        hands.put(SkipReason.UNKNOWN_CARDS,
                edit(resource("pluribus/100/9.phh"), "'d dh p2 3s8s'", "'d dh p2 ????'"));
        return hands;
    }

    @Test
    void everyReasonHasAHandThatIsSkippedForItAndTheReasonStartsWithItsLabel() {
        Map<SkipReason, String> hands = oneHandPerReason();
        assertThat(hands.keySet()).containsExactly(SkipReason.values());
        hands.forEach((reason, text) -> {
            ReplayResult r = replay(text);
            assertThat(r.status()).as(reason + ": " + r.reason()).isEqualTo(Status.SKIPPED);
            assertThat(r.skipReason()).as(r.reason()).isEqualTo(reason);
            assertThat(r.reason()).startsWith(reason.label() + ": ");
            assertThat(r.category()).isEqualTo(reason.label());
            assertThat(r.noOpChecks()).isEmpty();
        });
    }

    @Test
    void anUnknownVariantIsSkippedWithItsName() {
        ReplayResult r = replay(edit(PLURIBUS, "variant = 'NT'", "variant = 'FO/2'"));
        assertThat(r.skipReason()).isEqualTo(SkipReason.VARIANT);
        assertThat(r.reason())
                .isEqualTo("variant: 'FO/2' is neither no-limit Texas hold'em (NT) nor pot-limit Omaha (PO)");
    }

    @Test
    void theDetailsSayWhatIsMissing() {
        Map<SkipReason, String> hands = oneHandPerReason();
        assertThat(replay(hands.get(SkipReason.NO_BIG_BLIND)).reason())
                .isEqualTo("blinds: no big blind in blinds_or_straddles [50, 0, 0, 0, 0, 0]");
        assertThat(replay(hands.get(SkipReason.RAKE_IN_WINNINGS)).reason())
                .isEqualTo("rake: the recorded winnings are 1 below the pots won (p1 engine 12 recorded 11)");
        assertThat(replay(hands.get(SkipReason.AMOUNT_TOO_PRECISE)).reason())
                .isEqualTo("amounts: more than 8 decimal places");
    }

    @Test
    void everyReasonHasALabelAndASentence() {
        for (SkipReason reason : SkipReason.values()) {
            assertThat(reason.label()).isNotBlank().doesNotContain(":");
            assertThat(reason.sentence()).isNotBlank();
        }
    }

    @Test
    void aSkipReasonGoesOnlyWithASkippedResult() {
        assertThatThrownBy(() -> new ReplayResult(Status.PASSED, "ok", null,
                SkipReason.RAKE, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayResult(Status.SKIPPED, "rake: x", null,
                null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
