package dev.poker.cli;

import dev.poker.engine.phh.PhhParser;
import dev.poker.engine.phh.PhhReplayer;
import dev.poker.engine.phh.ReplayResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ./poker phh verify PATH...}: replays every hand of the given Poker Hand History files
 * ({@code .phh}, one hand; {@code .phhs}, many) through the engine and reports the hands the engine
 * disagrees with. Directories are searched recursively for {@code .phh} and {@code .phhs} files.
 *
 * <p>Output: one line per failed hand ({@code FAIL file #index [name] hand N (line L): reason}), then
 * the summary line {@code N passed, N failed, N skipped} on its own, a line of details, and the
 * throughput. Exit status 1 when a hand failed (a file that cannot be read or parsed counts as a failed
 * hand), 2 on wrong usage, otherwise 0.
 *
 * <p>Concurrency: runs on the calling thread.
 */
final class PhhCommand implements Main.Subcommand {

    @Override
    public String summary() {
        return "check Poker Hand History (.phh/.phhs) files against the engine";
    }

    private static void usage(PrintStream to) {
        to.println("usage: ./poker phh verify [--quiet] PATH...");
        to.println();
        to.println("Replays every hand of the Poker Hand History files (phh-std, as used by PokerKit) through");
        to.println("the engine and checks the recorded actions are accepted in order and the finishing stacks");
        to.println("(or winnings) match. PATH is a .phh/.phhs file or a directory searched recursively.");
        to.println();
        to.println("  --quiet   print only the summary, not a line per failed hand");
        to.println();
        to.println("Hands of other variants than no-limit hold'em (NT), with straddles, unusual antes, more");
        to.println("than 10 players, rake, or whose showdown involves unknown cards are skipped.");
        to.println("Exit status: 0 all replayed hands passed, 1 a hand failed, 2 wrong usage.");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            usage(err);
            return 2;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return 0;
        }
        if (!args[0].equals("verify")) {
            err.println("poker phh: unknown subcommand '" + args[0] + "'");
            usage(err);
            return 2;
        }
        boolean quiet = false;
        List<Path> roots = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(out);
                return 0;
            } else if (a.equals("--quiet") || a.equals("-q")) {
                quiet = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                err.println("poker phh verify: unknown option '" + a + "'");
                usage(err);
                return 2;
            } else {
                roots.add(Path.of(a));
            }
        }
        if (roots.isEmpty()) {
            err.println("poker phh verify: no PATH given");
            usage(err);
            return 2;
        }
        for (Path root : roots) {
            if (!Files.exists(root)) {
                err.println("poker phh verify: no such file or directory: " + root);
                return 2;
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(PhhCommand::isPhh).sorted().forEach(files::add);
                }
            } else {
                files.add(root);
            }
        }
        if (files.isEmpty()) {
            err.println("poker phh verify: no .phh or .phhs files found");
        }

        Tally tally = new Tally(out, quiet);
        long start = System.nanoTime();
        for (Path file : files) {
            tally.file(file);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        tally.summary(seconds);
        return tally.failed > 0 ? 1 : 0;
    }

    private static boolean isPhh(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".phh") || name.endsWith(".phhs");
    }

    /** Counts results and prints failures as they come. */
    private static final class Tally {
        final PrintStream out;
        final boolean quiet;
        long passed;
        long oddChip;
        long failed;
        long skipped;
        final Map<String, Long> skipReasons = new TreeMap<>();

        Tally(PrintStream out, boolean quiet) {
            this.out = out;
            this.quiet = quiet;
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
                switch (r.status()) {
                    case PASSED -> passed++;
                    case PASSED_ODD_CHIP -> {
                        passed++;
                        oddChip++;
                    }
                    case SKIPPED -> {
                        skipped++;
                        skipReasons.merge(r.category(), 1L, Long::sum);
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
            out.println(details.append(')'));
            out.println(String.format(Locale.ROOT, "\u2014 %d hands in %.2f s (%.0f hands/s)", total, seconds,
                    seconds > 0 ? total / seconds : 0.0));
        }
    }
}
