package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.ServerMessage.YourTurn;
import dev.poker.protocol.TableView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class StrategyTest {
    private static final List<String> ALL = List.of("fold", "check", "call", "bet", "raise", "all_in");

    /** Any subset of the six actions with any amounts, including nonsense (minTo above maxTo, zeros). */
    @Provide
    Arbitrary<YourTurn> anyTurn() {
        Arbitrary<List<String>> actions = Arbitraries.of(ALL).set().ofMaxSize(6).map(ArrayList::new);
        Arbitrary<Long> amount = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2), Arbitraries.of(0L, 1L, 2L));
        return Combinators.combine(actions, Arbitraries.longs().between(0, 10_000), amount, amount,
                Arbitraries.integers().between(0, 9))
                .as((a, call, min, max, seat) -> new YourTurn("t1", 7, seat, a, call, min, max, 0, 0));
    }

    /** Turns as the engine offers them: check or call, bet or raise with 0 < minTo <= maxTo, all-in. */
    @Provide
    Arbitrary<YourTurn> engineTurn() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 100_000), Arbitraries.longs().between(0, 100_000),
                Arbitraries.longs().between(0, 5_000)).as((facing, canRaise, min, extra, call) -> {
                    List<String> a = new ArrayList<>(List.of("fold"));
                    a.add(facing ? "call" : "check");
                    if (canRaise) {
                        a.add(facing ? "raise" : "bet");
                    }
                    if (canRaise || facing) {
                        a.add("all_in");
                    }
                    return new YourTurn("t1", 3, 2, a, facing ? Math.max(1, call) : 0, canRaise ? min : 0,
                            canRaise ? min + extra : 0, 0, 0);
                });
    }

    private static TableKnowledge withPot(long pot) {
        TableKnowledge k = new TableKnowledge("t1");
        k.apply(new ServerMessage.Snapshot("t1", 1, new TableView("t1", "t", 6, 1, 2, 0, "none", 40, 200, 30_000, 3,
                0, "flop", List.of(), List.of(new TableView.PotView(pot, List.of(0, 1))), 0L, 0, null, null,
                List.of(), 0)));
        return k;
    }

    private static boolean anythingLegal(YourTurn t) {
        return Strategy.passive(t) != null;
    }

    @Property(tries = 2000)
    void simpleStrategyIsAlwaysLegal(@ForAll("anyTurn") YourTurn turn, @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double fold, @ForAll @DoubleRange(min = 0, max = 1) double aggr,
            @ForAll @DoubleRange(min = 0, max = 1) double allIn) {
        SimpleStrategy s = new SimpleStrategy(seed, fold, aggr, allIn);
        for (int i = 0; i < 20; i++) {
            Strategy.Decision d = s.decide(turn, null);
            assertThat(d).isNotNull();
            if (anythingLegal(turn)) {
                assertThat(Strategy.isLegal(d, turn)).as("%s for %s", d, turn).isTrue();
            }
        }
    }

    @Property(tries = 2000)
    void defaultSimpleStrategyIsLegalOnEngineTurnsAndNeverFoldsForFree(@ForAll("engineTurn") YourTurn turn,
            @ForAll long seed, @ForAll @LongRange(min = 0, max = 1_000_000_000L) long pot) {
        SimpleStrategy s = new SimpleStrategy(seed);
        TableKnowledge k = withPot(pot);
        for (int i = 0; i < 20; i++) {
            Strategy.Decision d = s.decide(turn, k);
            assertThat(Strategy.isLegal(d, turn)).as("%s for %s", d, turn).isTrue();
            if (turn.actions().contains("check")) {
                assertThat(d.action()).isNotEqualTo("fold");
            }
        }
    }

    @Property(tries = 2000)
    void callingStationIsAlwaysLegalAndPassive(@ForAll("anyTurn") YourTurn turn) {
        Strategy.Decision d = CallingStation.INSTANCE.decide(turn, null);
        if (anythingLegal(turn)) {
            assertThat(Strategy.isLegal(d, turn)).as("%s for %s", d, turn).isTrue();
        }
        if (turn.actions().contains("check")) {
            assertThat(d.action()).isEqualTo("check");
        } else if (turn.actions().contains("call")) {
            assertThat(d.action()).isEqualTo("call");
        }
    }

    @Test
    void simpleStrategyMostlyChecksOrCallsAndBetsSmall() {
        SimpleStrategy s = new SimpleStrategy(42);
        YourTurn open = new YourTurn("t1", 1, 0, List.of("fold", "check", "bet", "all_in"), 0, 2, 200, 0, 0);
        YourTurn facing = new YourTurn("t1", 1, 0, List.of("fold", "call", "raise", "all_in"), 10, 20, 200, 0, 0);
        Map<String, Integer> openCounts = new HashMap<>();
        Map<String, Integer> facingCounts = new HashMap<>();
        List<Long> sizes = new ArrayList<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Strategy.Decision d = s.decide(open, null);
            openCounts.merge(d.action(), 1, Integer::sum);
            if (d.action().equals("bet")) {
                sizes.add(d.amount());
            }
            facingCounts.merge(s.decide(facing, null).action(), 1, Integer::sum);
        }
        assertThat(openCounts.keySet()).isSubsetOf(Set.of("check", "bet", "all_in"));
        assertThat(openCounts.get("check")).isGreaterThan(n * 7 / 10);
        assertThat(openCounts.get("bet")).isGreaterThan(n / 20);
        assertThat(facingCounts.get("call")).isGreaterThan(n * 6 / 10);
        assertThat(facingCounts.get("fold")).isBetween(n / 20, n / 4);
        assertThat(facingCounts.get("raise")).isPositive();
        long small = sizes.stream().filter(x -> x <= 2 + (200 - 2) / 4).count();
        assertThat(small).as("bets near the minimum").isGreaterThan(sizes.size() * 6L / 10);
        assertThat(sizes).allMatch(x -> x >= 2 && x <= 200);
    }

    @Test
    void withAKnownPotBetsAreMostlyAtMostAPotOverTheMinimum() {
        SimpleStrategy s = new SimpleStrategy(5, 0, 1, 0);
        YourTurn open = new YourTurn("t1", 1, 0, List.of("fold", "check", "bet", "all_in"), 0, 2, 10_000, 0, 0);
        TableKnowledge k = withPot(30);
        assertThat(k.pot()).isEqualTo(30);
        int n = 5_000;
        int withinPot = 0;
        for (int i = 0; i < n; i++) {
            Strategy.Decision d = s.decide(open, k);
            assertThat(d.action()).isEqualTo("bet");
            if (d.amount() <= 2 + 30) {
                withinPot++;
            }
        }
        assertThat(withinPot).isGreaterThan(n * 9 / 10);
    }

    @Test
    void sameSeedSameDecisions() {
        YourTurn facing = new YourTurn("t1", 1, 0, List.of("fold", "call", "raise", "all_in"), 10, 20, 200, 0, 0);
        SimpleStrategy a = new SimpleStrategy(7);
        SimpleStrategy b = new SimpleStrategy(7);
        for (int i = 0; i < 500; i++) {
            assertThat(a.decide(facing, null)).isEqualTo(b.decide(facing, null));
        }
    }

    @Test
    void isLegalChecksActionAndAmount() {
        YourTurn t = new YourTurn("t1", 1, 0, List.of("fold", "call", "raise"), 10, 20, 200, 0, 0);
        assertThat(Strategy.isLegal(Strategy.Decision.raiseTo(20), t)).isTrue();
        assertThat(Strategy.isLegal(Strategy.Decision.raiseTo(200), t)).isTrue();
        assertThat(Strategy.isLegal(Strategy.Decision.raiseTo(19), t)).isFalse();
        assertThat(Strategy.isLegal(Strategy.Decision.raiseTo(201), t)).isFalse();
        assertThat(Strategy.isLegal(Strategy.Decision.betTo(50), t)).isFalse();
        assertThat(Strategy.isLegal(Strategy.Decision.check(), t)).isFalse();
        assertThat(Strategy.isLegal(new Strategy.Decision("call", 10L), t)).isFalse();
        assertThat(Strategy.isLegal(Strategy.Decision.call(), t)).isTrue();
        assertThat(Strategy.isLegal(null, t)).isFalse();
    }
}
