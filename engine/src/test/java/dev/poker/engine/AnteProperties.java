package dev.poker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.Command.SitDown;
import dev.poker.engine.TableEvent.ActionTaken;
import dev.poker.engine.TableEvent.ForcedBetPosted;
import dev.poker.engine.TableEvent.HandStarted;
import dev.poker.engine.TableEvent.PotAwarded;
import dev.poker.engine.TableEvent.Share;
import dev.poker.engine.cards.Card;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Antes are dead money in the main pot: whatever the stacks, every ante goes to the main pot, which every
 * player still in the hand can win; a player all-in for exactly the ante wins all antes of all players.
 * Each hand is played to its end with random legal decisions; {@link TableFixture} checks chip
 * conservation and that replaying the log gives the live state after every command.
 */
class AnteProperties {

    @Property(tries = 400)
    void everyAnteGoesToTheWinnersOfTheMainPot(
            @ForAll @Size(min = 2, max = 9) List<@LongRange(min = 1, max = 400) Long> stacks,
            @ForAll @LongRange(min = 1, max = 40) long ante, @ForAll boolean bigBlindAnte,
            @ForAll @LongRange(min = 1, max = 40) long bigBlind, @ForAll long seed) {
        TableFixture f = seated(config(stacks.size(), ante, bigBlindAnte, bigBlind), stacks, seed);
        f.ok(new Command.StartHand());
        f.playToTheEnd(new SplittableRandom(seed));

        long antes = anteTotal(f);
        List<Integer> notFolded = new ArrayList<>(f.events(HandStarted.class).get(0).dealtIn());
        f.events(ActionTaken.class).stream().filter(a -> a.action() == Action.FOLD)
                .forEach(a -> notFolded.remove(Integer.valueOf(a.seat())));
        PotAwarded main = f.events(PotAwarded.class).get(0);
        assertThat(main.pot()).isZero();
        assertThat(main.amount()).as("the main pot holds every ante").isGreaterThanOrEqualTo(antes);
        assertThat(main.eligible()).as("every player still in can win the main pot").isEqualTo(notFolded);
        assertThat(main.shares().stream().mapToLong(Share::amount).sum()).as("the main pot is paid out whole")
                .isEqualTo(main.amount());
    }

    @Property(tries = 300)
    void aPlayerAllInForExactlyTheAnteWinsEveryAnte(
            @ForAll @Size(min = 2, max = 9) List<@LongRange(min = 1, max = 400) Long> stacks,
            @ForAll @LongRange(min = 1, max = 40) long ante, @ForAll boolean bigBlindAnte,
            @ForAll @IntRange(min = 0, max = 8) int shortSeat, @ForAll @LongRange(min = 1, max = 40) long bigBlind,
            @ForAll long seed) {
        int n = stacks.size();
        // a fresh table puts the button on seat 0: the big blind is seat 1 heads-up, else seat 2
        int shortPlayer = bigBlindAnte ? (n == 2 ? 1 : 2) : shortSeat % n;
        List<Long> withShort = new ArrayList<>(stacks);
        withShort.set(shortPlayer, ante);
        TableFixture f = seated(config(n, ante, bigBlindAnte, bigBlind), withShort, seed);
        dealQuadAcesTo(f, shortPlayer, n, new SplittableRandom(seed));
        assertThat(f.events(ForcedBetPosted.class)).as("the short player is all-in on the ante")
                .contains(new ForcedBetPosted(shortPlayer, bigBlindAnte ? ForcedBet.BIG_BLIND_ANTE : ForcedBet.ANTE,
                        ante, true));
        f.playToTheEnd(new SplittableRandom(seed));

        assertThat(f.stack(shortPlayer)).as("the short player's four aces win every ante, nothing more")
                .isEqualTo(anteTotal(f));
    }

    private static TableConfig config(int seats, long ante, boolean bigBlindAnte, long bigBlind) {
        return TableConfig.cash(seats, bigBlind / 2, bigBlind)
                .withAnte(ante, bigBlindAnte ? AnteType.BIG_BLIND : AnteType.PER_PLAYER);
    }

    private static TableFixture seated(TableConfig config, List<Long> stacks, long seed) {
        TableFixture f = new TableFixture(config.withBuyIn(1, 1_000_000), new SeededDeckSource(seed));
        for (int seat = 0; seat < stacks.size(); seat++) {
            f.ok(new SitDown("p" + seat, seat, stacks.get(seat), false));
        }
        return f;
    }

    /** The short player holds two aces and the board brings the other two; everyone else gets random cards. */
    private static void dealQuadAcesTo(TableFixture f, int shortPlayer, int n, SplittableRandom random) {
        String board = "AdAc2h7sKc";
        List<Card> rest = new ArrayList<>(Card.parseAll("2c3c4c5c6c7c8c9cTcJcQc2d3d4d5d6d7d8d9dTdJdQdKd"
                + "3h4h5h6h7h8h9hThJhQhKh2s3s4s5s6s8s9sTsJsQsKs"));
        Collections.shuffle(rest, new java.util.Random(random.nextLong()));
        String[] holes = new String[n];
        int smallBlind = n == 2 ? 0 : 1;
        int next = 0;
        for (int k = 0; k < n; k++) {
            int seat = (smallBlind + k) % n;
            holes[k] = seat == shortPlayer ? "AsAh" : rest.get(next++).toString() + rest.get(next++);
        }
        f.deal(board, holes);
    }

    private static long anteTotal(TableFixture f) {
        return f.events(ForcedBetPosted.class).stream().filter(e -> e.kind().ante())
                .mapToLong(ForcedBetPosted::amount).sum();
    }
}
