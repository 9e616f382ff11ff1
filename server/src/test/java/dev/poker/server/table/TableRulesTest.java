package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.ButtonRule;
import dev.poker.engine.Straddle;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TimeBankRefill;
import dev.poker.protocol.ClientMessage.CreateTable;
import org.junit.jupiter.api.Test;

class TableRulesTest {

    private static CreateTable create(String straddle, Long amount, String button, Long refill, Integer every, Long cap) {
        return new CreateTable("c", "T", 6, 1, 2, null, null, 40, 200, null, 20_000L, null, null, straddle, amount,
                button, refill, every, cap);
    }

    @Test
    void absentRulesAreNoStraddleTheDeadButtonAndNoRefill() {
        TableConfig c = TableDirectory.configOf(create(null, null, null, null, null, null));
        assertThat(c.straddle()).isEqualTo(Straddle.NONE);
        assertThat(c.buttonRule()).isEqualTo(ButtonRule.DEAD);
        assertThat(c.timeBankRefill()).isEqualTo(TimeBankRefill.NONE);
    }

    @Test
    void aStraddleIsTwiceTheBigBlindUnlessItsAmountIsGiven() {
        assertThat(TableDirectory.configOf(create("utg", null, "moving", null, null, null)).straddle())
                .isEqualTo(new Straddle(Straddle.Position.UTG, 4));
        assertThat(TableDirectory.configOf(create("button", 5L, null, null, null, null)).straddle())
                .isEqualTo(new Straddle(Straddle.Position.BUTTON, 5));
        assertThat(TableDirectory.configOf(create("utg", null, "moving", null, null, null)).buttonRule())
                .isEqualTo(ButtonRule.MOVING);
    }

    @Test
    void aRefillIsCappedAtTheStartingBankUnlessACapIsGiven() {
        assertThat(TableDirectory.configOf(create(null, null, null, 5_000L, 10, null)).timeBankRefill())
                .isEqualTo(new TimeBankRefill(5_000, 10, 20_000));
        assertThat(TableDirectory.configOf(create(null, null, null, 5_000L, 10, 60_000L)).timeBankRefill())
                .isEqualTo(new TimeBankRefill(5_000, 10, 60_000));
    }
}
