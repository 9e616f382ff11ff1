package dev.poker.bench;

import dev.poker.engine.eval.HandEvaluator;
import dev.poker.engine.eval.OmahaEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A companion to {@link EvaluatorBenchmark} (and, with {@code omaha}, to {@link OmahaEvaluatorBenchmark}'s
 * {@code random}) for shared machines: runs the same random 7-card (or 4 + 5-card Omaha) loop and divides
 * the evaluations by both the wall-clock time and this thread's CPU time, so that time the thread spent
 * waiting for a core does not count. Not a substitute for JMH: no forks, no blackholes; the ranks are summed
 * and printed so the work cannot be optimized away.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.poker.bench.CpuTimeThroughput [seconds] [omaha]}
 */
public final class CpuTimeThroughput {
    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        boolean omaha = args.length > 1 && args[1].equals("omaha");
        if (args.length > 1 && !omaha) {
            throw new IllegalArgumentException("the second argument may only be 'omaha', not '" + args[1] + "'");
        }
        int[] hands = omaha
                ? OmahaEvaluatorBenchmark.randomDeals(OmahaEvaluatorBenchmark.HANDS, OmahaEvaluatorBenchmark.SEED)
                : EvaluatorBenchmark.randomHands(EvaluatorBenchmark.HANDS, EvaluatorBenchmark.SEED);
        int handsPerPass = hands.length / (omaha ? 9 : 7);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        // warm-up: a few seconds' worth of passes so that the loop is compiled
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += omaha ? omahaPass(hands) : pass(hands);
        }
        for (int round = 1; round <= 5; round++) {
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long evaluations = 0;
            long end = wall0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                sink += omaha ? omahaPass(hands) : pass(hands);
                evaluations += handsPerPass;
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d: %,.0f evals/s wall, %,.0f evals/s of thread CPU (cpu/wall %.2f)%n",
                    round, evaluations / wall, evaluations / cpu, cpu / wall);
        }
        System.out.println("(sum of ranks: " + sink + ")");
    }

    private static int pass(int[] c) {
        int sum = 0;
        for (int i = 0; i < c.length; i += 7) {
            sum += HandEvaluator.evaluate7(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5], c[i + 6]);
        }
        return sum;
    }

    private static int omahaPass(int[] c) {
        int sum = 0;
        for (int i = 0; i < c.length; i += 9) {
            sum += OmahaEvaluator.evaluate(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], c[i + 5], c[i + 6],
                    c[i + 7], c[i + 8]);
        }
        return sum;
    }
}
