package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.ContinueHand;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

/**
 * A table's log cut back at any event (as a log that lost the tail of a write, then rebuilt) leaves the
 * hand either waiting for a player, ended, or stuck inside a decision's consequences; {@link ContinueHand}
 * moves a stuck hand on to a player's turn or its end, with every chip accounted for and the state still
 * the replay of its log.
 */
class ContinueHandProperties {

    @Property(tries = 200)
    void aLogCutAnywhereCanContinue(@ForAll("tables") ActionChain<TableFixture> chain,
            @ForAll @IntRange(min = 0, max = 10_000) int cutAt) {
        TableFixture played = chain.run();
        List<TableEvent> log = played.log;
        int cut = log.isEmpty() ? 0 : cutAt % (log.size() + 1);
        TableState state = new TableState(played.config);
        List<TableEvent> replayed = new ArrayList<>(log.subList(0, cut));
        List<TableEvent> hand = new ArrayList<>();
        for (TableEvent e : replayed) {
            state.apply(e);
            if (e instanceof TableEvent.HandStarted) {
                hand.clear();
            }
            hand.add(e);
        }
        TableEngine engine = new TableEngine(new SeededDeckSource(1));
        boolean stuck = state.handRunning() && state.toAct() < 0;
        Statistics.label("cut").collect(stuck ? "inside a decision" : state.handRunning() ? "at a turn" : "between hands");
        Decision d = engine.handle(state, new ContinueHand(ContinueHand.from(hand, state)), 2_000_000);
        if (!stuck) {
            assertThat(d.accepted()).as("nothing to continue").isFalse();
            return;
        }
        assertThat(d.accepted()).isTrue();
        replayed.addAll(d.events());
        assertThat(state.toAct() >= 0 || !state.handRunning()).as("someone is to act, or the hand ended").isTrue();
        assertThat(state.chipsOnTable() + state.rakeCollected()).as("chips conserved")
                .isEqualTo(state.chipsAccountedFor());
        long pots = state.pots().stream().mapToLong(Pot::amount).sum();
        assertThat(pots).isEqualTo(state.potTotal());
        TableState replay = new TableState(played.config);
        replayed.forEach(replay::apply);
        assertThat(replay.stateHash()).as("replay equals live state").isEqualTo(state.stateHash());
    }

    @Provide
    Arbitrary<ActionChain<TableFixture>> tables() {
        return new TableActionChainProperties().tables();
    }
}
