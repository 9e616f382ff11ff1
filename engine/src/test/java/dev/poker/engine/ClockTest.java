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

    @Test
    void aHeldActionClockResumesWithTheTimeItHadLeft() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.rejected(new ResumeClock(f.now), RejectCode.HAND_NOT_RUNNING);
        f.deal(BOARD, "AhAd", "KhKd");
        long heldAt = f.now + 4_000; // 11 s of the 15 s clock left when the table paused
        f.now = heldAt + 60_000; // paused for a minute
        f.ok(new ResumeClock(heldAt));
        assertThat(f.state.deadline()).isEqualTo(f.now + 11_000);
        assertThat(f.state.inTimeBank()).isFalse();
        assertThat(f.state.seat(0).timeBankMs()).as("the time bank untouched").isEqualTo(30_000);
    }

    @Test
    void aHeldTimeBankIsChargedForWhatWasUsedAndRunsOnWithTheRest() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        f.now = f.state.deadline();
        f.ok(new Timeout(0, 1)); // the time bank starts: 30 s
        long heldAt = f.now + 12_000; // 18 s of the bank left
        f.now = heldAt + 5_000;
        f.ok(new ResumeClock(heldAt));
        assertThat(f.state.inTimeBank()).isTrue();
        assertThat(f.state.deadline()).isEqualTo(f.now + 18_000);
        assertThat(f.state.seat(0).timeBankMs()).as("12 s charged").isEqualTo(18_000);

        f.now += 8_000; // acts 8 s after the resume: 8 s more are charged, not the pause
        f.act(0, CALL);
        assertThat(f.state.seat(0).timeBankMs()).isEqualTo(10_000);
    }

    @Test
    void aClockHeldAfterItRanOutResumesRunOut() {
        TableFixture f = TableFixture.seated(HEADS_UP, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd");
        long heldAt = f.state.deadline() + 500; // the timeout had not been handled yet
        f.now = heldAt + 10_000;
        f.ok(new ResumeClock(heldAt));
        assertThat(f.state.deadline()).isEqualTo(f.now);
        assertThat(f.ok(new Timeout(0, 1))).containsExactly(new TimeBankStarted(0, f.now + 30_000));
    }
}
