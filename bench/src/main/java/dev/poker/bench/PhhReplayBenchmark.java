package dev.poker.bench;

import dev.poker.engine.Action;
import dev.poker.engine.AnteType;
import dev.poker.engine.Command;
import dev.poker.engine.Decision;
import dev.poker.engine.LegalActions;
import dev.poker.engine.Rake;
import dev.poker.engine.SeatState;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.engine.phh.PhhFormatException;
import dev.poker.engine.phh.PhhHand;
import dev.poker.engine.phh.PhhParser;
import dev.poker.engine.phh.PhhReplayer;
import dev.poker.engine.phh.PhhWriter;
import dev.poker.engine.phh.ReplayResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of Poker Hand History verification, one operation = one hand, on one thread:
 *
 * <ul>
 *   <li>{@code parseAndReplay}: {@link PhhParser#parseEach} over a {@code .phhs} text of {@value #HANDS} hands
 *       and {@link PhhReplayer#replay} of each, as {@code ./poker phh verify} does (the goal: 50,000 hands/s);</li>
 *   <li>{@code parseOnly}: the parsing alone;</li>
 *   <li>{@code replayOnly}: the replay alone, of hands parsed beforehand.</li>
 * </ul>
 * The corpus is made once in {@link #setup()}: random engine hands (2-10 players, random blinds, antes and
 * stacks, random legal decisions, fixed seed) exported with {@link PhhWriter} with every card shown, so most
 * hands reach a showdown that the replay evaluates. Each benchmark returns a count derived from the
 * results, which JMH consumes.
 *
 * <p>On a shared machine, {@code main} measures the same loop against this thread's CPU time:
 * {@code java -cp bench/target/benchmarks.jar dev.poker.bench.PhhReplayBenchmark [seconds]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PhhReplayBenchmark {
    /** Hands in the corpus. */
    static final int HANDS = 5_000;
    static final long SEED = 0xB0A4D5L;

    /** The corpus as one {@code .phhs} text. */
    String phhs;
    /** The corpus parsed. */
    List<PhhHand> parsed;

    @Setup
    public void setup() throws PhhFormatException {
        phhs = corpus(HANDS, SEED);
        parsed = PhhParser.parseAll(phhs);
        int passed = 0;
        for (PhhHand h : parsed) {
            if (PhhReplayer.replay(h).status() == ReplayResult.Status.PASSED) {
                passed++;
            }
        }
        if (parsed.size() != HANDS || passed != HANDS) {
            throw new IllegalStateException("the corpus does not replay: " + passed + " of " + parsed.size()
                    + " hands passed");
        }
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public long parseAndReplay() {
        long[] sum = new long[1];
        PhhParser.parseEach(phhs, p -> sum[0] += p.ok() ? PhhReplayer.replay(p.hand()).status().ordinal() + 1 : 7);
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public long parseOnly() {
        long[] sum = new long[1];
        PhhParser.parseEach(phhs, p -> sum[0] += p.ok() ? p.hand().actions().size() : 7);
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public long replayOnly() {
        long sum = 0;
        for (PhhHand h : parsed) {
            sum += PhhReplayer.replay(h).status().ordinal() + 1;
        }
        return sum;
    }

    // ---- the corpus ------------------------------------------------------------------------------

    /** {@code count} random engine hands as a {@code .phhs} text, every card shown. */
    static String corpus(int count, long seed) {
        SplittableRandom tables = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(count * 800);
        int written = 0;
        while (written < count) {
            for (Played p : table(tables.nextLong(), 1 + tables.nextInt(5))) {
                if (written == count) {
                    break;
                }
                sb.append(written == 0 ? "" : "\n").append('[').append(written + 1).append("]\n");
                PhhWriter.write(PhhWriter.toHand(p.events, p.config, seat -> true, null), sb);
                written++;
            }
        }
        return sb.toString();
    }

    private record Played(List<TableEvent> events, TableConfig config) {}

    /** A few hands at one random table: 2-10 players, random blinds, antes and stacks, random legal decisions. */
    private static List<Played> table(long seed, int hands) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int players = 2 + rnd.nextInt(9);
        int seats = players + rnd.nextInt(11 - players);
        long bb = new long[] {2, 10, 20, 50, 100, 200, 1000}[rnd.nextInt(7)];
        long sb = rnd.nextInt(6) == 0 ? 0 : bb / 2;
        int anteRoll = rnd.nextInt(4);
        AnteType anteType = anteRoll == 0 ? AnteType.PER_PLAYER : anteRoll == 1 ? AnteType.BIG_BLIND : AnteType.NONE;
        long ante = anteType == AnteType.NONE ? 0 : anteType == AnteType.BIG_BLIND ? bb : 1 + rnd.nextLong(bb / 2 + 1);
        TableConfig config = new TableConfig(seats, sb, bb, ante, anteType, 1, 1_000_000_000L, 1_000, 0, 0, Rake.NONE);
        TableState state = new TableState(config);
        TableEngine engine = new TableEngine(new SeededDeckSource(rnd.nextLong()));
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            free.add(s);
        }
        for (int p = 0; p < players; p++) {
            must(engine.handle(state, new Command.SitDown("player" + p, free.remove(rnd.nextInt(free.size())),
                    stack(rnd, bb, ante), false), 0));
        }
        List<Played> out = new ArrayList<>();
        for (int h = 0; h < hands; h++) {
            for (int s = 0; s < seats; s++) {
                SeatState ss = state.seat(s);
                if (ss != null && ss.stack() <= bb + ante) {
                    must(engine.handle(state, new Command.TopUp(s, stack(rnd, bb, ante)), 0));
                }
                if (ss != null && ss.sittingOut()) {
                    must(engine.handle(state, new Command.SitIn(s, false), 0));
                }
            }
            List<TableEvent> events = new ArrayList<>(must(engine.handle(state, new Command.StartHand(), 0)).events());
            while (state.handRunning()) {
                events.addAll(must(engine.handle(state, decide(rnd, state, TableEngine.legalActions(state)), 0)).events());
            }
            out.add(new Played(events, config));
        }
        return out;
    }

    private static long stack(SplittableRandom rnd, long bb, long ante) {
        long min = bb + ante + 1;
        return rnd.nextInt(5) == 0 ? min + rnd.nextLong(3 * bb + 1) : min + rnd.nextLong(200 * bb);
    }

    private static Command decide(SplittableRandom rnd, TableState state, LegalActions legal) {
        int roll = rnd.nextInt(100);
        boolean free = legal.allows(Action.CHECK);
        boolean canRaise = legal.allows(Action.BET) || legal.allows(Action.RAISE);
        Action action;
        long to = 0;
        if (roll < (free ? 3 : 25)) {
            action = Action.FOLD;
        } else if (roll < 70 || !canRaise) {
            action = free ? Action.CHECK : Action.CALL;
        } else if (roll >= 95) {
            action = Action.ALL_IN;
        } else {
            action = state.currentBet() == 0 ? Action.BET : Action.RAISE;
            long span = Math.max(0, Math.min(legal.maxTo() - legal.minTo(), 4 * (legal.minTo() + state.potTotal())));
            to = legal.minTo() + rnd.nextLong(span + 1);
        }
        return new Command.Act(legal.seat(), legal.handNumber(), action, to);
    }

    private static Decision must(Decision d) {
        if (d instanceof Decision.Rejected r) {
            throw new IllegalStateException("the engine refused a generated command: " + r.rejection());
        }
        return d;
    }

    // ---- CPU-time companion for shared machines ---------------------------------------------------------

    /** Parses and replays the corpus for a few rounds and reports hands per second of wall and thread CPU time. */
    public static void main(String[] args) throws PhhFormatException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        PhhReplayBenchmark b = new PhhReplayBenchmark();
        b.setup();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += b.parseAndReplay();
        }
        for (int round = 1; round <= 5; round++) {
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long hands = 0;
            long end = wall0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                sink += b.parseAndReplay();
                hands += HANDS;
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d: %,.0f hands/s wall, %,.0f hands/s of thread CPU (cpu/wall %.2f)%n", round,
                    hands / wall, hands / cpu, cpu / wall);
        }
        System.out.println("(checksum: " + sink + ")");
    }
}
