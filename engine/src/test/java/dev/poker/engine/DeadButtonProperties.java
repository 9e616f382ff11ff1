package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.TableEvent.HandStarted;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The dead-button rule over random sequences of hands (played with random legal decisions, so players
 * bust), players sitting down (waiting for the big blind or posting), leaving, sitting out and back in:
 * nobody posts the big blind twice in a row, and between two big blinds of a player who played every
 * hand in between, every other player who played all those hands from the same seat posted it exactly once.
 */
class DeadButtonProperties {

    /** One hand: who had the big blind, and who was dealt in at which seat. */
    private record Hand(String bigBlind, List<String> dealtIn) {}

    @Property(tries = 200)
    void everyPlayerPostsTheBigBlindOncePerOrbitAndNeverTwiceInARow(@ForAll long seed,
            @ForAll @IntRange(min = 3, max = 10) int seats, @ForAll @IntRange(min = 20, max = 80) int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        TableFixture f = new TableFixture(TableConfig.cash(seats, 5, 10).withBuyIn(20, 400), new SeededDeckSource(seed));
        int joined = 0;
        for (int step = 0; step < steps; step++) {
            int seat = random.nextInt(seats);
            SeatState s = f.state.seat(seat);
            int what = random.nextInt(10);
            if (what < 5) {
                if (TableEngine.canStartHand(f.state)) {
                    f.ok(new StartHand());
                    f.playToTheEnd(random);
                }
            } else if (what < 7 && s == null) {
                f.ok(new SitDown("p" + joined++, seat, 20 + random.nextInt(381), random.nextInt(3) == 0));
            } else if (what == 7 && s != null) {
                f.ok(new Leave(seat));
            } else if (what == 8 && s != null && !s.sittingOut()) {
                f.ok(new SitOut(seat));
            } else if (what == 9 && s != null && s.sittingOut()) {
                if (s.stack() == 0) {
                    f.ok(new TopUp(seat, 100));
                }
                f.ok(new SitIn(seat, random.nextBoolean()));
            }
        }
        List<Hand> hands = hands(f);
        Statistics.collect(hands.size() < 5 ? "<5 hands" : hands.size() < 15 ? "5-14 hands" : "15+ hands");
        for (int h = 1; h < hands.size(); h++) {
            assertThat(hands.get(h).bigBlind()).as("hand %d: the big blind twice in a row; log %s", h + 1, f.log)
                    .isNotEqualTo(hands.get(h - 1).bigBlind());
        }
        for (int a = 0; a < hands.size(); a++) {
            String player = hands.get(a).bigBlind();
            int b = nextBigBlind(hands, a, player);
            if (b < 0 || !playedThroughout(hands, a, b, player)) {
                continue;
            }
            for (String other : hands.get(a).dealtIn()) {
                if (other.equals(player) || !playedThroughout(hands, a, b, other)) {
                    continue;
                }
                long posted = hands.subList(a + 1, b).stream().filter(x -> x.bigBlind().equals(other)).count();
                assertThat(posted).as("%s's big blinds between %s's in hands %d and %d", other.split("@")[0],
                        player.split("@")[0], a + 1, b + 1).isEqualTo(1);
            }
        }
    }

    /** The hands played, each player named with their seat ("p3@5"): a player who moves seats is someone new. */
    private static List<Hand> hands(TableFixture f) {
        List<Hand> hands = new ArrayList<>();
        for (HandStarted h : f.events(HandStarted.class)) {
            List<String> dealt = new ArrayList<>();
            String bigBlind = null;
            for (int i = 0; i < h.dealtIn().size(); i++) {
                String who = h.players().get(i) + "@" + h.dealtIn().get(i);
                dealt.add(who);
                if (h.dealtIn().get(i) == h.bigBlindSeat()) {
                    bigBlind = who;
                }
            }
            hands.add(new Hand(bigBlind, dealt));
        }
        return hands;
    }

    private static int nextBigBlind(List<Hand> hands, int from, String player) {
        for (int h = from + 1; h < hands.size(); h++) {
            if (hands.get(h).bigBlind().equals(player)) {
                return h;
            }
        }
        return -1;
    }

    private static boolean playedThroughout(List<Hand> hands, int a, int b, String player) {
        for (int h = a; h <= b; h++) {
            if (!hands.get(h).dealtIn().contains(player)) {
                return false;
            }
        }
        return true;
    }
}
