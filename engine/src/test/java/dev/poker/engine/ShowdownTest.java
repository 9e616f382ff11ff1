package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShowdownTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);

    @Test
    void sidePotsGoToTheBestHandAmongThoseEligible() {
        // button 0, small blind 1, big blind 2; deal order 1, 2, 0
        TableFixture f = TableFixture.seated(NL, 1_000, 3_000, 5_000);
        f.deal("2c7d9hJs3c", "KhKd", "QhQd", "AhAd");
        f.act(0, ALL_IN);
        f.act(1, ALL_IN);
        f.act(2, CALL);
        assertThat(f.state.handRunning()).isFalse();
        List<PotAwarded> pots = f.events(PotAwarded.class);
        assertThat(pots).hasSize(2);
        assertThat(pots.get(0).amount()).isEqualTo(3_000);
        assertThat(pots.get(0).eligible()).containsExactly(0, 1, 2);
        assertThat(pots.get(0).shares()).containsExactly(new Share(0, 3_000));
        assertThat(pots.get(1).amount()).isEqualTo(4_000);
        assertThat(pots.get(1).eligible()).containsExactly(1, 2);
        assertThat(pots.get(1).shares()).containsExactly(new Share(1, 4_000));
        assertThat(f.stacks()).startsWith(3_000, 4_000, 2_000);
    }

    @Test
    void anAllInThatClosesTheBettingShowsEveryHandBeforeTheRunOut() {
        TableFixture f = TableFixture.seated(NL, 1_000, 3_000, 5_000);
        f.deal("2c7d9hJs3c", "KhKd", "QhQd", "AhAd");
        f.act(0, ALL_IN);
        f.act(1, FOLD);
        f.act(2, CALL);
        int firstShown = f.log.indexOf(f.events(CardsShown.class).get(0));
        int firstStreet = f.log.indexOf(f.events(StreetDealt.class).get(0));
        assertThat(firstShown).isLessThan(firstStreet);
        assertThat(f.events(CardsShown.class)).extracting(CardsShown::seat).containsExactlyInAnyOrder(0, 2);
        assertThat(f.events(CardsMucked.class)).isEmpty();
    }

    @Test
    void theOddChipOfASplitPotGoesToTheFirstWinnerClockwiseFromTheButton() {
        TableFixture f = TableFixture.seated(TableConfig.cash(3, 5, 10), 1_000, 1_000, 1_000);
        f.deal("AsKsQsJsTs", "2c3d", "4c5d", "6c7d");
        f.act(0, CALL);
        f.act(1, FOLD);
        f.act(2, CHECK);
        for (int street = 0; street < 3; street++) {
            f.act(2, CHECK);
            f.act(0, CHECK);
        }
        PotAwarded pot = f.events(PotAwarded.class).get(0);
        assertThat(pot.amount()).isEqualTo(25);
        assertThat(pot.shares()).containsExactly(new Share(2, 13), new Share(0, 12));
        assertThat(f.stacks()).containsExactly(1_002, 995, 1_003);
    }

    @Test
    void theLastAggressorShowsFirstAndHandsThatCannotWinAreMucked() {
        // button 0, sb 1, bb 2; deal order 1, 2, 0. River: seat 1 bets, seats 2 and 0 call.
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000);
        f.deal("2c7d9hJs3c", "QhQd", "5h5d", "AhAd");
        f.act(0, CALL);
        f.act(1, CALL);
        f.act(2, CHECK);
        for (int street = 0; street < 2; street++) {
            f.act(1, CHECK);
            f.act(2, CHECK);
            f.act(0, CHECK);
        }
        f.act(1, BET, 300);
        f.act(2, CALL);
        f.act(0, CALL);
        assertThat(f.state.handRunning()).isFalse();
        List<TableEvent> showdown = f.log.stream()
                .filter(e -> e instanceof CardsShown || e instanceof CardsMucked).toList();
        assertThat(showdown).hasSize(3);
        assertThat(showdown.get(0)).isEqualTo(new CardsShown(1, Card.parseAll("QhQd"), "Pair of Queens"));
        assertThat(showdown.get(1)).isEqualTo(new CardsMucked(2));
        assertThat(((CardsShown) showdown.get(2)).seat()).isZero();
        assertThat(f.stacks()).startsWith(10_800, 9_600, 9_600);
    }

    @Test
    void withoutARiverBetTheFirstPlayerClockwiseFromTheButtonShowsFirst() {
        TableFixture f = TableFixture.seated(NL, 10_000, 10_000, 10_000);
        f.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd");
        f.act(0, CALL);
        f.act(1, CALL);
        f.act(2, CHECK);
        for (int street = 0; street < 3; street++) {
            f.act(1, CHECK);
            f.act(2, CHECK);
            f.act(0, CHECK);
        }
        List<TableEvent> showdown = f.log.stream()
                .filter(e -> e instanceof CardsShown || e instanceof CardsMucked).toList();
        assertThat(showdown.get(0)).isInstanceOf(CardsShown.class);
        assertThat(((CardsShown) showdown.get(0)).seat()).isEqualTo(1);
        assertThat(((CardsShown) showdown.get(1)).seat()).isEqualTo(2);
        assertThat(showdown.get(2)).isEqualTo(new CardsMucked(0));
    }

    @Test
    void rakeIsAPercentageWithACapAndNothingIsTakenWithoutAFlop() {
        TableConfig raked = NL.withRake(new Rake(500, 30));
        TableFixture f = TableFixture.seated(raked, 10_000, 10_000, 10_000);
        f.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd");
        f.act(0, RAISE, 300);
        f.act(1, FOLD);
        f.act(2, FOLD);
        assertThat(f.state.rakeCollected()).as("no flop, no drop").isZero();

        f.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd"); // button 1: sb 2, bb 0, deal order 2, 0, 1
        f.act(1, CALL);
        f.act(2, CALL);
        f.act(0, CHECK);
        f.act(2, BET, 100);
        f.act(0, FOLD);
        f.act(1, FOLD);
        // pot 300 + uncalled 100 back: 5% of 300 = 15
        assertThat(f.events(PotAwarded.class).get(1).rake()).isEqualTo(15);
        assertThat(f.state.rakeCollected()).isEqualTo(15);

        f.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd");
        f.act(2, RAISE, 2_000);
        f.act(0, CALL);
        f.act(1, CALL);
        for (int street = 0; street < 3; street++) {
            f.act(0, CHECK);
            f.act(1, CHECK);
            f.act(2, CHECK);
        }
        assertThat(f.events(PotAwarded.class).get(2).rake()).as("5% of 6000 capped at 30").isEqualTo(30);
        assertThat(f.state.rakeCollected()).isEqualTo(45);
    }

    @Test
    void perPlayerAntesAndTheBigBlindAnteAreDeadMoney() {
        TableFixture f = TableFixture.seated(NL.withAnte(10, AnteType.PER_PLAYER), 1_000, 1_000, 1_000);
        f.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd");
        assertThat(f.events(ForcedBetPosted.class)).filteredOn(e -> e.kind() == ForcedBet.ANTE).hasSize(3);
        assertThat(f.state.potTotal()).isEqualTo(180);
        assertThat(f.state.currentBet()).isEqualTo(100);

        TableFixture g = TableFixture.seated(NL.withAnte(100, AnteType.BIG_BLIND), 1_000, 1_000, 150);
        g.deal("2c7d9hJs3c", "5h5d", "AhAd", "QhQd");
        assertThat(g.events(ForcedBetPosted.class)).containsExactly(
                new ForcedBetPosted(2, ForcedBet.BIG_BLIND_ANTE, 100, false),
                new ForcedBetPosted(1, ForcedBet.SMALL_BLIND, 50, false),
                new ForcedBetPosted(2, ForcedBet.BIG_BLIND, 50, true));
    }
}
