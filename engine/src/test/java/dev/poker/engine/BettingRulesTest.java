package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.Act;
import dev.poker.engine.TableEvent.*;
import org.junit.jupiter.api.Test;

class BettingRulesTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);
    static final String BOARD = "2c7d9hJs3c";
    static final String[] SIX = {"AhAd", "KhKd", "QhQd", "JhJd", "ThTd", "8h8d"};

    /** Everybody limps and the big blind checks: the flop is dealt, seat 1 (small blind) acts first. */
    private static TableFixture limpedToFlop(long... stacks) {
        TableFixture f = TableFixture.seated(NL, stacks);
        f.deal(BOARD, SIX);
        f.act(3, CALL);
        f.act(4, CALL);
        f.act(5, CALL);
        f.act(0, CALL);
        f.act(1, CALL);
        f.act(2, CHECK);
        assertThat(f.state.street()).isEqualTo(Street.FLOP);
        assertThat(f.state.toAct()).isEqualTo(1);
        return f;
    }

    @Test
    void minimumBetIsTheBigBlindAndMinimumRaiseIsTheLastFullRaise() {
        TableFixture f = limpedToFlop(10_000, 10_000, 10_000, 10_000, 10_000, 10_000);
        LegalActions legal = TableEngine.legalActions(f.state);
        assertThat(legal.actions()).contains(CHECK, BET, FOLD, ALL_IN).doesNotContain(CALL, RAISE);
        assertThat(legal.minTo()).isEqualTo(100);
        f.rejected(new Act(1, 1, BET, 99), RejectCode.BELOW_MIN_BET);
        f.act(1, BET, 500);
        assertThat(TableEngine.legalActions(f.state).minTo()).isEqualTo(1000);
        f.rejected(new Act(2, 1, RAISE, 999), RejectCode.BELOW_MIN_RAISE);
        f.act(2, RAISE, 1000);
        assertThat(TableEngine.legalActions(f.state).minTo()).isEqualTo(1500);
        f.act(3, RAISE, 2500);
        assertThat(TableEngine.legalActions(f.state).minTo()).as("last raise was 1500").isEqualTo(4000);
    }

    @Test
    void wsopRule96ShortAllInsThatAddUpToAFullRaiseReopenTheBetting() {
        // seat 3 has 1300 behind after limping, seat 4 has 1700
        TableFixture f = limpedToFlop(10_000, 10_000, 10_000, 1_400, 1_800, 10_000);
        f.act(1, BET, 500);
        f.act(2, RAISE, 1000);
        f.act(3, ALL_IN);
        assertThat(f.state.currentBet()).isEqualTo(1300);
        f.act(4, ALL_IN);
        assertThat(f.state.currentBet()).isEqualTo(1700);
        LegalActions legal = TableEngine.legalActions(f.state);
        assertThat(legal.seat()).isEqualTo(5);
        assertThat(legal.minTo()).as("500 bet, raise to 1000, all-ins to 1300 and 1700: min re-raise to 2200")
                .isEqualTo(2200);
        f.rejected(new Act(5, 1, RAISE, 2199), RejectCode.BELOW_MIN_RAISE);
        f.act(5, CALL);
        f.act(0, FOLD);
        LegalActions forOpener = TableEngine.legalActions(f.state);
        assertThat(forOpener.seat()).isEqualTo(1);
        assertThat(forOpener.actions()).as("1000 -> 1700 is a full raise: the bettor may re-raise").contains(RAISE);
        assertThat(forOpener.minTo()).isEqualTo(2200);
    }

    @Test
    void aShortAllInDoesNotReopenTheBettingForPlayersWhoAlreadyActed() {
        TableFixture f = limpedToFlop(10_000, 10_000, 10_000, 1_400, 10_000, 10_000);
        f.act(1, BET, 500);
        f.act(2, RAISE, 1000);
        f.act(3, ALL_IN); // 1300: a raise of 300, less than the 500 needed
        f.act(4, FOLD);
        f.act(5, FOLD);
        f.act(0, FOLD);
        LegalActions forOpener = TableEngine.legalActions(f.state);
        assertThat(forOpener.seat()).isEqualTo(1);
        assertThat(forOpener.actions()).as("seat 1 faces the full raise to 1000").contains(RAISE);
        f.act(1, CALL);
        LegalActions forRaiser = TableEngine.legalActions(f.state);
        assertThat(forRaiser.seat()).isEqualTo(2);
        assertThat(forRaiser.actions()).as("seat 2's raise was only topped by a short all-in")
                .containsExactlyInAnyOrder(FOLD, CALL, ALL_IN);
        f.rejected(new Act(2, 1, RAISE, 5000), RejectCode.RAISE_NOT_ALLOWED);
        f.act(2, ALL_IN);
        assertThat(f.events(ActionTaken.class).get(f.events(ActionTaken.class).size() - 1).action())
                .as("all-in when raising is closed is a call").isEqualTo(CALL);
        assertThat(f.state.street()).isEqualTo(Street.TURN);
    }

    @Test
    void aShortAllInBetLetsPlayersWhoCheckedRaise() {
        TableFixture f = limpedToFlop(10_000, 150, 10_000, 10_000, 10_000, 10_000);
        f.act(1, ALL_IN); // bets 50, less than the big blind
        assertThat(f.state.currentBet()).isEqualTo(50);
        LegalActions legal = TableEngine.legalActions(f.state);
        assertThat(legal.actions()).contains(RAISE);
        assertThat(legal.minTo()).as("a raise is at least a big blind more").isEqualTo(150);
    }

    @Test
    void headsUpTheButtonPostsTheSmallBlindActsFirstBeforeTheFlopAndLastAfter() {
        TableFixture f = TableFixture.seated(TableConfig.cash(2, 50, 100), 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        HandStarted started = f.events(HandStarted.class).get(0);
        assertThat(started.button()).isZero();
        assertThat(started.smallBlindSeat()).isZero();
        assertThat(started.bigBlindSeat()).isEqualTo(1);
        assertThat(f.state.toAct()).isZero();
        f.act(0, CALL);
        f.act(1, CHECK);
        assertThat(f.state.toAct()).as("after the flop the big blind acts first").isEqualTo(1);
        f.act(1, CHECK);
        f.act(0, CHECK);
        assertThat(f.state.street()).isEqualTo(Street.TURN);
    }

    @Test
    void theButtonMovesEveryHand() {
        TableFixture f = TableFixture.seated(NL.withClock(1000, 0, 0), 10_000, 10_000, 10_000);
        for (int hand = 0; hand < 4; hand++) {
            f.deal(BOARD, "AhAd", "KhKd", "QhQd");
            assertThat(f.state.button()).isEqualTo(hand % 3);
            assertThat(f.state.smallBlindSeat()).isEqualTo((hand + 1) % 3);
            assertThat(f.state.bigBlindSeat()).isEqualTo((hand + 2) % 3);
            f.act(f.state.toAct(), FOLD);
            f.act(f.state.toAct(), FOLD);
            assertThat(f.state.handRunning()).isFalse();
        }
    }

    @Test
    void anUncalledBetGoesBackToItsOwner() {
        TableFixture f = TableFixture.seated(TableConfig.cash(2, 50, 100), 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        f.act(0, RAISE, 300);
        f.act(1, FOLD);
        assertThat(f.events(UncalledBetReturned.class)).containsExactly(new UncalledBetReturned(0, 200));
        assertThat(f.stacks()).containsExactly(10_100, 9_900);
    }

    @Test
    void amountsAreToAmountsAndAllInIsCappedByTheStack() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000, 5_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd");
        f.rejected(new Act(3, 1, RAISE, 5_001), RejectCode.INSUFFICIENT_CHIPS);
        f.act(3, RAISE, 5_000);
        assertThat(f.state.seat(3).allIn()).isTrue();
        assertThat(f.state.seat(3).stack()).isZero();
    }
}
