package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent.ForcedBetPosted;
import org.junit.jupiter.api.Test;

class StraddleTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);
    static final String BOARD = "2c7d9hJs3c";
    static final String[] SIX = {"AhAd", "KhKd", "QhQd", "JhJd", "ThTd", "8h8d"};

    @Test
    void anUtgStraddleIsALiveThirdBlindAndTheStraddlerActsLastBeforeTheFlop() {
        TableFixture f = TableFixture.seated(NL.withStraddle(Straddle.twiceTheBigBlind(Straddle.Position.UTG, 100)),
                1_000, 1_000, 1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, SIX); // button 0, small blind 1, big blind 2, straddle 3
        assertThat(f.events(ForcedBetPosted.class)).containsExactly(
                new ForcedBetPosted(1, ForcedBet.SMALL_BLIND, 50, false),
                new ForcedBetPosted(2, ForcedBet.BIG_BLIND, 100, false),
                new ForcedBetPosted(3, ForcedBet.STRADDLE, 200, false));
        assertThat(f.state.currentBet()).isEqualTo(200);
        assertThat(f.state.toAct()).as("the player after the straddler").isEqualTo(4);
        LegalActions first = TableEngine.legalActions(f.state);
        assertThat(first.callAmount()).isEqualTo(200);
        assertThat(first.minTo()).as("a raise adds at least one big blind to the straddle").isEqualTo(300);
        f.act(4, CALL);
        f.act(5, FOLD);
        f.act(0, FOLD);
        f.act(1, FOLD);
        f.act(2, FOLD);
        assertThat(f.state.toAct()).as("the straddler has the option").isEqualTo(3);
        assertThat(TableEngine.legalActions(f.state).actions()).contains(CHECK, RAISE);
        f.act(3, CHECK);
        assertThat(f.state.street()).isEqualTo(Street.FLOP);
        assertThat(f.state.toAct()).as("after the flop the usual order").isEqualTo(3);
    }

    @Test
    void aButtonStraddleLetsTheSmallBlindActFirstAndTheButtonLast() {
        TableFixture f = TableFixture.seated(NL.withStraddle(Straddle.twiceTheBigBlind(Straddle.Position.BUTTON, 100)),
                1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0 straddles, small blind 1, big blind 2
        assertThat(f.events(ForcedBetPosted.class)).contains(new ForcedBetPosted(0, ForcedBet.STRADDLE, 200, false));
        assertThat(f.state.toAct()).isEqualTo(1);
        f.act(1, CALL);
        f.act(2, CALL);
        f.act(3, CALL);
        assertThat(f.state.toAct()).isEqualTo(0);
        f.act(0, RAISE, 600);
        assertThat(f.state.toAct()).isEqualTo(1);
    }

    @Test
    void thereIsNoStraddleHeadsUpNorOnADeadButton() {
        TableFixture f = TableFixture.seated(TableConfig.cash(2, 50, 100)
                .withStraddle(Straddle.twiceTheBigBlind(Straddle.Position.BUTTON, 100)), 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd");
        assertThat(f.events(ForcedBetPosted.class)).noneMatch(e -> e.kind() == ForcedBet.STRADDLE);
        assertThat(f.state.currentBet()).isEqualTo(100);
    }

    @Test
    void aStraddlerShortOfTheStraddlePostsWhatTheyHaveAndTheOrderStaysAsWithoutIt() {
        TableFixture f = TableFixture.seated(NL.withStraddle(Straddle.twiceTheBigBlind(Straddle.Position.UTG, 100)),
                1_000, 1_000, 1_000, 60, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd", "ThTd");
        assertThat(f.events(ForcedBetPosted.class)).contains(new ForcedBetPosted(3, ForcedBet.STRADDLE, 60, true));
        assertThat(f.state.currentBet()).isEqualTo(100);
        assertThat(f.state.toAct()).isEqualTo(4);
    }

    @Test
    void aStraddleBelowTheBigBlindIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NL.withStraddle(new Straddle(Straddle.Position.UTG, 50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the big blind");
    }
}
