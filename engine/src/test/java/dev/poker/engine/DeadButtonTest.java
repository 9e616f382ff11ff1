package dev.poker.engine;

import static dev.poker.engine.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TDA dead-button rule, the default: the big blind moves one seat a hand; the button may be dead. */
class DeadButtonTest {
    static final TableConfig NL = TableConfig.cash(6, 50, 100);
    static final String BOARD = "2c7d9hJs3c";

    private static void foldAround(TableFixture f) {
        while (f.state.handRunning()) {
            f.act(f.state.toAct(), FOLD);
        }
    }

    private static HandStarted lastHand(TableFixture f) {
        List<HandStarted> hands = f.events(HandStarted.class);
        return hands.get(hands.size() - 1);
    }

    private static List<ForcedBetPosted> blindsOfLastHand(TableFixture f) {
        HandStarted h = lastHand(f);
        return f.log.subList(f.log.indexOf(h), f.log.size()).stream().filter(ForcedBetPosted.class::isInstance)
                .map(ForcedBetPosted.class::cast).toList();
    }

    @Test
    void theDeadButtonIsTheDefaultAndTheMovingButtonTheOtherSetting() {
        assertThat(NL.buttonRule()).isEqualTo(ButtonRule.DEAD);
        assertThat(NL.withButtonRule(ButtonRule.MOVING).buttonRule()).isEqualTo(ButtonRule.MOVING);
    }

    @Test
    void whenTheSmallBlindSeatEmptiesNobodyPostsTheSmallBlind() {
        TableFixture f = TableFixture.seated(NL, 1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 2
        foldAround(f);
        f.ok(new Leave(2)); // last hand's big blind: this hand's small blind
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        HandStarted h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(1, 2, 3);
        assertThat(h.dealtIn()).containsExactly(0, 1, 3);
        assertThat(blindsOfLastHand(f)).containsExactly(new ForcedBetPosted(3, ForcedBet.BIG_BLIND, 100, false));
        assertThat(f.state.toAct()).isEqualTo(0);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // the button goes to the empty seat 2: dead
        h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(2, 3, 0);
        assertThat(blindsOfLastHand(f)).containsExactly(new ForcedBetPosted(3, ForcedBet.SMALL_BLIND, 50, false),
                new ForcedBetPosted(0, ForcedBet.BIG_BLIND, 100, false));
    }

    @Test
    void whenTheBigBlindBustsTheNextPlayerPostsItAndTheSmallBlindIsDead() {
        TableFixture f = TableFixture.seated(NL, 1_000, 1_000, 100, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "7h2s", "JhJd"); // button 0, small blind 1, big blind 2 all-in with 100
        f.act(3, CALL);
        f.act(0, FOLD);
        f.act(1, FOLD); // the big blind is all-in: the board runs out and seat 3's jacks win
        assertThat(f.stack(2)).isZero();
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        HandStarted h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(1, 2, 3);
        assertThat(h.dealtIn()).containsExactly(0, 1, 3);
        assertThat(blindsOfLastHand(f)).containsExactly(new ForcedBetPosted(3, ForcedBet.BIG_BLIND, 100, false));
    }

    @Test
    void whenTheSmallBlindLeavesTheButtonIsDeadOnItsSeat() {
        TableFixture f = TableFixture.seated(NL, 1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 2
        foldAround(f);
        f.ok(new Leave(1));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        HandStarted h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).as("dead button on the empty seat 1")
                .containsExactly(1, 2, 3);
        assertThat(blindsOfLastHand(f)).containsExactly(new ForcedBetPosted(2, ForcedBet.SMALL_BLIND, 50, false),
                new ForcedBetPosted(3, ForcedBet.BIG_BLIND, 100, false));
        f.act(0, CALL);
        f.act(2, CALL);
        f.act(3, CHECK);
        assertThat(f.state.toAct()).as("after the flop the first player after the dead button acts").isEqualTo(2);
    }

    /** Players at seats 0, 1, 3 and 4 after a first hand: button 0, small blind 1, big blind 3. */
    private static TableFixture fourAroundAnEmptySeat() {
        TableFixture f = new TableFixture(NL.withBuyIn(1, 1_000_000));
        for (int seat : new int[] {0, 1, 3, 4}) {
            f.ok(new SitDown("p" + seat, seat, 1_000, false));
        }
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 3
        foldAround(f);
        return f;
    }

    @Test
    void aPlayerWhoSitsDownBetweenTheBlindsWaitsForTheBigBlind() {
        TableFixture f = fourAroundAnEmptySeat();
        f.ok(new SitDown("late", 2, 1_000, false)); // waits for the big blind
        int[][] expected = {{1, 3, 4}, {3, 4, 0}, {4, 0, 1}, {0, 1, 2}};
        for (int[] positions : expected) {
            f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd", "ThTd");
            HandStarted h = lastHand(f);
            assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat()))
                    .containsExactly(positions[0], positions[1], positions[2]);
            assertThat(h.dealtIn().contains(2)).as("the late player is dealt in only with the big blind")
                    .isEqualTo(positions[2] == 2);
            foldAround(f);
        }
    }

    @Test
    void aPlayerWhoWantsToPostWaitsUntilTheButtonHasPassedThem() {
        TableFixture f = fourAroundAnEmptySeat();
        f.ok(new SitDown("eager", 2, 1_000, true));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 1, small blind 3: seat 2 lies between them
        assertThat(lastHand(f).dealtIn()).containsExactly(0, 1, 3, 4);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd", "ThTd"); // button 3: seat 2 is behind the button now
        assertThat(lastHand(f).dealtIn()).containsExactly(0, 1, 2, 3, 4);
        assertThat(blindsOfLastHand(f)).contains(new ForcedBetPosted(2, ForcedBet.POSTED_BIG_BLIND, 100, false));
    }

    @Test
    void goingHeadsUpNobodyPostsTheBigBlindTwiceInARow() {
        TableFixture f = TableFixture.seated(NL, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 0, small blind 1, big blind 2
        foldAround(f);
        f.ok(new Leave(0));
        f.deal(BOARD, "AhAd", "KhKd");
        HandStarted h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).as("heads-up: the button posts the "
                + "small blind; the big blind moved on from seat 2").containsExactly(2, 2, 1);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd");
        h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(1, 1, 2);
        foldAround(f);
        f.ok(new SitDown("late", 0, 1_000, false)); // back to three: the big blind reaches the new player
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(1, 2, 0);
        assertThat(h.dealtIn()).containsExactly(0, 1, 2);
    }

    @Test
    void aPlayerWhoSatOutOwesTheBlindsThatPassedAndPostsThemOnReturn() {
        TableFixture f = TableFixture.seated(NL, 1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 2
        foldAround(f);
        f.ok(new SitOut(3));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 1, small blind 2, big blind 0: it passed seat 3
        assertThat(List.of(lastHand(f).button(), lastHand(f).smallBlindSeat(), lastHand(f).bigBlindSeat()))
                .containsExactly(1, 2, 0);
        foldAround(f);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd"); // button 2, small blind 0, big blind 1: the small blind passed too
        assertThat(f.events(BlindsMissed.class)).containsExactly(new BlindsMissed(3, false, true),
                new BlindsMissed(3, true, false));
        foldAround(f);
        f.ok(new SitIn(3, false));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 2; seat 3 posts
        assertThat(blindsOfLastHand(f)).contains(new ForcedBetPosted(3, ForcedBet.POSTED_BIG_BLIND, 100, false),
                new ForcedBetPosted(3, ForcedBet.DEAD_SMALL_BLIND, 50, false));
        assertThat(lastHand(f).dealtIn()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void theMovingButtonSettingKeepsTheOldRule() {
        TableFixture f = TableFixture.seated(NL.withButtonRule(ButtonRule.MOVING), 1_000, 1_000, 1_000, 1_000);
        f.deal(BOARD, "AhAd", "KhKd", "QhQd", "JhJd"); // button 0, small blind 1, big blind 2
        foldAround(f);
        f.ok(new Leave(2));
        f.deal(BOARD, "AhAd", "KhKd", "QhQd");
        HandStarted h = lastHand(f);
        assertThat(List.of(h.button(), h.smallBlindSeat(), h.bigBlindSeat())).containsExactly(1, 3, 0);
    }
}
