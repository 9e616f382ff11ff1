package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.*;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.DeckSource;
import dev.poker.engine.deck.ScriptedDeckSource;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives one table in a test: seats players, deals scripted cards, acts, and checks after every
 * command that the state equals a replay of the log and that chips are conserved.
 *
 * <p>Concurrency: test thread only.
 */
public final class TableFixture {
    public final TableConfig config;
    public final TableState state;
    public final ScriptedDeckSource decks = new ScriptedDeckSource();
    public final TableEngine engine;
    public final List<TableEvent> log = new ArrayList<>();
    public long now = 1_000_000;

    public TableFixture(TableConfig config) {
        this(config, new SeededDeckSource(1));
    }

    /** Scripted decks first (see {@link #deal}); when none is queued, decks from {@code fallback}. */
    public TableFixture(TableConfig config, DeckSource fallback) {
        this.config = config;
        this.state = new TableState(config);
        this.engine = new TableEngine(() -> decks.remaining() > 0 ? decks.next() : fallback.next());
    }

    /** Sends any command: accepted ones are logged, rejected ones must leave the state untouched. */
    public Decision attempt(Command c) {
        long before = state.stateHash();
        Decision d = engine.handle(state, c, now);
        if (d instanceof Decision.Accepted a) {
            log.addAll(a.events());
        } else {
            assertThat(state.stateHash()).as("rejected %s changed the state", c).isEqualTo(before);
        }
        return d;
    }

    /** A table with a player "p{seat}" at each seat 0..n-1 holding the given stack. */
    public static TableFixture seated(TableConfig config, long... stacks) {
        TableFixture f = new TableFixture(config.withBuyIn(1, Long.MAX_VALUE / 4));
        for (int i = 0; i < stacks.length; i++) {
            f.ok(new SitDown("p" + i, i, stacks[i], false));
        }
        return f;
    }

    public List<TableEvent> ok(Command c) {
        Decision d = engine.handle(state, c, now);
        assertThat(d).as("command %s", c).isInstanceOf(Decision.Accepted.class);
        log.addAll(d.events());
        checkInvariants();
        return d.events();
    }

    public Rejection rejected(Command c, RejectCode code) {
        long before = state.stateHash();
        Decision d = engine.handle(state, c, now);
        assertThat(d).as("command %s", c).isInstanceOf(Decision.Rejected.class);
        Rejection r = ((Decision.Rejected) d).rejection();
        assertThat(r.code()).as("rejection of %s: %s", c, r.message()).isEqualTo(code);
        assertThat(state.stateHash()).as("a rejection changes nothing").isEqualTo(before);
        return r;
    }

    /** Starts a hand dealing these hole cards (in deal order: small blind first) and this board. */
    public List<TableEvent> deal(String board, String... holes) {
        List<List<Card>> hole = new ArrayList<>();
        for (String h : holes) {
            hole.add(Card.parseAll(h));
        }
        decks.addHand(hole, Card.parseAll(board));
        return ok(new StartHand());
    }

    public List<TableEvent> act(int seat, Action action, long amount) {
        return ok(new Act(seat, state.handNumber(), action, amount));
    }

    public List<TableEvent> act(int seat, Action action) {
        return act(seat, action, 0);
    }

    /** The player to act picks a random legal action and amount until the hand is over. */
    public void playToTheEnd(java.util.SplittableRandom random) {
        while (state.handRunning()) {
            LegalActions legal = TableEngine.legalActions(state);
            List<Action> actions = List.copyOf(legal.actions());
            Action action = actions.get(random.nextInt(actions.size()));
            long amount = legal.minTo() + (long) ((legal.maxTo() - legal.minTo()) * random.nextDouble());
            ok(new Act(legal.seat(), legal.handNumber(), action, amount));
        }
    }

    public long stack(int seat) {
        return state.seat(seat).stack();
    }

    public long[] stacks() {
        long[] s = new long[state.seatCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = state.seat(i) == null ? -1 : state.seat(i).stack();
        }
        return s;
    }

    public void checkInvariants() {
        assertThat(state.chipsOnTable() + state.rakeCollected()).as("chips conserved")
                .isEqualTo(state.chipsAccountedFor());
        for (int i = 0; i < state.seatCount(); i++) {
            if (state.seat(i) != null) {
                assertThat(state.seat(i).stack()).as("stack of seat %d", i).isGreaterThanOrEqualTo(0);
            }
        }
        long pots = state.pots().stream().mapToLong(Pot::amount).sum();
        assertThat(pots).as("pots add up to the chips in the middle").isEqualTo(state.potTotal());
        TableState replay = new TableState(state.config());
        log.forEach(replay::apply);
        assertThat(replay.stateHash()).as("replay equals live state").isEqualTo(state.stateHash());
    }

    @SuppressWarnings("unchecked")
    public <T extends TableEvent> List<T> events(Class<T> type) {
        return (List<T>) log.stream().filter(type::isInstance).toList();
    }

    @Override
    public String toString() {
        return Arrays.toString(stacks());
    }
}
