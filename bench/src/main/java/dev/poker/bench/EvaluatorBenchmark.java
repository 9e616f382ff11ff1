package dev.poker.bench;

import dev.poker.engine.eval.HandEvaluator;
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
 * Throughput of {@link HandEvaluator}, one operation = one hand evaluated, on one thread.
 *
 * <ul>
 *   <li>{@code random7}: {@link HandEvaluator#evaluate7} over {@value #HANDS} random 7-card hands (distinct
 *       cards, fixed seed), generated once and read in order from an int array;</li>
 *   <li>{@code random7Array}: the same hands through {@link HandEvaluator#evaluate(int[], int, int)};</li>
 *   <li>{@code random5}: {@link HandEvaluator#evaluate5} over the first five cards of the same hands;</li>
 *   <li>{@code enumerate7Incremental}: all 133,784,560 7-card hands in order, nested loops keeping the partial
 *       key sums of the outer cards ({@link HandEvaluator#evaluateKeys});</li>
 *   <li>{@code enumerate7Plain}: the same hands, each passed whole to {@link HandEvaluator#evaluate7}.</li>
 * </ul>
 * Each benchmark returns the sum of the ranks, which JMH consumes, so no evaluation can be optimized away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {
    /** Random hands per invocation. */
    static final int HANDS = 1 << 16;
    /** All 7-card hands: C(52, 7). */
    static final int ALL_SEVEN = 133_784_560;
    static final long SEED = 0x5EED_CA4DL;

    /** {@value #HANDS} hands of 7 distinct cards, 7 ints each. */
    int[] hands;
    long[] keys;
    long[] masks;

    @Setup
    public void setup() {
        hands = randomHands(HANDS, SEED);
        keys = new long[52];
        masks = new long[52];
        for (int c = 0; c < 52; c++) {
            keys[c] = HandEvaluator.cardKey(c);
            masks[c] = HandEvaluator.cardMask(c);
        }
    }

    /** {@code count} hands of 7 distinct cards: a partial Fisher-Yates shuffle of a fresh deck for each. */
    static int[] randomHands(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[count * 7];
        int[] deck = new int[52];
        for (int h = 0; h < count; h++) {
            for (int c = 0; c < 52; c++) {
                deck[c] = c;
            }
            for (int i = 0; i < 7; i++) {
                int j = i + random.nextInt(52 - i);
                int t = deck[i];
                deck[i] = deck[j];
                deck[j] = t;
                out[h * 7 + i] = deck[i];
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public int random7() {
        int[] c = hands;
        int sum = 0;
        for (int i = 0; i < c.length; i += 7) {
            sum += HandEvaluator.evaluate7(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5], c[i + 6]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public int random7Array() {
        int[] c = hands;
        int sum = 0;
        for (int i = 0; i < c.length; i += 7) {
            sum += HandEvaluator.evaluate(c, i, 7);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(HANDS)
    public int random5() {
        int[] c = hands;
        int sum = 0;
        for (int i = 0; i < c.length; i += 7) {
            sum += HandEvaluator.evaluate5(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ALL_SEVEN)
    public int enumerate7Incremental() {
        long[] key = keys;
        long[] bit = masks;
        int sum = 0;
        for (int a = 0; a < 46; a++) {
            long ka = key[a];
            long ma = bit[a];
            for (int b = a + 1; b < 47; b++) {
                long kb = ka + key[b];
                long mb = ma | bit[b];
                for (int c = b + 1; c < 48; c++) {
                    long kc = kb + key[c];
                    long mc = mb | bit[c];
                    for (int d = c + 1; d < 49; d++) {
                        long kd = kc + key[d];
                        long md = mc | bit[d];
                        for (int e = d + 1; e < 50; e++) {
                            long ke = kd + key[e];
                            long me = md | bit[e];
                            for (int f = e + 1; f < 51; f++) {
                                long kf = ke + key[f];
                                long mf = me | bit[f];
                                for (int g = f + 1; g < 52; g++) {
                                    sum += HandEvaluator.evaluateKeys(kf + key[g], mf | bit[g]);
                                }
                            }
                        }
                    }
                }
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ALL_SEVEN)
    public int enumerate7Plain() {
        int sum = 0;
        for (int a = 0; a < 46; a++) {
            for (int b = a + 1; b < 47; b++) {
                for (int c = b + 1; c < 48; c++) {
                    for (int d = c + 1; d < 49; d++) {
                        for (int e = d + 1; e < 50; e++) {
                            for (int f = e + 1; f < 51; f++) {
                                for (int g = f + 1; g < 52; g++) {
                                    sum += HandEvaluator.evaluate7(a, b, c, d, e, f, g);
                                }
                            }
                        }
                    }
                }
            }
        }
        return sum;
    }
}
