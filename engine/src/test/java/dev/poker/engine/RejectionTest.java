package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import org.junit.jupiter.api.Test;

class RejectionTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);

    @Test
    void seatingMistakesAreRefusedWithStableCodes() {
        TableFixture f = new TableFixture(NL);
        f.ok(new SitDown("ann", 0, 5_000, false));
        f.rejected(new SitDown("bob", 6, 5_000, false), RejectCode.INVALID_SEAT);
        f.rejected(new SitDown("bob", -1, 5_000, false), RejectCode.INVALID_SEAT);
        f.rejected(new SitDown("bob", 0, 5_000, false), RejectCode.SEAT_TAKEN);
        f.rejected(new SitDown("ann", 1, 5_000, false), RejectCode.ALREADY_SEATED);
        f.rejected(new SitDown("bob", 1, 1_999, false), RejectCode.BUY_IN_OUT_OF_RANGE);
        f.rejected(new SitDown("bob", 1, 10_001, false), RejectCode.BUY_IN_OUT_OF_RANGE);
        f.rejected(new StartHand(), RejectCode.NOT_ENOUGH_PLAYERS);
        f.rejected(new Leave(3), RejectCode.NOT_SEATED);
        f.rejected(new SitIn(0, false), RejectCode.NOT_SITTING_OUT);
        f.ok(new SitOut(0));
        f.rejected(new SitOut(0), RejectCode.ALREADY_SITTING_OUT);
        f.rejected(new TopUp(0, 0), RejectCode.INVALID_AMOUNT);
        f.rejected(new Act(0, 1, CHECK, 0), RejectCode.HAND_NOT_RUNNING);
    }

    @Test
    void decisionMistakesAreRefusedWithTheLegalOptions() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000);
        f.deal("2c7d9hJs3c", "AhAd", "KhKd", "QhQd");
        f.rejected(new StartHand(), RejectCode.HAND_IN_PROGRESS);
        f.rejected(new Act(1, 1, CALL, 0), RejectCode.NOT_YOUR_TURN);
        f.rejected(new Act(0, 2, CALL, 0), RejectCode.WRONG_HAND);
        Rejection r = f.rejected(new Act(0, 1, CHECK, 0), RejectCode.CANNOT_CHECK);
        assertThat(r.legal()).isNotNull();
        assertThat(r.legal().callAmount()).isEqualTo(100);
        assertThat(r.legal().minTo()).isEqualTo(200);
        assertThat(r.legal().maxTo()).isEqualTo(10_000);
        f.rejected(new Act(0, 1, RAISE, 150), RejectCode.BELOW_MIN_RAISE);
        f.rejected(new Act(0, 1, RAISE, 100), RejectCode.INVALID_AMOUNT);
        f.rejected(new Act(0, 1, RAISE, 10_001), RejectCode.INSUFFICIENT_CHIPS);
        f.rejected(new Act(0, 1, null, 0), RejectCode.INVALID_AMOUNT);
        f.act(0, CALL);
        f.act(1, CALL);
        f.rejected(new Act(2, 1, CALL, 0), RejectCode.NOTHING_TO_CALL);
        f.act(2, CHECK);
        f.rejected(new Act(1, 1, BET, 50), RejectCode.BELOW_MIN_BET);
        f.act(1, FOLD);
        f.rejected(new Act(1, 1, CHECK, 0), RejectCode.NOT_IN_HAND);
        f.rejected(new Leave(5), RejectCode.NOT_SEATED);
        f.ok(new Leave(0)); // seat 2 is to act: seat 0 will fold at its turn
        f.rejected(new Leave(0), RejectCode.ALREADY_LEAVING);
    }

    @Test
    void everyCodeHasASentence() {
        for (RejectCode code : RejectCode.values()) {
            assertThat(code.message()).endsWith(".").hasSizeGreaterThan(10);
        }
    }
}
