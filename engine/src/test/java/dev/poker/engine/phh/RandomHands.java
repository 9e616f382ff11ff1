package dev.poker.engine.phh;

import dev.poker.engine.Action;
import dev.poker.engine.AnteType;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.Game;
import dev.poker.engine.LegalActions;
import dev.poker.engine.Rake;
import dev.poker.engine.SeatState;
import dev.poker.engine.Straddle;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays random engine hands for tests: 2-10 players at a table of up to 10 seats, random blinds,
 * optional antes (per player or big-blind), random stacks, and random legal decisions taken from
 * {@link TableEngine#legalActions}. Busted or short players are topped up between hands so every hand
 * starts with each stack above the blind plus the ante.
 *
 * <p>{@code main(path, count[, seed])} writes {@code count} such hands, all cards shown, as one
 * {@code .phhs} file: a corpus for measuring {@code poker phh verify}.
 */
final class RandomHands {
    private RandomHands() {}

    /** One finished hand: its events (HandStarted..HandEnded), the table's rules, and every seat's stack after it (-1 for empty). */
    record Played(List<TableEvent> events, TableConfig config, long[] stacksAfter) {}

    /** Plays {@code hands} hands at one random no-limit hold'em table. */
    static List<Played> table(long seed, int hands) {
        return table(seed, hands, Game.NO_LIMIT_HOLDEM);
    }

    /** Plays {@code hands} hands at one random table of {@code game}. */
    static List<Played> table(long seed, int hands, Game game) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int players = 2 + rnd.nextInt(9);
        int seats = players + rnd.nextInt(11 - players);
        long[] bigBlinds = {2, 10, 20, 50, 100, 200, 1000};
        long bb = bigBlinds[rnd.nextInt(bigBlinds.length)];
        long sb = switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> bb;
            case 2 -> Math.max(1, bb / 3);
            default -> bb / 2;
        };
        AnteType anteType = switch (rnd.nextInt(4)) {
            case 0 -> AnteType.PER_PLAYER;
            case 1 -> AnteType.BIG_BLIND;
            default -> AnteType.NONE;
        };
        long ante = switch (anteType) {
            case NONE -> 0;
            case PER_PLAYER -> 1 + rnd.nextLong(Math.max(1, bb / 2));
            case BIG_BLIND -> bb;
        };
        // no straddle, under the gun or on the button (twice the big blind)
        Straddle straddle = Straddle.twiceTheBigBlind(Straddle.Position.values()[rnd.nextInt(3)], bb);
        TableConfig config = new TableConfig(seats, sb, bb, ante, anteType, 1, 1_000_000_000L, 1_000, 0, 0,
                Rake.NONE, game).withStraddle(straddle);
        TableState state = new TableState(config);
        TableEngine engine = new TableEngine(new SeededDeckSource(rnd.nextLong()));
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            free.add(s);
        }
        for (int p = 0; p < players; p++) {
            int seat = free.remove(rnd.nextInt(free.size()));
            must(engine.handle(state, new Command.SitDown("player" + p, seat, randomStack(rnd, bb, ante), false), 0));
        }
        List<Played> out = new ArrayList<>(hands);
        for (int h = 0; h < hands; h++) {
            refill(engine, state, rnd, bb, ante);
            List<TableEvent> events = new ArrayList<>();
            events.addAll(must(engine.handle(state, new Command.StartHand(), 0)).events());
            while (state.handRunning()) {
                LegalActions legal = TableEngine.legalActions(state);
                events.addAll(must(engine.handle(state, decide(rnd, state, legal), 0)).events());
            }
            long[] after = new long[seats];
            for (int s = 0; s < seats; s++) {
                SeatState ss = state.seat(s);
                after[s] = ss == null ? -1 : ss.stack();
            }
            int end = 0;
            while (!(events.get(end) instanceof TableEvent.HandEnded)) {
                end++;
            }
            out.add(new Played(List.copyOf(events.subList(0, end + 1)), config, after));
        }
        return out;
    }

    private static long randomStack(SplittableRandom rnd, long bb, long ante) {
        long min = bb + ante + 1;
        return switch (rnd.nextInt(5)) {
            case 0 -> min + rnd.nextLong(3 * bb + 1); // short
            case 1 -> min + rnd.nextLong(1000 * bb); // deep
            default -> min + rnd.nextLong(150 * bb);
        };
    }

    /** Tops up (and sits in again) anyone who could not post a blind and an ante. */
    private static void refill(TableEngine engine, TableState state, SplittableRandom rnd, long bb, long ante) {
        for (int s = 0; s < state.seatCount(); s++) {
            SeatState ss = state.seat(s);
            if (ss == null) {
                continue;
            }
            if (ss.stack() <= bb + ante) {
                must(engine.handle(state, new Command.TopUp(s, randomStack(rnd, bb, ante)), 0));
            }
            if (ss.sittingOut()) {
                must(engine.handle(state, new Command.SitIn(s, false), 0));
            }
        }
    }

    private static Command decide(SplittableRandom rnd, TableState state, LegalActions legal) {
        int seat = legal.seat();
        long hand = legal.handNumber();
        int roll = rnd.nextInt(100);
        boolean canRaise = legal.allows(Action.BET) || legal.allows(Action.RAISE);
        boolean free = legal.allows(Action.CHECK);
        if (roll < (free ? 3 : 25)) {
            return new Command.Act(seat, hand, Action.FOLD, 0);
        }
        if (roll < 70 || !canRaise) {
            return new Command.Act(seat, hand, free ? Action.CHECK : Action.CALL, 0);
        }
        if (roll >= 95) {
            return new Command.Act(seat, hand, Action.ALL_IN, 0);
        }
        long min = legal.minTo();
        long max = legal.maxTo();
        long to = switch (rnd.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + rnd.nextLong(Math.max(1, Math.min(max - min, 4 * (min + state.potTotal())) + 1));
        };
        to = Math.min(max, Math.max(min, to));
        return new Command.Act(seat, hand, state.currentBet() == 0 ? Action.BET : Action.RAISE, to);
    }

    private static Decision must(Decision d) {
        if (d instanceof Decision.Rejected r) {
            throw new IllegalStateException("the engine refused a generated command: " + r.rejection());
        }
        return d;
    }

    /** Writes a corpus: {@code RandomHands PATH COUNT [SEED]}. */
    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        SplittableRandom tables = new SplittableRandom(seed);
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(4096);
            while (written < count) {
                for (Played p : table(tables.nextLong(), 1 + tables.nextInt(5))) {
                    if (written == count) {
                        break;
                    }
                    sb.setLength(0);
                    if (written > 0) {
                        sb.append('\n');
                    }
                    sb.append('[').append(written + 1).append("]\n");
                    PhhWriter.write(PhhWriter.toHand(p.events(), p.config(), s -> true, "random"), sb);
                    out.append(sb);
                    written++;
                }
            }
        }
        System.out.println("wrote " + written + " hands to " + path);
    }
}
