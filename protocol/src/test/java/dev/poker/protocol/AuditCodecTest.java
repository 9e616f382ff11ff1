package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.Action;
import dev.poker.engine.AnteType;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.Game;
import dev.poker.engine.LegalActions;
import dev.poker.engine.Rake;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditCodecTest {
    final AuditCodec codec = new AuditCodec();

    @Test
    void everyEventOfManyHandsRoundTripsAndTheReplayedStateIsTheSame() {
        roundTripManyHands(TableConfig.cash(6, 5, 10).withAnte(1, AnteType.PER_PLAYER).withRake(new Rake(500, 30))
                .withBuyIn(1, 100_000));
    }

    @Test
    void potLimitOmahaHandsRoundTripToo() {
        roundTripManyHands(TableConfig.cash(6, 5, 10).withBuyIn(1, 100_000).withGame(Game.POT_LIMIT_OMAHA));
    }

    @Test
    void aTableConfigStoredBeforeGamesExistedIsHoldem() {
        String stored = "{\"seats\":6,\"smallBlind\":5,\"bigBlind\":10,\"ante\":0,\"anteType\":\"NONE\","
                + "\"minBuyIn\":200,\"maxBuyIn\":1000,\"actionTimeMs\":15000,\"timeBankMs\":30000,"
                + "\"maxConsecutiveTimeouts\":2,\"rake\":{\"basisPoints\":0,\"cap\":0}}";
        TableConfig config = codec.config(stored);
        assertThat(config.game()).isEqualTo(Game.NO_LIMIT_HOLDEM);
        assertThat(config).isEqualTo(TableConfig.cash(6, 5, 10).withBuyIn(200, 1000));
        TableConfig plo = config.withGame(Game.POT_LIMIT_OMAHA);
        assertThat(codec.config(plo)).contains("\"game\":\"POT_LIMIT_OMAHA\"");
        assertThat(codec.config(codec.config(plo))).isEqualTo(plo);
    }

    private void roundTripManyHands(TableConfig config) {
        TableState live = new TableState(config);
        TableEngine engine = new TableEngine(new SeededDeckSource(7));
        List<TableEvent> log = new ArrayList<>();
        long now = 1_000;
        for (int seat = 0; seat < 6; seat++) {
            log.addAll(engine.handle(live, new Command.SitDown("p" + seat, seat, 500 + seat * 100L, false), now).events());
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2_000 && live.handsCompleted() < 50; i++) {
            Decision d;
            LegalActions legal = TableEngine.legalActions(live);
            if (legal == null) {
                d = engine.handle(live, new Command.StartHand(), now);
                if (!d.accepted()) {
                    break;
                }
            } else {
                List<Action> actions = List.copyOf(legal.actions());
                Action a = actions.get(random.nextInt(actions.size()));
                d = engine.handle(live, new Command.Act(legal.seat(), legal.handNumber(), a, legal.minTo()), now);
            }
            log.addAll(d.events());
            now += 1_000;
        }
        TableState replay = new TableState(codec.config(codec.config(config)));
        Set<String> kinds = new HashSet<>();
        for (TableEvent e : log) {
            String kind = AuditCodec.kind(e);
            kinds.add(kind);
            TableEvent back = codec.event(kind, codec.payload(e));
            assertThat(back).isEqualTo(e);
            replay.apply(back);
        }
        assertThat(replay.stateHash()).isEqualTo(live.stateHash());
        assertThat(kinds).contains("HandStarted", "HoleCardsDealt", "ActionTaken", "PotAwarded", "HandEnded");
    }

    @Test
    void aTableConfigWithTheRulesOfIssue12RoundTripsAndOneStoredBeforeThemTakesTheDefaults() {
        TableConfig config = TableConfig.cash(9, 1, 2)
                .withStraddle(new dev.poker.engine.Straddle(dev.poker.engine.Straddle.Position.BUTTON, 5))
                .withButtonRule(dev.poker.engine.ButtonRule.MOVING)
                .withTimeBankRefill(new dev.poker.engine.TimeBankRefill(5_000, 10, 60_000));
        assertThat(codec.config(codec.config(config))).isEqualTo(config);

        String stored = "{\"seats\":6,\"smallBlind\":5,\"bigBlind\":10,\"ante\":0,\"anteType\":\"NONE\","
                + "\"minBuyIn\":200,\"maxBuyIn\":1000,\"actionTimeMs\":15000,\"timeBankMs\":30000,"
                + "\"maxConsecutiveTimeouts\":2,\"rake\":{\"basisPoints\":0,\"cap\":0}}";
        TableConfig old = codec.config(stored);
        assertThat(old.straddle()).isEqualTo(dev.poker.engine.Straddle.NONE);
        assertThat(old.buttonRule()).isEqualTo(dev.poker.engine.ButtonRule.DEAD);
        assertThat(old.timeBankRefill()).isEqualTo(dev.poker.engine.TimeBankRefill.NONE);
    }

    @Test
    void unknownKindsAndBadPayloadsAreClearErrors() {
        assertThatThrownBy(() -> codec.event("Nope", "{}")).hasMessageContaining("unknown event kind");
        assertThatThrownBy(() -> codec.event("ActionTaken", "{\"seat\":")).hasMessageContaining("cannot read");
    }
}
