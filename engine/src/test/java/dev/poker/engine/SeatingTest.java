package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;
import org.junit.jupiter.api.Test;

class SeatingTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);
    static final String BOARD = "2c7d9hJs3c";
    /** The simplified moving button: the positions these tests assert follow it (the default is the dead button). */
    static final TableConfig MOVING = NL.withButtonRule(ButtonRule.MOVING);

    /** Plays a hand where everyone folds to the big blind. */
    private static void foldAround(TableFixture f) {
        while (f.state.handRunning()) {
            f.act(f.state.toAct(), FOLD);
        }
    }

    @Test
    void aPlayerWhoSitsDownMidGameWaitsForTheBigBlind() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        foldAround(f);
        f.ok(new SitDown("late", 4, 10_000, false));
        // hand 2: button 1, small blind 2, big blind would be seat 0 but seat 4 waits in between
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd");
        HandStarted h2 = f.events(HandStarted.class).get(1);
        assertThat(h2.bigBlindSeat()).isEqualTo(4);
        assertThat(h2.dealtIn()).containsExactly(0, 1, 2, 4);
    }

    @Test
    void aWaitingPlayerIsNotDealtInUntilTheBigBlindReachesThem() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000, 0 + 10_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, sb 1, bb 2
        foldAround(f);
        f.ok(new SitDown("late", 5, 10_000, false));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 1, sb 2, bb 3
        assertThat(f.events(HandStarted.class).get(1).dealtIn()).containsExactly(0, 1, 2, 3);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd", "ThTd"); // button 2, sb 3, bb 5
        assertThat(f.events(HandStarted.class).get(2).bigBlindSeat()).isEqualTo(5);
        assertThat(f.events(HandStarted.class).get(2).dealtIn()).containsExactly(0, 1, 2, 3, 5);
    }

    @Test
    void aNewPlayerMayPostABigBlindToPlayAtOnce() {
        TableFixture f = new TableFixture(MOVING);
        f.ok(new SitDown("p0", 0, 10_000, false));
        f.ok(new SitDown("p2", 2, 10_000, false));
        f.ok(new SitDown("p4", 4, 10_000, false));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 0, sb 2, bb 4
        foldAround(f);
        f.ok(new SitDown("eager", 1, 10_000, true));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 1 (the new player), sb 2, bb 4
        HandStarted h2 = f.events(HandStarted.class).get(1);
        assertThat(h2.dealtIn()).containsExactly(0, 1, 2, 4);
        assertThat(h2.button()).isEqualTo(1);
        assertThat(f.events(ForcedBetPosted.class)).contains(new ForcedBetPosted(1, ForcedBet.POSTED_BIG_BLIND, 100,
                false));
        f.act(0, CALL);
        assertThat(f.state.toAct()).isEqualTo(1);
        assertThat(TableEngine.legalActions(f.state).actions()).as("a posted blind is live: the poster has the option")
                .contains(CHECK, RAISE);
    }

    @Test
    void aPlayerWhoSatOutPostsTheBlindsTheyMissed() {
        TableFixture f = TableFixture.seated(MOVING, 10_000, 10_000, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, sb 1, bb 2
        foldAround(f);
        f.ok(new SitOut(3));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 1, sb 2, bb 0: the big blind passed seat 3
        assertThat(f.events(BlindsMissed.class)).containsExactly(new BlindsMissed(3, false, true));
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 2, sb 0, bb 1: the small blind passed seat 3
        assertThat(f.events(BlindsMissed.class)).containsExactly(new BlindsMissed(3, false, true),
                new BlindsMissed(3, true, false));
        foldAround(f);
        f.ok(new SitIn(3, false));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 3, sb 0, bb 1
        HandStarted h4 = f.events(HandStarted.class).get(3);
        assertThat(h4.button()).isEqualTo(3);
        assertThat(f.log.subList(f.log.indexOf(h4), f.log.size())).contains(
                new ForcedBetPosted(3, ForcedBet.POSTED_BIG_BLIND, 100, false),
                new ForcedBetPosted(3, ForcedBet.DEAD_SMALL_BLIND, 50, false));
        assertThat(f.state.seat(3).missedBigBlind()).isFalse();
        assertThat(f.state.potTotal()).isEqualTo(300);
    }

    @Test
    void leavingDuringAHandFoldsAtTheTurnAndTakesTheChipsWhenTheHandEnds() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // seat 0 to act
        f.ok(new Leave(1));
        assertThat(f.state.seat(1).leaving()).isTrue();
        f.act(0, CALL);
        assertThat(f.events(ActionTaken.class)).contains(new ActionTaken(1, FOLD, 0, 50, false, true));
        assertThat(f.state.toAct()).isEqualTo(2);
        f.act(2, CHECK);
        for (int street = 0; street < 3; street++) {
            f.act(2, CHECK);
            f.act(0, CHECK);
        }
        assertThat(f.state.seat(1)).isNull();
        assertThat(f.events(PlayerLeft.class)).containsExactly(new PlayerLeft(1, "p1", 9_950));
    }

    @Test
    void aTopUpDuringAHandWaitsForItsEnd() {
        TableFixture f = new TableFixture(NL); // buy-in 2,000..10,000
        for (int seat = 0; seat < 3; seat++) {
            f.ok(new SitDown("p" + seat, seat, 5_000, false));
        }
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        f.ok(new TopUp(0, 2_000));
        assertThat(f.stack(0)).isEqualTo(5_000);
        assertThat(f.state.seat(0).pendingChips()).isEqualTo(2_000);
        f.rejected(new TopUp(0, 3_001), RejectCode.ABOVE_MAX_BUY_IN);
        foldAround(f);
        assertThat(f.stack(0)).isEqualTo(7_000);
        f.ok(new TopUp(0, 3_000));
        assertThat(f.stack(0)).as("between hands chips arrive at once").isEqualTo(10_000);
    }

    @Test
    void aBustedPlayerIsSatOutAndMayTopUpAndSitIn() {
        TableFixture f = TableFixture.seated(TableConfig.cash(2, 50, 100), 10_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd");
        f.act(0, ALL_IN);
        f.act(1, CALL);
        assertThat(f.stack(1)).isZero();
        assertThat(f.state.seat(1).sittingOut()).isTrue();
        assertThat(f.events(PlayerSatOut.class)).containsExactly(new PlayerSatOut(1, SitOutReason.BUSTED));
        f.rejected(new SitIn(1, false), RejectCode.INSUFFICIENT_CHIPS);
        f.rejected(new StartHand(), RejectCode.NOT_ENOUGH_PLAYERS);
        f.ok(new TopUp(1, 1_000));
        f.ok(new SitIn(1, false));
        f.deal(BOARD, "AhAd", "KhKd");
        assertThat(f.state.handRunning()).isTrue();
    }
}
