package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * {@link TableActionChainProperties}' random command chains at pot-limit Omaha tables: chips are conserved,
 * the state equals a replay of its log, rejected commands change nothing; and, at every decision, the largest
 * bet or raise offered never exceeds the pot limit ({@code currentBet + pot + call}) nor the stack.
 */
class PotLimitOmahaChainProperties {

    @Property(tries = 150)
    void invariantsHoldAndRaisesStayWithinThePot(@ForAll("tables") ActionChain<TableFixture> chain) {
        chain.withInvariant("chips, stacks, pots, replay", TableFixture::checkInvariants)
                .withInvariant("pot limit", PotLimitOmahaChainProperties::withinThePotLimit).run();
    }

    static void withinThePotLimit(TableFixture f) {
        LegalActions legal = TableEngine.legalActions(f.state);
        if (legal == null || legal.maxTo() == 0) {
            return;
        }
        SeatState s = f.state.seat(legal.seat());
        long call = Math.max(0, f.state.currentBet() - s.streetBet());
        long potLimit = f.state.currentBet() + f.state.potTotal() + call;
        assertThat(legal.maxTo()).as("maxTo").isLessThanOrEqualTo(Math.max(potLimit, legal.minTo()))
                .isLessThanOrEqualTo(s.streetBet() + s.stack());
        assertThat(legal.minTo()).as("minTo").isLessThanOrEqualTo(legal.maxTo());
    }

    @Provide
    Arbitrary<ActionChain<TableFixture>> tables() {
        Arbitrary<TableConfig> configs = Combinators.combine(
                Arbitraries.integers().between(2, 10),
                Arbitraries.longs().between(1, 200),
                Arbitraries.of(AnteType.values()),
                Arbitraries.longs().between(0, 60)).as((seats, bb, anteType, ante) ->
                        new TableConfig(seats, bb / 2, bb, ante, anteType, 1, bb * 300, 10_000, 20_000, 3, Rake.NONE,
                                Game.POT_LIMIT_OMAHA));
        return TableActionChainProperties.chains(configs);
    }
}
