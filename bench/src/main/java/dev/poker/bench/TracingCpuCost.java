package dev.poker.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A companion to {@link TracingCostBenchmark} for shared machines: runs the same forwarded action in a loop
 * for each mode and divides CPU time, not wall-clock time, by the actions: the calling thread's (the
 * request path) and the whole process's (adds the SDK's export thread, serialization and HTTP, and GC).
 * A core taken by another process does not count. Not a substitute for JMH: no forks, no blackholes (a
 * checksum of what the loop produced is printed).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.poker.bench.TracingCpuCost [seconds per mode]}
 *
 * <p>Concurrency: main thread only (the SDK exports on its own thread).
 */
public final class TracingCpuCost {
    private TracingCpuCost() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String mode : new String[] {"off", "1.0", "0.01", "off", "1.0", "0.01"}) {
            TracingCostBenchmark b = new TracingCostBenchmark();
            b.mode = mode;
            long[] checksum = new long[1];
            b.prepare(o -> checksum[0] += System.identityHashCode(o) & 1);
            run(b, seconds / 3); // warm-up
            long thread0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long ops = run(b, seconds);
            long wall = System.nanoTime() - wall0;
            long thread = threads.getCurrentThreadCpuTime() - thread0;
            b.tearDown(); // exports what is queued: its CPU counts for the process
            long process = os.getProcessCpuTime() - process0;
            System.out.printf("mode %-4s %,12d actions  request path %,8.0f ns CPU/action  process %,8.0f ns CPU/action"
                    + "  wall %,8.0f ns/action  (checksum %d)%n", mode, ops, (double) thread / ops,
                    (double) process / ops, (double) wall / ops, checksum[0]);
        }
    }

    private static long run(TracingCostBenchmark b, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                b.forwardedAction();
            }
            ops += 1000;
        }
        return ops;
    }
}
