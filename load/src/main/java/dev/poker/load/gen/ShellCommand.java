package dev.poker.load.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operator's shell command ({@code sh -c}) for the failover scenario: the kill, the restart. Its
 * output is appended to a log file rather than piped, so that a command that leaves a process running in
 * the background (a restarted node) cannot block the run; a command still running after the timeout is
 * left running and reported as such.
 *
 * <p>Concurrency: one call per thread; the log file is shared by appending.
 */
final class ShellCommand {
    /** What happened: times are seconds of the run; {@code exitCode} is null when it was still running. */
    record Result(String command, double startedAt, double seconds, Integer exitCode, String error) {
        boolean succeeded() {
            return exitCode != null && exitCode == 0;
        }

        String outcome() {
            if (error != null) {
                return "failed to start: " + error;
            }
            return exitCode == null ? "still running (left running)" : "exit " + exitCode;
        }
    }

    private ShellCommand() {}

    static Result run(String command, Duration timeout, Path log, RunContext ctx) {
        double started = ctx.elapsedSeconds();
        long t0 = System.nanoTime();
        try {
            Files.writeString(log, String.format("--- [%.1fs] $ %s%n", started, command), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(command, started, secs, done ? p.exitValue() : null, null);
        } catch (IOException e) {
            return new Result(command, started, (System.nanoTime() - t0) / 1e9, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(command, started, (System.nanoTime() - t0) / 1e9, null, "interrupted");
        }
    }
}
