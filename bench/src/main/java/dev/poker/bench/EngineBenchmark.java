package dev.poker.bench;

import dev.poker.engine.Action;
import dev.poker.engine.Command;
import dev.poker.engine.LegalActions;
import dev.poker.engine.SeatState;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random play through the engine on one thread: one operation is one complete 6-max hand (start,
 * blinds, deal, random legal decisions to the end, showdown, pots), with busted players topped up so
 * the table never stops. Goal: 200,000 hands per second on one core.
 *
 * <p>Concurrency: JMH thread-confined state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    private static final Action[] ACTIONS = Action.values();
    private TableState state;
    private TableEngine engine;
    private SplittableRandom random;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        TableConfig config = TableConfig.cash(6, 50, 100).withBuyIn(1, 1_000_000);
        state = new TableState(config);
        engine = new TableEngine(new SeededDeckSource(1));
        random = new SplittableRandom(2);
        for (int seat = 0; seat < 6; seat++) {
            engine.handle(state, new Command.SitDown("p" + seat, seat, 10_000, false), now);
        }
    }

    @Benchmark
    public long sixMaxHand() {
        refill();
        engine.handle(state, new Command.StartHand(), ++now);
        long steps = 0;
        LegalActions legal;
        while ((legal = TableEngine.legalActions(state)) != null) {
            Action a = pick(legal);
            long to = legal.minTo() + (legal.maxTo() > legal.minTo() ? random.nextLong(legal.maxTo() - legal.minTo() + 1) / 8 : 0);
            engine.handle(state, new Command.Act(legal.seat(), legal.handNumber(), a, to), ++now);
            steps++;
        }
        return steps;
    }

    private Action pick(LegalActions legal) {
        int roll = random.nextInt(100);
        if (roll < 10 && (legal.allows(Action.RAISE) || legal.allows(Action.BET))) {
            return legal.allows(Action.RAISE) ? Action.RAISE : Action.BET;
        }
        if (roll < 30 && legal.allows(Action.FOLD) && !legal.allows(Action.CHECK)) {
            return Action.FOLD;
        }
        return legal.allows(Action.CHECK) ? Action.CHECK : Action.CALL;
    }

    private void refill() {
        for (int seat = 0; seat < 6; seat++) {
            SeatState s = state.seat(seat);
            if (s.stack() < 2_000) {
                engine.handle(state, new Command.TopUp(seat, 10_000 - s.stack()), now);
                if (s.sittingOut()) {
                    engine.handle(state, new Command.SitIn(seat, false), now);
                }
            }
        }
    }

    /** Hands per CPU-second without JMH, for a quick look: {@code java -cp benchmarks.jar dev.poker.bench.EngineBenchmark}. */
    public static void main(String[] args) {
        EngineBenchmark b = new EngineBenchmark();
        b.setUp();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 6; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long hands = 0;
            long wall = System.nanoTime();
            while (System.nanoTime() - wall < 2_000_000_000L) {
                b.sixMaxHand();
                hands++;
            }
            double seconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("round %d: %,d hands in %.2f CPU s = %,.0f hands per CPU second%n", round, hands, seconds,
                    hands / seconds);
        }
    }
}
