package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhParserTest.dec;
import static dev.poker.engine.phh.PhhParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.phh.ReplayResult.Status;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhhReplayerTest {

    static ReplayResult replay(String text) {
        try {
            return PhhReplayer.replay(PhhParser.parse(text));
        } catch (PhhFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code text} with {@code from} replaced by {@code to}; {@code from} must occur. */
    static String edit(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    /** The hand passed with these final stacks. */
    static void assertPassedWith(ReplayResult r, String... stacks) {
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, stacks);
    }

    private static void assertStacks(ReplayResult r, String... expected) {
        assertThat(r.stacks()).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(dec(expected));
    }

    // ---- real hands -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void pluribusHandsPassWithTheRecordedFinishingStacks(int hand) throws Exception {
        PhhHand h = PhhParser.parse(resource("pluribus/100/" + hand + ".phh"));
        ReplayResult r = PhhReplayer.replay(h);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertThat(r.reason()).isEqualTo("finishing stacks match");
        assertThat(r.stacks()).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(h.finishingStacks());
    }

    @Test
    void theDwanIveyHandPlaysOutWithDwanWinningTheMillionDollarPot() {
        ReplayResult r = replay(resource("dwan-ivey-2009.phh"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertThat(r.reason()).contains("no finishing_stacks");
        // Dwan's 7-high straight beats Ivey's wheel: he doubles up plus Antonius's ante and big blind
        assertStacks(r, "572100", "1997500", "1109500");
    }

    @Test
    void aWsopFinalTableHandWithABigBlindAnteAndCardsDealtOneAtATimePasses() {
        ReplayResult r = replay(resource("wsop/2023/43/5/1.phh"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "7340000", "3775000", "5110000", "8935000", "4545000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phua-xuan-2019.phh", "wsop/2023/43/5/10.phh"})
    void otherVariantsAreSkipped(String name) {
        ReplayResult r = replay(resource(name));
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.category()).isEqualTo("variant");
        assertThat(r.stacks()).isNull();
    }

    /**
     * The largest online pot of 2009, pot-limit Omaha: every raise before the flop is the pot (3,000; 9,000;
     * 27,000; 81,000), and Blom's flop raise to 435,000 is exactly the pot limit (pot 162,000 + 91,000 = 253,000,
     * call 91,000 makes 344,000: to 91,000 + 344,000). Blom is all-in for 678,473.5. Board 4s 5c 2h 5h 9c:
     * Antonius's Ah 3s + 2h 4s 5c is a five-high straight; Blom's 6d 9s 7d 8h makes at most two pair (9s 8h +
     * 9c 5c 5h). Antonius wins 2 x 678,473.5: 1,259,450.25 + 678,473.5 = 1,937,923.75.
     */
    @Test
    void antoniusBlomPotLimitOmahaPasses() {
        ReplayResult r = replay(resource("antonius-blom-2009.phh"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "1937923.75", "0");
    }

    /**
     * A WSOP pot-limit Omaha hand with a big-blind ante: p1 posts 50,000, p2 100,000 and an ante of 100,000. p5
     * raises to 300,000 (the limit is 100,000 + 250,000 + 100,000 = 450,000), p2 calls; pot 750,000. On the
     * river p2 bets 250,000 and p5 calls: pot 1,250,000. Board 6c Jc 4h 9s 7c: p5's 9h 7d + 9s 7c Jc is two
     * pair, p2's 4d + 4h is a pair of fours. Stacks: p1 10,175,000 - 50,000; p2 8,350,000 - 650,000; p3, p4
     * unchanged; p5 2,825,000 - 550,000 + 1,250,000.
     */
    @Test
    void aWsopPotLimitOmahaHandWithABigBlindAntePasses() {
        ReplayResult r = replay(resource("wsop/2023/43/5/30.phh"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "10125000", "7700000", "4050000", "4300000", "3525000");
    }

    @Test
    void onlineHandsInDollarsAndCents() throws Exception {
        List<PhhHand> hands = PhhParser.parseAll(resource("handhq/abs-100NLH-handhq_1-first21.phhs"));
        String expected = "P U R U P P P P R R U R R R U R P R P R P";
        StringBuilder actual = new StringBuilder();
        for (PhhHand h : hands) {
            ReplayResult r = PhhReplayer.replay(h);
            actual.append(actual.length() == 0 ? "" : " ").append(switch (r.status()) {
                case PASSED -> "P";
                case SKIPPED -> r.category().equals("rake") ? "R" : r.category().equals("unknown cards") ? "U" : "?";
                default -> r.status() + "(" + h.label() + ": " + r.reason() + ")";
            });
        }
        assertThat(actual.toString()).isEqualTo(expected);

        ReplayResult first = PhhReplayer.replay(hands.get(0));
        assertStacks(first, "201.30", "80.60", "197");
        ReplayResult raked = PhhReplayer.replay(hands.get(2));
        assertThat(raked.reason()).isEqualTo(
                "rake: the recorded winnings are 1.35 below the pots won (p5 engine 17.00 recorded 15.65)");
        // a walk: the site counts the big blind's own unmatched blind as won, the engine returns it
        assertThat(PhhReplayer.replay(hands.get(6)).reason()).isEqualTo("winnings match");
    }

    // ---- heads-up: p1 is the big blind, p2 the button and small blind --------------------------------

    private static final String HEADS_UP = """
            variant = "NT"
            antes = [0, 0]
            blinds_or_straddles = [1, 2]
            min_bet = 2
            starting_stacks = [100, 200]
            actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 cbr 6", "p1 cc", "d db 2c7d9h", "p1 cc", "p2 cc",
                       "d db Tc", "p1 cc", "p2 cc", "d db 3s", "p1 cc", "p2 cc"]
            finishing_stacks = [106, 194]
            """;

    @Test
    void headsUpTheButtonIsP2AndActsFirstBeforeTheFlopAndLastAfter() {
        ReplayResult r = replay(HEADS_UP);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertStacks(r, "106", "194");

        ReplayResult wrong = replay(edit(HEADS_UP, "\"p2 cbr 6\", \"p1 cc\"", "\"p1 cbr 6\", \"p2 cc\""));
        assertThat(wrong.status()).isEqualTo(Status.FAILED);
        assertThat(wrong.reason()).isEqualTo("action 3 'p1 cbr 6': the engine expects p2 to act");
    }

    @Test
    void headsUpABigBlindAnteIsPaidByP1() {
        // antes are applied reversed heads-up too: antes[1] is p1's, the big blind's
        ReplayResult r = replay("""
                variant = "NT"
                antes = [0, 1]
                blinds_or_straddles = [1, 2]
                min_bet = 2
                starting_stacks = [100, 200]
                actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 f"]
                finishing_stacks = [101, 199]
                """);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
    }

    // ---- odd chips ----------------------------------------------------------------------------------

    static final String SPLIT_POT = """
            variant = "NT"
            antes = [1, 1, 1]
            blinds_or_straddles = [1, 2, 0]
            min_bet = 2
            starting_stacks = [100, 100, 100]
            actions = ["d dh p1 AhKd", "d dh p2 QhJd", "d dh p3 7c7d", "p3 f", "p1 cc", "p2 cc",
                       "d db 2c3d4h", "p1 cc", "p2 cc", "d db 5s", "p1 cc", "p2 cc", "d db 6c", "p1 cc", "p2 cc",
                       "p1 sm AhKd", "p2 sm QhJd"]
            finishing_stacks = [100.5, 100.5, 99]
            """;

    @Test
    void aPotOfSevenSplitIntoHalvesPassesOnlyByASplitOddChip() {
        // both play the 2-6 straight on the board; the engine gives the odd chip to p1, first after the button
        ReplayResult r = replay(SPLIT_POT);
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED_ODD_CHIP);
        assertThat(r.reason()).isEqualTo("finishing stacks match except for a split odd chip: "
                + "p1 engine 101 recorded 100.5; p2 engine 100 recorded 100.5");
        assertThat(r.passed()).isTrue();
        assertStacks(r, "101", "100", "99");

        assertThat(replay(edit(SPLIT_POT, "[100.5, 100.5, 99]", "[101, 100, 99]")).status()).isEqualTo(Status.PASSED);
        ReplayResult whole = replay(edit(SPLIT_POT, "[100.5, 100.5, 99]", "[100, 101, 99]"));
        assertThat(whole.status()).isEqualTo(Status.FAILED);
        assertThat(whole.reason()).isEqualTo("finishing stacks differ: p1 engine 101 recorded 100; p2 engine 100 recorded 101");
    }

    @Test
    void halfAChipOfACentIsAnOddChipToo() {
        String cents = edit(edit(edit(edit(SPLIT_POT, "antes = [1, 1, 1]", "antes = [0.01, 0.01, 0.01]"),
                "[1, 2, 0]", "[0.01, 0.02, 0]"), "min_bet = 2", "min_bet = 0.02"),
                "starting_stacks = [100, 100, 100]", "starting_stacks = [1.00, 1.00, 1.00]");
        ReplayResult r = replay(edit(cents, "[100.5, 100.5, 99]", "[1.005, 1.005, 0.99]"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED_ODD_CHIP);
        assertStacks(r, "1.01", "1.00", "0.99");
        assertThat(replay(edit(cents, "[100.5, 100.5, 99]", "[1.01, 1.00, 0.99]")).status()).isEqualTo(Status.PASSED);
    }

    // ---- failures -----------------------------------------------------------------------------------

    @Test
    void aWrongFinishingStackFails() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "finishing_stacks = [10310, 9900, 10000, 9790,",
                "finishing_stacks = [10300, 9900, 10000, 9800,"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo(
                "finishing stacks differ: p1 engine 10310 recorded 10300; p4 engine 9790 recorded 9800");
        assertStacks(r, "10310", "9900", "10000", "9790", "10000", "10000");
    }

    @Test
    void anActionOutOfTurnFails() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "'p3 f', 'p4 cbr 210'", "'p4 cbr 210', 'p3 f'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("action 7 'p4 cbr 210': the engine expects p3 to act");
    }

    @Test
    void aRaiseBelowTheMinimumIsRejected() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "'p4 cbr 210'", "'p4 cbr 150'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).startsWith("action 8 'p4 cbr 150' rejected: BELOW_MIN_RAISE The minimum raise is to 200");
    }

    @Test
    void boardCardsDealtBeforeTheRoundIsOverFail() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "'p1 cc', 'p2 f', 'd db 7d5h9d'",
                "'p1 cc', 'd db 7d5h9d', 'p2 f'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo(
                "action 12 'd db 7d5h9d': the engine has not dealt these board cards; it waits for p2 to act");
    }

    @Test
    void aShowdownTheEngineDoesNotReachFails() {
        ReplayResult r = replay(edit(resource("pluribus/100/9.phh"), "'p1 cbr 100', 'p2 cc', 'p1 sm",
                "'p1 cbr 100', 'p1 sm"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("the actions go to showdown but the engine's hand is not over (p2 to act)");
    }

    @Test
    void cardsDealtTwiceFail() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "'d dh p2 8s4c'", "'d dh p2 8sTc'"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.reason()).isEqualTo("cards: card Tc is dealt twice");
    }

    @Test
    void malformedActionsAndMissingFieldsFail() {
        String hand = resource("pluribus/100/0.phh");
        assertThat(replay(edit(hand, "'p3 f'", "'p3 fold'")).reason()).isEqualTo("action 7 'p3 fold': unknown action 'fold'");
        assertThat(replay(edit(hand, "'p3 f'", "'p9 f'")).reason())
                .isEqualTo("action 7 'p9 f': no player 'p9' (players are p1..p6)");
        assertThat(replay(edit(hand, "'d dh p1 TcQc'", "'d dh p1 TcQx'")).reason())
                .isEqualTo("action 1 'd dh p1 TcQx': 'Qx' is not a card");
        assertThat(replay(edit(hand, "'p4 cbr 210'", "'p4 cbr'")).reason()).isEqualTo("action 8 'p4 cbr': 'cbr' needs an amount");
        assertThat(replay(edit(hand, "min_bet = 100\n", "")).reason()).isEqualTo("missing field 'min_bet'");
        assertThat(replay(edit(hand, "antes = [0, 0, 0, 0, 0, 0]", "antes = [0, 0]")).reason())
                .isEqualTo("'antes' has 2 entries for 6 players");
        ReplayResult stud = replay(edit(hand, "'p3 f'", "'p3 pb'"));
        assertThat(stud.status()).isEqualTo(Status.FAILED);
        assertThat(stud.reason()).isEqualTo("action 7 'p3 pb': not an action of no-limit hold'em");
    }

    @Test
    void commentariesAndNoOpsInActionsAreIgnored() {
        ReplayResult r = replay(edit(resource("pluribus/100/0.phh"), "'p3 f', 'p4 cbr 210'",
                "'p3 f # folds', '', '  # a standalone commentary', 'p4   cbr 210#raise'"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
    }

    // ---- skips --------------------------------------------------------------------------------------

    @Test
    void aShowdownWithUnknownHoleCardsIsSkippedNeverPassed() {
        // the finishing stacks would still match: the engine must not claim a pass it cannot know
        ReplayResult r = replay(edit(resource("pluribus/100/9.phh"), "'d dh p2 3s8s'", "'d dh p2 ????'"));
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.reason()).isEqualTo("unknown cards: the showdown involves unknown hole cards of p2");
        assertThat(r.category()).isEqualTo("unknown cards");

        ReplayResult board = replay(edit(resource("pluribus/100/9.phh"), "'d db Jh'", "'d db ??'"));
        assertThat(board.status()).isEqualTo(Status.SKIPPED);
        assertThat(board.reason()).isEqualTo("unknown cards: the showdown involves 1 unknown board card");
    }

    @Test
    void unknownCardsWithoutAShowdownStillPass() {
        ReplayResult r = replay(edit(edit(resource("pluribus/100/0.phh"), "'d dh p2 8s4c'", "'d dh p2 ????'"),
                "'d dh p3 9c3d'", "'d dh p3 9c??'"));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
    }

    @Test
    void whatTheEngineDoesNotModelIsSkipped() {
        String hand = resource("pluribus/100/0.phh");
        assertThat(replay(edit(hand, "[50, 100, 0, 0, 0, 0]", "[50, 100, 200, 400, 0, 0]")).reason())
                .isEqualTo("straddles: blinds_or_straddles [50, 100, 200, 400, 0, 0] has a straddle the engine does "
                        + "not offer (one, under the gun or on the button, of at least the big blind)");
        assertThat(replay(edit(hand, "antes = [0, 0, 0, 0, 0, 0]", "antes = [1, 2, 1, 1, 1, 1]")).category())
                .isEqualTo("antes");
        assertThat(replay(edit(hand, "antes = [0, 0, 0, 0, 0, 0]", "antes = [0, 0, 0, 0, 0, 10]")).category())
                .isEqualTo("antes");
        assertThat(replay(edit(hand, "min_bet = 100", "min_bet = 200")).reason())
                .isEqualTo("min bet: min_bet 200 differs from the big blind 100");
        assertThat(replay(edit(hand, "starting_stacks = [10000, 10000,", "starting_stacks = [inf, 10000,")).reason())
                .isEqualTo("unknown stacks: the starting stack of p1 is unknown");
        assertThat(replay(edit(hand, ", 'p4 f']", "]")).reason())
                .isEqualTo("incomplete: the actions end before the hand is over (p4 to act)");
        assertThat(replay(hand + "\nrake = 5\n").category()).isEqualTo("rake");
        assertThat(replay(hand + "\nrake = 0\n").status()).isEqualTo(Status.PASSED);
        assertThat(replay(edit(hand, "variant = 'NT'", "variant = 'FT'")).category()).isEqualTo("variant");

        StringBuilder eleven = new StringBuilder("variant = 'NT'\nantes = [0,0,0,0,0,0,0,0,0,0,0]\n")
                .append("blinds_or_straddles = [1,2,0,0,0,0,0,0,0,0,0]\nmin_bet = 2\n")
                .append("starting_stacks = [9,9,9,9,9,9,9,9,9,9,9]\nactions = []\n");
        ReplayResult r = replay(eleven.toString());
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.reason()).isEqualTo("players: 11 players; the engine seats at most 10");
    }
}
