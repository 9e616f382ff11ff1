package dev.poker.engine.phh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Game;
import dev.poker.engine.phh.ReplayResult.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Hands played by the engine, exported with {@link PhhWriter}, read back with {@link PhhParser} and
 * replayed with {@link PhhReplayer} end with the same stacks: random tables of 2-10 players, random
 * blinds, antes and stacks, several hands in a row (so the button moves), random legal decisions.
 */
class PhhRoundTripTest {

    private static List<BigDecimal> expectedStacks(RandomHands.Played p, PhhHand h) {
        List<BigDecimal> out = new ArrayList<>();
        for (int seat : h.seats()) {
            out.add(BigDecimal.valueOf(p.stacksAfter()[seat - 1]));
        }
        return out;
    }

    @Property(tries = 300)
    void anExportedHandReplaysToTheSameStacks(@ForAll long seed) throws PhhFormatException {
        for (RandomHands.Played p : RandomHands.table(seed, 3)) {
            String text = PhhWriter.export(p.events(), p.config(), seat -> true);
            PhhHand h = PhhParser.parse(text);
            ReplayResult r = PhhReplayer.replay(h);
            assertThat(r.status()).as("%s%n%s", r.reason(), text).isEqualTo(Status.PASSED);
            List<BigDecimal> expected = expectedStacks(p, h);
            assertThat(h.finishingStacks()).as(text).isEqualTo(expected);
            assertThat(r.stacks()).as(text).isEqualTo(expected);
        }
    }

    /** The same at pot-limit Omaha tables: variant {@code PO}, four hole cards, pot-limit raises. */
    @Property(tries = 150)
    void anExportedPotLimitOmahaHandReplaysToTheSameStacks(@ForAll long seed) throws PhhFormatException {
        for (RandomHands.Played p : RandomHands.table(seed, 3, Game.POT_LIMIT_OMAHA)) {
            String text = PhhWriter.export(p.events(), p.config(), seat -> true);
            PhhHand h = PhhParser.parse(text);
            assertThat(h.variant()).isEqualTo("PO");
            ReplayResult r = PhhReplayer.replay(h);
            assertThat(r.status()).as("%s%n%s", r.reason(), text).isEqualTo(Status.PASSED);
            assertThat(r.stacks()).as(text).isEqualTo(expectedStacks(p, h));
        }
    }

    @Property(tries = 100)
    void hiddenHoleCardsAreNeverPassedOnAGuess(@ForAll long seed) throws PhhFormatException {
        for (RandomHands.Played p : RandomHands.table(seed, 3)) {
            String text = PhhWriter.export(p.events(), p.config(), seat -> false);
            PhhHand h = PhhParser.parse(text);
            ReplayResult r = PhhReplayer.replay(h);
            if (r.status() == Status.SKIPPED) {
                assertThat(r.category()).as(text).isEqualTo("unknown cards");
            } else {
                assertThat(r.status()).as("%s%n%s", r.reason(), text).isEqualTo(Status.PASSED);
                assertThat(r.stacks()).as(text).isEqualTo(expectedStacks(p, h));
            }
        }
    }

    @Property(tries = 50)
    void manyHandsInOnePhhsFileReadBackInOrder(@ForAll long seed) throws PhhFormatException {
        List<PhhHand> hands = new ArrayList<>();
        for (RandomHands.Played p : RandomHands.table(seed, 4)) {
            hands.add(PhhWriter.toHand(p.events(), p.config(), seat -> true, "t"));
        }
        List<PhhHand> back = PhhParser.parseAll(PhhWriter.writeAll(hands));
        assertThat(back).hasSameSizeAs(hands);
        for (int i = 0; i < hands.size(); i++) {
            assertThat(back.get(i).name()).isEqualTo(Integer.toString(i + 1));
            assertThat(back.get(i)).usingRecursiveComparison().ignoringFields("name", "line").isEqualTo(hands.get(i));
            assertThat(PhhReplayer.replay(back.get(i)).status()).isEqualTo(Status.PASSED);
        }
    }
}
