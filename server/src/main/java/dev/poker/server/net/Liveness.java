package dev.poker.server.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the process works: every registered executor (each Netty event loop, the pool the table actors
 * run on) runs a task submitted to it within a bound. A stuck event loop or an exhausted actor pool shows as
 * {@code stuck}; the answer never waits longer than the bound.
 *
 * <p>Concurrency: thread-safe; executors are registered in a concurrent map, and each check uses futures
 * completed by the probed executors.
 */
public final class Liveness {
    /** How long a probed executor may take to run a no-op task before the process counts as not live. */
    public static final long BOUND_MS = 2_000;

    private final Map<String, Executor> probes = new ConcurrentHashMap<>();

    /** Adds an executor that must stay responsive, under a name shown in {@code /health/live}. */
    public void probe(String name, Executor executor) {
        probes.put(name, executor);
    }

    /** One check: each probe's name and whether it ran the task in time ("up", "stuck"), in name order. */
    CompletableFuture<Map<String, String>> check() {
        Map<String, CompletableFuture<Boolean>> pending = new java.util.TreeMap<>();
        probes.forEach((name, executor) -> {
            CompletableFuture<Boolean> ran = new CompletableFuture<>();
            try {
                executor.execute(() -> ran.complete(true));
            } catch (RejectedExecutionException e) {
                ran.complete(false);
            }
            pending.put(name, ran.completeOnTimeout(false, BOUND_MS, TimeUnit.MILLISECONDS));
        });
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, String> result = new LinkedHashMap<>();
            pending.forEach((name, f) -> result.put(name, f.join() ? "up" : "stuck"));
            return result;
        });
    }
}
