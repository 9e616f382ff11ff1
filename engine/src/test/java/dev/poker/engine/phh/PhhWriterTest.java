package dev.poker.engine.phh;

import static dev.poker.engine.phh.PhhParserTest.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.Action;
import dev.poker.engine.AnteType;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.Rake;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.ScriptedDeckSource;
import dev.poker.engine.phh.ReplayResult.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhhWriterTest {

    /** A table driven by hand; every event of the hand is kept. */
    private static final class Table {
        final TableState state;
        final TableEngine engine;
        final ScriptedDeckSource deck = new ScriptedDeckSource();
        final List<TableEvent> events = new ArrayList<>();

        Table(TableConfig config) {
            state = new TableState(config);
            engine = new TableEngine(deck);
        }

        Table sit(String player, int seat, long stack) {
            return run(new Command.SitDown(player, seat, stack, false));
        }

        Table run(Command c) {
            Decision d = engine.handle(state, c, 0);
            assertThat(d.accepted()).as("%s: %s", c, d).isTrue();
            events.addAll(d.events());
            return this;
        }

        Table act(int seat, Action action, long to) {
            return run(new Command.Act(seat, state.handNumber(), action, to));
        }

        Table act(int seat, Action action) {
            return act(seat, action, 0);
        }
    }

    private static List<Card> cards(String text) {
        return Card.parseAll(text);
    }

    private static TableConfig config(int seats, AnteType anteType, long ante, Rake rake) {
        return new TableConfig(seats, 1, 2, ante, anteType, 1, 10_000, 15_000, 0, 0, rake);
    }

    /** Three players at seats 2 (button), 5 (small blind), 7 (big blind) of nine; bob's kings beat alice's queens. */
    private static Table threeHanded(Rake rake) {
        Table t = new Table(config(9, AnteType.NONE, 0, rake));
        t.sit("alice", 2, 200).sit("bob", 5, 150).sit("carol", 7, 100);
        // dealt from the small blind: bob, carol, alice
        t.deck.addHand(List.of(cards("AhKh"), cards("7c2d"), cards("QsQd")), cards("Kd8c3s4h9d"));
        t.run(new Command.StartHand());
        t.act(2, Action.RAISE, 6).act(5, Action.CALL).act(7, Action.FOLD);
        t.act(5, Action.CHECK).act(2, Action.BET, 10).act(5, Action.CALL);
        t.act(5, Action.CHECK).act(2, Action.CHECK);
        t.act(5, Action.CHECK).act(2, Action.CHECK);
        assertThat(t.state.handRunning()).isFalse();
        return t;
    }

    @Test
    void exportsAHandFromTheSmallBlindToTheButtonShowingOnlyWhatMayBeSeen() throws Exception {
        Table t = threeHanded(Rake.NONE);
        // as carol (seat 7) may see it: her own cards, bob's shown cards, not alice's mucked ones
        String text = PhhWriter.export(t.events, t.state.config(), seat -> seat == 7, "Main");
        assertThat(text).isEqualTo("""
                variant = "NT"
                antes = [0, 0, 0]
                blinds_or_straddles = [1, 2, 0]
                min_bet = 2
                starting_stacks = [150, 100, 200]
                actions = [
                  "d dh p1 AhKh",
                  "d dh p2 7c2d",
                  "d dh p3 ????",
                  "p3 cbr 6",
                  "p1 cc",
                  "p2 f",
                  "d db Kd8c3s",
                  "p1 cc",
                  "p3 cbr 10",
                  "p1 cc",
                  "d db 4h",
                  "p1 cc",
                  "p3 cc",
                  "d db 9d",
                  "p1 cc",
                  "p3 cc",
                  "p1 sm AhKh",
                  "p3 sm",
                ]
                hand = 1
                table = "Main"
                seats = [6, 8, 3]
                players = ["bob", "carol", "alice"]
                finishing_stacks = [168, 98, 184]
                seat_count = 9
                """);
        // alice's hand went to the showdown unseen: the outcome cannot be checked
        ReplayResult hidden = PhhReplayer.replay(PhhParser.parse(text));
        assertThat(hidden.status()).isEqualTo(Status.SKIPPED);
        assertThat(hidden.reason()).isEqualTo("unknown cards: the showdown involves unknown hole cards of p3");

        String all = PhhWriter.export(t.events, t.state.config(), seat -> true);
        assertThat(all).contains("\"d dh p3 QsQd\"").doesNotContain("table =");
        ReplayResult r = PhhReplayer.replay(PhhParser.parse(all));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
        assertThat(r.stacks()).isEqualTo(dec("168", "98", "184"));
    }

    @Test
    void headsUpP1IsTheBigBlindAndTheForcedBetsAreWrittenReversed() throws Exception {
        Table t = new Table(config(9, AnteType.BIG_BLIND, 2, Rake.NONE));
        t.sit("dave", 3, 100).sit("erin", 6, 100);
        // heads-up the button (dave) is the small blind and is dealt first
        t.deck.addHand(List.of(cards("2c7d"), cards("AsAd")), cards("KdQdJd2h3h"));
        t.run(new Command.StartHand());
        assertThat(t.state.button()).isEqualTo(3);
        t.act(3, Action.FOLD);
        PhhHand h = PhhWriter.toHand(t.events, t.state.config(), seat -> false, null);
        assertThat(h.players()).containsExactly("erin", "dave");
        assertThat(h.seats()).containsExactly(7, 4);
        assertThat(h.antes()).isEqualTo(dec("0", "2"));
        assertThat(h.blindsOrStraddles()).isEqualTo(dec("1", "2"));
        assertThat(h.anteTrimmingStatus()).isTrue();
        assertThat(h.actions()).containsExactly("d dh p1 ????", "d dh p2 ????", "p2 f");
        assertThat(h.finishingStacks()).isEqualTo(dec("101", "99"));

        ReplayResult r = PhhReplayer.replay(PhhParser.parse(PhhWriter.write(h)));
        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASSED);
    }

    @Test
    void rakeIsWrittenAsAFieldAndSkippedOnReplay() throws Exception {
        Table t = threeHanded(new Rake(500, 0));
        PhhHand h = PhhWriter.toHand(t.events, t.state.config(), seat -> true, null);
        assertThat(h.extra()).containsEntry("rake", "1");
        assertThat(h.finishingStacks()).isEqualTo(dec("167", "98", "184"));
        ReplayResult r = PhhReplayer.replay(PhhParser.parse(PhhWriter.write(h)));
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.category()).isEqualTo("rake");
    }

    @Test
    void stringsAreEscapedAndKeysQuotedWhenNeeded() throws Exception {
        PhhHand h = new PhhHand("hand one", 1, "NT", null, null, null, null, List.of("p1 f # \"quoted\""),
                List.of("a\\b", "tab\there", "new\nline", "\u0001"), null, null, null, "007", "12", null,
                java.util.Map.of("my key", "1"));
        String text = PhhWriter.writeAll(List.of(h));
        assertThat(text).startsWith("[\"hand one\"]\n").contains("hand = \"007\"\n").contains("table = 12\n")
                .contains("\"my key\" = 1\n").contains("\"p1 f # \\\"quoted\\\"\"");
        PhhHand back = PhhParser.parse(text);
        assertThat(back.players()).isEqualTo(h.players());
        assertThat(back.actions()).isEqualTo(h.actions());
        assertThat(back.name()).isEqualTo("hand one");
        assertThat(back.hand()).isEqualTo("007");
        assertThat(back.extra()).containsEntry("my key", "1");
    }

    @Test
    void eventsWithoutACompleteHandAreRefused() {
        Table t = new Table(config(6, AnteType.NONE, 0, Rake.NONE));
        t.sit("a", 0, 100).sit("b", 1, 100);
        assertThatThrownBy(() -> PhhWriter.export(t.events, t.state.config(), s -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no HandStarted");
        t.deck.addHand(List.of(cards("2c7d"), cards("AsAd")), cards("KdQdJd2h3h"));
        t.run(new Command.StartHand());
        assertThatThrownBy(() -> PhhWriter.export(t.events, t.state.config(), s -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no HandEnded");
    }
}
