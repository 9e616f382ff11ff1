package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.Act;
import dev.poker.engine.TableEvent.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pot-Limit Omaha at the table: four hole cards, the pot-limit cap on bets and raises, and showdowns that use
 * exactly two hole cards. Three players: button 0, small blind 1, big blind 2; deal order 1, 2, 0; seat 0
 * acts first before the flop, seat 1 after it. Blinds 1/2.
 */
class PotLimitOmahaTest {
    static final TableConfig PLO = TableConfig.cash(6, 1, 2).withGame(Game.POT_LIMIT_OMAHA);
    static final String BOARD = "KhQh7h2h9c";
    /** Deal order 1, 2, 0: seat 1 AcKc6d6s, seat 2 3c4d8c8d, seat 0 Th5c5d8s. */
    static final String[] HOLES = {"AcKc6d6s", "3c4d8c8d", "Th5c5d8s"};

    @Test
    void everyPlayerGetsFourHoleCards() {
        TableFixture f = TableFixture.seated(PLO, 1_000, 1_000, 1_000);
        f.deal(BOARD, HOLES);
        assertThat(f.events(HoleCardsDealt.class)).hasSize(3).allSatisfy(e -> assertThat(e.cards()).hasSize(4));
        assertThat(f.state.seat(0).holeCards()).extracting(Object::toString).containsExactly("Th", "5c", "5d", "8s");
    }

    @Test
    void thePotLimitCapsEachRaiseAtThePotAfterTheCall() {
        TableFixture f = TableFixture.seated(PLO, 1_000, 1_000, 1_000);
        f.deal(BOARD, HOLES);
        // Seat 0 faces the big blind of 2; pot 1 + 2 = 3. Call 2 makes the pot 5; raise by 5: to 2 + 5 = 7.
        LegalActions first = TableEngine.legalActions(f.state);
        assertThat(first.seat()).isZero();
        assertThat(first.minTo()).isEqualTo(4);
        assertThat(first.maxTo()).isEqualTo(7);
        Rejection tooBig = f.rejected(new Act(0, 1, RAISE, 8), RejectCode.ABOVE_POT_LIMIT);
        assertThat(tooBig.message()).isEqualTo("The pot limit allows a raise to at most 7.");
        f.act(0, RAISE, 7);
        // Seat 1 (1 in): pot 1 + 2 + 7 = 10; call 6 makes it 16; raise by 16: to 7 + 16 = 23.
        assertThat(TableEngine.legalActions(f.state).maxTo()).isEqualTo(23);
        f.act(1, RAISE, 23);
        // Seat 2 (2 in): pot 23 + 2 + 7 = 32; call 21 makes it 53; raise by 53: to 23 + 53 = 76.
        LegalActions bigBlind = TableEngine.legalActions(f.state);
        assertThat(bigBlind.minTo()).as("last raise was 16: min re-raise to 39").isEqualTo(39);
        assertThat(bigBlind.maxTo()).isEqualTo(76);
        f.rejected(new Act(2, 1, RAISE, 77), RejectCode.ABOVE_POT_LIMIT);
        f.rejected(new Act(2, 1, RAISE, 1_001), RejectCode.INSUFFICIENT_CHIPS);
        f.act(2, RAISE, 76);
        assertThat(f.state.currentBet()).isEqualTo(76);
    }

    @Test
    void aFirstBetAfterTheFlopMayBeThePot() {
        TableFixture f = TableFixture.seated(PLO, 1_000, 1_000, 1_000);
        f.deal(BOARD, HOLES);
        f.act(0, CALL);
        f.act(1, CALL);
        f.act(2, CHECK);
        // Pot 2 + 2 + 2 = 6, nothing to call: the largest bet is 6.
        assertThat(f.state.street()).isEqualTo(Street.FLOP);
        LegalActions opener = TableEngine.legalActions(f.state);
        assertThat(opener.seat()).isEqualTo(1);
        assertThat(opener.minTo()).isEqualTo(2);
        assertThat(opener.maxTo()).isEqualTo(6);
        Rejection tooBig = f.rejected(new Act(1, 1, BET, 7), RejectCode.ABOVE_POT_LIMIT);
        assertThat(tooBig.message()).isEqualTo("The pot limit allows a bet to at most 6.");
        f.act(1, BET, 6);
        // Seat 2: pot 6 + 6 = 12; call 6 makes it 18; raise by 18: to 6 + 18 = 24.
        assertThat(TableEngine.legalActions(f.state).maxTo()).isEqualTo(24);
    }

    @Test
    void allInIsCappedByThePotForADeepStackAndIsTheWholeStackForAShortOne() {
        // Seat 0 has 5 chips: all-in for 5 is less than the pot-limit 7, and a full raise (5 - 2 = 3 >= 2).
        TableFixture f = TableFixture.seated(PLO, 5, 1_000, 1_000);
        f.deal(BOARD, HOLES);
        LegalActions shortStack = TableEngine.legalActions(f.state);
        assertThat(shortStack.maxTo()).isEqualTo(5);
        f.act(0, ALL_IN);
        ActionTaken shove = f.events(ActionTaken.class).get(0);
        assertThat(shove.betTo()).isEqualTo(5);
        assertThat(shove.allIn()).isTrue();
        // Seat 1 (1 in, 999 behind): pot 1 + 2 + 5 = 8; call 4 makes it 12; so "all-in" raises to 5 + 12 = 17.
        f.act(1, ALL_IN);
        ActionTaken capped = f.events(ActionTaken.class).get(1);
        assertThat(capped.betTo()).isEqualTo(17);
        assertThat(capped.allIn()).isFalse();
        assertThat(f.stack(1)).isEqualTo(1_000 - 17);
    }

    @Test
    void theShowdownUsesExactlyTwoHoleCards() {
        // Board Kh Qh 7h 2h 9c. Seat 0 (Th 5c 5d 8s) holds one heart: a flush in hold'em, only a pair of fives
        // here. Seat 2 (3c 4d 8c 8d): pair of eights. Seat 1 (Ac Kc 6d 6s): Ac Kc + Kh Qh 9c, a pair of kings.
        TableFixture f = TableFixture.seated(PLO, 1_000, 1_000, 1_000);
        f.deal(BOARD, HOLES);
        f.act(0, CALL);
        f.act(1, CALL);
        f.act(2, CHECK);
        for (int street = 0; street < 3; street++) {
            f.act(1, CHECK);
            f.act(2, CHECK);
            f.act(0, CHECK);
        }
        // Everyone put in 2: pot 6, all to seat 1.
        PotAwarded pot = f.events(PotAwarded.class).get(0);
        assertThat(pot.shares()).containsExactly(new Share(1, 6));
        assertThat(f.stacks()).startsWith(998, 1_004, 998);
        List<CardsShown> shown = f.events(CardsShown.class);
        assertThat(shown).filteredOn(c -> c.seat() == 1).extracting(CardsShown::description)
                .containsExactly("Pair of Kings");
    }

    @Test
    void holdemTablesAreUnchanged() {
        assertThat(TableConfig.cash(6, 1, 2).game()).isEqualTo(Game.NO_LIMIT_HOLDEM);
        TableFixture f = TableFixture.seated(TableConfig.cash(6, 1, 2), 1_000, 1_000, 1_000);
        f.deal(BOARD, "AcKc", "3c4d", "Th5c");
        assertThat(TableEngine.legalActions(f.state).maxTo()).as("no-limit: the whole stack").isEqualTo(1_000);
        assertThat(f.events(HoleCardsDealt.class)).allSatisfy(e -> assertThat(e.cards()).hasSize(2));
    }
}
