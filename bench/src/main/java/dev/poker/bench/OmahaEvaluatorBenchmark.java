package dev.poker.bench;

import dev.poker.engine.eval.OmahaEvaluator;
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
 * Throughput of {@link OmahaEvaluator}, one operation = one Omaha hand (4 hole cards against a 5-card board)
 * evaluated, on one thread.
 *
 * <ul>
 *   <li>{@code random}: {@value #HANDS} random deals of 9 distinct cards (fixed seed), generated once and read
 *       in order from an int array;</li>
 *   <li>{@code sharedBoard}: the same hands, each evaluated against the board of its group of 8 deals (as at a
 *       showdown, where every player shares one board; cards may then repeat, which the evaluator does not
 *       check and which does not change its cost).</li>
 * </ul>
 * Each benchmark returns the sum of the ranks, which JMH consumes, so no evaluation can be optimized away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OmahaEvaluatorBenchmark {
    /** Random deals per invocation. */
    static final int HANDS = 1 << 16;
    static final long SEED = 0x0A4A_5EEDL;

    /** {@value #HANDS} deals of 9 distinct cards: 4 hole cards, then 5 board cards. */
    int[] deals;

    @Setup
    public void setup() {
        deals = randomDeals(HANDS, SEED);
    }

    /** {@code count} deals of 9 distinct cards: a partial Fisher-Yates shuffle of a fresh deck for each. */
    static int[] randomDeals(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[count * 9];
        int[] deck = new int[52];
        for (int h = 0; h < count; h++) {
            for (int c = 0; c < 52; c++) {
                deck[c] = c;
            }
            for (int i = 0; i < 9; i++) {
                int j = i + random.nextInt(52 - i);
                int t = deck[i];
                deck[i] = deck[j];
                deck[j] = t;
                out[h * 9 + i] = deck[i];
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public int random() {
        int[] c = deals;
        int sum = 0;
        for (int i = 0; i < c.length; i += 9) {
            sum += OmahaEvaluator.evaluate(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5], c[i + 6],
                    c[i + 7], c[i + 8]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public int sharedBoard() {
        int[] c = deals;
        int sum = 0;
        for (int i = 0; i < c.length; i += 9) {
            int b = i - i % (9 * 8) + 4;
            sum += OmahaEvaluator.evaluate(c[i], c[i + 1], c[i + 2], c[i + 3], c[b], c[b + 1], c[b + 2], c[b + 3],
                    c[b + 4]);
        }
        return sum;
    }
}
