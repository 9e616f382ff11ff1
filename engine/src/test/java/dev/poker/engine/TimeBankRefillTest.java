package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;
import org.junit.jupiter.api.Test;

class TimeBankRefillTest {
    static final String BOARD = "2c7d9hJs3c";

    private static void foldAround(TableFixture f) {
        while (f.state.handRunning()) {
            f.act(f.state.toAct(), FOLD);
        }
    }

    @Test
    void everyNHandsEachSeatGainsTheRefillUpToTheCap() {
        // 10 s bank, +4 s every 2 hands, capped at 12 s
        TableConfig config = TableConfig.cash(3, 50, 100).withClock(15_000, 10_000, 0)
                .withTimeBankRefill(new TimeBankRefill(4_000, 2, 12_000));
        TableFixture f = TableFixture.seated(config, 10_000, 10_000, 10_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // hand 1: seat 0 to act
        f.now = f.state.deadline();
        f.ok(new Timeout(0, 1)); // the action clock ran out: the time bank runs
        f.now += 7_000;
        f.act(0, FOLD); // 7 s of the bank used: 3 s left
        assertThat(f.state.seat(0).timeBankMs()).isEqualTo(3_000);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // hand 2: no refill yet
        assertThat(f.events(TimeBankRefilled.class)).isEmpty();
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // hand 3: after 2 hands, each seat gains up to 4 s, capped at 12 s
        assertThat(f.events(TimeBankRefilled.class)).containsExactly(new TimeBankRefilled(0, 4_000),
                new TimeBankRefilled(1, 2_000), new TimeBankRefilled(2, 2_000));
        assertThat(f.state.seat(0).timeBankMs()).isEqualTo(7_000);
        assertThat(f.state.seat(1).timeBankMs()).isEqualTo(12_000);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // hand 4: none
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // hand 5: seat 0 again; the others are at the cap
        assertThat(f.events(TimeBankRefilled.class)).hasSize(4).last().isEqualTo(new TimeBankRefilled(0, 4_000));
        assertThat(f.state.seat(0).timeBankMs()).isEqualTo(11_000);
    }

    @Test
    void withoutARefillTheBankIsNeverTopped() {
        TableFixture f = TableFixture.seated(TableConfig.cash(2, 50, 100), 10_000, 10_000);
        for (int hand = 0; hand < 4; hand++) {
            f.deal(BOARD, "AhAd", "KhKd");
            foldAround(f);
        }
        assertThat(f.events(TimeBankRefilled.class)).isEmpty();
    }

    @Test
    void aRefillNeedsAPeriodAndACapOfAtLeastTheRefill() {
        assertThatThrownBy(() -> new TimeBankRefill(5_000, 0, 30_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeBankRefill(5_000, 3, 4_000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TimeBankRefill(0, 7, 9)).isEqualTo(TimeBankRefill.NONE);
    }
}
