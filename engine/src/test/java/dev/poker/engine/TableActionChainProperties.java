package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random legal and illegal commands against tables of 2 to 10 seats with random stacks, blinds and
 * antes; after every step: chips conserved, no negative stack, pots equal the chips in the middle,
 * rejected commands change nothing, and replaying the log gives the live state.
 */
class TableActionChainProperties {

    @Property(tries = 300)
    void invariantsHoldUnderRandomCommands(@ForAll("tables") ActionChain<TableFixture> chain) {
        TableFixture end = chain.withInvariant("chips, stacks, pots, replay", TableFixture::checkInvariants).run();
        long hands = end.state.handsCompleted();
        Statistics.label("hands completed").collect(hands == 0 ? "0" : hands < 3 ? "1-2" : "3+");
        Statistics.label("showdowns").collect(end.events(TableEvent.CardsShown.class).isEmpty() ? "none" : "some");
    }

    @Provide
    Arbitrary<ActionChain<TableFixture>> tables() {
        Arbitrary<TableConfig> configs = Combinators.combine(
                Arbitraries.integers().between(2, 10),
                Arbitraries.longs().between(1, 200),
                Arbitraries.of(AnteType.values()),
                Arbitraries.longs().between(0, 60),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.longs().between(0, 50),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 11)).as((seats, bb, anteType, ante, rakeBp, cap, seed, rules) -> {
                    long sb = bb / 2;
                    // the straddle (none, under the gun, button), the button rule and a refilling time bank
                    Straddle straddle = Straddle.twiceTheBigBlind(Straddle.Position.values()[rules % 3], bb);
                    ButtonRule button = ButtonRule.values()[rules / 3 % 2];
                    TimeBankRefill refill = rules / 6 == 0 ? TimeBankRefill.NONE : new TimeBankRefill(5_000, 2, 30_000);
                    return new TableConfig(seats, sb, bb, ante, anteType, 1, bb * 300, 10_000, 20_000, 3,
                            new Rake(rakeBp, cap), straddle, button, refill);
                });
        return chains(configs);
    }

    /** Random command chains at tables of these configs, with 2..10 players seated at random. */
    static Arbitrary<ActionChain<TableFixture>> chains(Arbitrary<TableConfig> configs) {
        return Combinators.combine(configs, Arbitraries.longs(), Arbitraries.integers().between(2, 10))
                .as((config, seed, players) -> new Object[] {config, seed, players})
                .flatMap(p -> ActionChain.<TableFixture>startWith(() -> seatedTable((TableConfig) p[0], (Long) p[1],
                                (Integer) p[2]))
                        .withAction(5, new PlayLegally())
                        .withAction(2, new AnyDecision())
                        .withAction(2, new StartHandAction())
                        .withAction(1, new Seating())
                        .withAction(1, new ClockRunsOut())
                        .withMaxTransformations(120));
    }

    static TableFixture seatedTable(TableConfig config, long seed, int players) {
        TableFixture f = new TableFixture(config, new SeededDeckSource(seed));
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int seat = 0; seat < Math.min(players, config.seats()); seat++) {
            long stack = 1 + random.nextLong(config.maxBuyIn());
            f.ok(new SitDown("p" + seat, seat, stack, random.nextBoolean()));
        }
        return f;
    }

    /** The player to act picks one of their legal actions with a legal amount. */
    static final class PlayLegally implements Action.Dependent<TableFixture> {
        @Override
        public boolean precondition(TableFixture f) {
            return f.state.toAct() >= 0;
        }

        @Override
        public Arbitrary<Transformer<TableFixture>> transformer(TableFixture f) {
            LegalActions legal = TableEngine.legalActions(f.state);
            List<dev.poker.engine.Action> actions = List.copyOf(legal.actions());
            return Combinators.combine(Arbitraries.of(actions), Arbitraries.doubles().between(0, 1))
                    .as((action, fraction) -> {
                        long amount = legal.minTo() + (long) ((legal.maxTo() - legal.minTo()) * fraction);
                        Act act = new Act(legal.seat(), legal.handNumber(), action, amount);
                        return Transformer.mutate("legal " + act, t -> {
                            Decision d = t.attempt(act);
                            assertThat(d.accepted()).as("legal %s refused: %s", act, d).isTrue();
                        });
                    });
        }
    }

    /** Any seat tries any action with any amount: out of turn, below minimum, above the stack... */
    static final class AnyDecision implements Action.Dependent<TableFixture> {
        @Override
        public Arbitrary<Transformer<TableFixture>> transformer(TableFixture f) {
            long hand = f.state.handNumber();
            return Combinators.combine(
                    Arbitraries.integers().between(-1, f.state.seatCount()),
                    Arbitraries.of(dev.poker.engine.Action.values()),
                    Arbitraries.longs().between(-5, f.config.maxBuyIn() * 2),
                    Arbitraries.longs().between(hand - 1, hand + 1)).as((seat, action, amount, handNumber) -> {
                        Act act = new Act(seat, handNumber, action, amount);
                        return Transformer.mutate("any " + act, t -> t.attempt(act));
                    });
        }
    }

    static final class StartHandAction implements Action.Independent<TableFixture> {
        @Override
        public Arbitrary<Transformer<TableFixture>> transformer() {
            return Arbitraries.just(Transformer.mutate("start hand", t -> t.attempt(new StartHand())));
        }
    }

    /** Sitting down, leaving, sitting out and in, topping up: valid or not. */
    static final class Seating implements Action.Dependent<TableFixture> {
        @Override
        public Arbitrary<Transformer<TableFixture>> transformer(TableFixture f) {
            int seats = f.state.seatCount();
            Arbitrary<Integer> seat = Arbitraries.integers().between(-1, seats);
            Arbitrary<Long> chips = Arbitraries.longs().between(-1, f.config.maxBuyIn() + 1);
            Arbitrary<Command> commands = Arbitraries.oneOf(
                    Combinators.combine(Arbitraries.integers().between(0, 12), seat, chips, Arbitraries.of(true, false))
                            .as((id, s, c, post) -> new SitDown("p" + id, s, c, post)),
                    seat.map(Leave::new),
                    seat.map(SitOut::new),
                    Combinators.combine(seat, Arbitraries.of(true, false)).as(SitIn::new),
                    Combinators.combine(seat, chips).as(TopUp::new));
            return commands.map(c -> Transformer.mutate(c.toString(), t -> t.attempt(c)));
        }
    }

    /** Time passes to the deadline of the player to act, and the clock fires. */
    static final class ClockRunsOut implements Action.Dependent<TableFixture> {
        @Override
        public boolean precondition(TableFixture f) {
            return f.state.toAct() >= 0;
        }

        @Override
        public Arbitrary<Transformer<TableFixture>> transformer(TableFixture f) {
            return Arbitraries.longs().between(-1_000, 1_000).map(skew -> Transformer.mutate("clock " + skew, t -> {
                long deadline = t.state.deadline();
                t.now = Math.max(t.now, deadline + skew);
                Decision d = t.attempt(new Timeout(t.state.toAct(), t.state.handNumber()));
                if (t.now >= deadline) {
                    assertThat(d.accepted()).as("a timeout at or after the deadline is accepted: %s", d).isTrue();
                } else {
                    assertThat(((Decision.Rejected) d).rejection().code()).isEqualTo(RejectCode.TOO_EARLY);
                }
            }));
        }
    }
}
