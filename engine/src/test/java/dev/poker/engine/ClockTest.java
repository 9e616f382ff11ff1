package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;
import org.junit.jupiter.api.Test;

class ClockTest {
    static final TableConfig HEADS_UP = TableConfig.cash(2, 50, 100).withClock(15_000, 30_000, 2);
    static final String BOARD = "2c7d9hJs3c";

    @Test
    void theTimeBankRunsAfterTheClockThenTheClockFoldsOrChecks() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        long deadline = f.state.deadline();
        assertThat(deadline).isEqualTo(f.now + 15_000);
        f.rejected(new Timeout(0, 1), RejectCode.TOO_EARLY);
        f.now = deadline;
        assertThat(f.ok(new Timeout(0, 1))).containsExactly(new TimeBankStarted(0, deadline + 30_000));
        assertThat(f.state.inTimeBank()).isTrue();
        f.now = deadline + 30_000;
        f.ok(new Timeout(0, 1));
        assertThat(f.events(ActionTaken.class)).containsExactly(new ActionTaken(0, FOLD, 0, 50, false, true));
        assertThat(f.state.seat(0).timeBankMs()).isZero();
        assertThat(f.state.seat(0).consecutiveTimeouts()).isEqualTo(1);

        // next hand: seat 1 is the button; seat 0 is the big blind and may check for free
        f.deal(BOARD, "AhAd", "KhKd");
        f.act(1, CALL);
        f.now = f.state.deadline();
        f.ok(new Timeout(0, 2));
        assertThat(f.events(ActionTaken.class).get(2)).isEqualTo(new ActionTaken(0, CHECK, 0, 100, false, true));
        assertThat(f.events(PlayerSatOut.class)).as("two timeouts in a row sit the player out")
                .containsExactly(new PlayerSatOut(0, SitOutReason.TIMEOUTS));
        assertThat(f.state.handRunning()).as("the hand goes on").isTrue();
    }

    @Test
    void actingDuringTheTimeBankPaysOnlyForTheTimeUsedAndResetsTheTimeoutCount() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        f.now = f.state.deadline();
        f.ok(new Timeout(0, 1));
        f.now += 4_000;
        f.act(0, CALL);
        assertThat(f.events(TimeBankUsed.class)).containsExactly(new TimeBankUsed(0, 4_000));
        assertThat(f.state.seat(0).timeBankMs()).isEqualTo(26_000);
        assertThat(f.state.seat(0).consecutiveTimeouts()).isZero();
    }

    @Test
    void aStaleTimeoutForAnotherHandOrSeatIsRefused() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.rejected(new Timeout(0, 1), RejectCode.HAND_NOT_RUNNING);
        f.deal(BOARD, "AhAd", "KhKd");
        f.now = f.state.deadline();
        f.rejected(new Timeout(1, 1), RejectCode.NOT_YOUR_TURN);
        f.rejected(new Timeout(0, 7), RejectCode.WRONG_HAND);
    }

    @Test
    void restartingTheClockGivesTheFullActionTimeAgain() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.rejected(new RestartClock(), RejectCode.HAND_NOT_RUNNING);
        f.deal(BOARD, "AhAd", "KhKd");
        f.now += 60_000;
        f.ok(new RestartClock());
        assertThat(f.state.deadline()).isEqualTo(f.now + 15_000);
        assertThat(f.state.toAct()).isZero();
    }
}
