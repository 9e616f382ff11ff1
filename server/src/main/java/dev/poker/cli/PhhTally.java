package dev.poker.cli;

import dev.poker.engine.phh.PhhParser;
import dev.poker.engine.phh.PhhReplayer;
import dev.poker.engine.phh.ReplayResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of {@code ./poker phh verify}: replays each hand of a file, counts passed, failed and skipped
 * hands (skips by their reason's label) and the accepted no-op checks, prints a line per failed hand as it
 * comes (unless quiet), with {@code verbose} also a line per skipped hand ({@code skipped FILE#N: reason})
 * and per accepted no-op check ({@code no-op FILE#N: action K 'pJ cc' ...}), and the summary at the end.
 *
 * <p>Concurrency: confined to the thread that runs the command.
 */
final class PhhTally {

    private final PrintWriter out;
    private final boolean quiet;
    private final boolean verbose;
    private long passed;
    private long oddChip;
    private long failed;
    private long skipped;
    private long noOpChecks;
    private final Map<String, Long> skipReasons = new TreeMap<>();

    PhhTally(PrintWriter out, boolean quiet, boolean verbose) {
        this.out = out;
        this.quiet = quiet;
        this.verbose = verbose && !quiet;
    }

    void file(Path file) {
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            fail(file, 0, null, null, 0, "cannot read the file: " + e.getMessage());
            return;
        }
        int[] index = {0};
        PhhParser.parseEach(text, parsed -> {
            index[0]++;
            if (!parsed.ok()) {
                fail(file, index[0], parsed.name(), null, parsed.error().line(),
                        "parse error: " + parsed.error().reason());
                return;
            }
            ReplayResult r = PhhReplayer.replay(parsed.hand());
            noOpChecks += r.noOpChecks().size();
            if (verbose) {
                for (String check : r.noOpChecks()) {
                    out.println("no-op " + file + "#" + index[0] + ": " + check
                            + ": a check after the betting closed, accepted as a no-op");
                }
            }
            switch (r.status()) {
                case PASSED -> passed++;
                case PASSED_ODD_CHIP -> {
                    passed++;
                    oddChip++;
                }
                case SKIPPED -> {
                    skipped++;
                    skipReasons.merge(r.category(), 1L, Long::sum);
                    if (verbose) {
                        out.println("skipped " + file + "#" + index[0] + ": " + r.reason());
                    }
                }
                case FAILED -> fail(file, index[0], parsed.name(), parsed.hand().hand(), parsed.line(), r.reason());
            }
        });
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text");
        }
    }

    void fail(Path file, int index, String name, String hand, int line, String reason) {
        failed++;
        if (quiet) {
            return;
        }
        StringBuilder sb = new StringBuilder("FAIL ").append(file);
        if (index > 0) {
            sb.append(" #").append(index);
        }
        if (name != null) {
            sb.append(" [").append(name).append(']');
        }
        if (hand != null) {
            sb.append(" hand ").append(hand);
        }
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        out.println(sb.append(": ").append(reason));
    }

    void summary(double seconds) {
        long total = passed + failed + skipped;
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        StringBuilder details = new StringBuilder("(").append(oddChip).append(" passed only by a split odd chip");
        if (!skipReasons.isEmpty()) {
            details.append("; skipped:");
            String sep = " ";
            for (Map.Entry<String, Long> e : skipReasons.entrySet()) {
                details.append(sep).append(e.getValue()).append(' ').append(e.getKey());
                sep = ", ";
            }
        }
        if (noOpChecks > 0) {
            details.append("; ").append(noOpChecks).append(" no-op check").append(noOpChecks == 1 ? "" : "s")
                    .append(" after the betting closed accepted");
        }
        out.println(details.append(')'));
        out.println(String.format(Locale.ROOT, "\u2014 %d hands in %.2f s (%.0f hands/s)", total, seconds,
                seconds > 0 ? total / seconds : 0.0));
    }

    /** Whether a hand failed. */
    boolean anyFailed() {
        return failed > 0;
    }
}
