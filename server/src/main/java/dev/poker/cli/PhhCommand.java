package dev.poker.cli;

import dev.poker.cli.common.HelpOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./poker phh verify PATH...}: replays every hand of the given Poker Hand History files
 * ({@code .phh}, one hand; {@code .phhs}, many) through the engine and reports the hands the engine
 * disagrees with. Directories are searched recursively for {@code .phh} and {@code .phhs} files.
 *
 * <p>Output: one line per failed hand ({@code FAIL file #index [name] hand N (line L): reason}); with
 * {@code --verbose} also one line per skipped hand ({@code skipped file#index: reason}, the reason starting
 * with its category, e.g. {@code variant: 'PO' is not ...}) and per check accepted as a no-op after the
 * betting closed ({@code no-op file#index: action K 'pJ cc': ...}); then the summary line
 * {@code N passed, N failed, N skipped} on its own, a line of details (hands passed only by a split odd
 * chip, skips counted by category, and the accepted no-op checks when there were any), and the
 * throughput. Exit status 1 when a hand failed (a file that cannot be read or parsed counts as a failed
 * hand), 2 on wrong usage, otherwise 0.
 *
 * <p>Concurrency: runs on the calling thread.
 */
@Command(name = "phh", synopsisHeading = "usage: ", customSynopsis = PhhCommand.SYNOPSIS,
        description = PhhCommand.SUMMARY, subcommands = {PhhCommand.Verify.class, HelpCommand.class})
final class PhhCommand implements Callable<Integer> {
    static final String SUMMARY = "check Poker Hand History (.phh/.phhs) files against the engine";
    static final String SYNOPSIS = "./poker phh verify [--quiet] PATH...";

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which subcommand? verify");
    }

    @Command(name = "verify", synopsisHeading = "usage: ", customSynopsis = SYNOPSIS, descriptionHeading = "%n",
            description = {
                "Replays every hand of the Poker Hand History files (phh-std, as used by PokerKit) through",
                "the engine and checks the recorded actions are accepted in order and the finishing stacks",
                "(or winnings) match. PATH is a .phh/.phhs file or a directory searched recursively."},
            parameterListHeading = "%n", optionListHeading = "%n", footerHeading = "%n", footer = {
                "Hands of other variants than no-limit hold'em (NT), with straddles, unusual antes, more",
                "than 10 players, rake, or whose showdown involves unknown cards are skipped (--verbose",
                "prints each with its reason). A check (cc) recorded after the betting closed is accepted",
                "as a no-op and counted.",
                "Exit status: 0 all replayed hands passed, 1 a hand failed, 2 wrong usage."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Option(names = {"-q", "--quiet"}, description = "print only the summary, not a line per failed hand")
        boolean quiet;

        @Option(names = {"-v", "--verbose"},
                description = "also print a line per skipped hand with its reason and per accepted no-op check"
                        + " (--quiet wins)")
        boolean verbose;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "a .phh or .phhs file, or a directory")
        List<Path> roots;

        @Override
        public Integer call() throws IOException {
            for (Path root : roots) {
                if (!Files.exists(root)) {
                    throw new ParameterException(spec.commandLine(), "no such file or directory: " + root);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Path> files = new ArrayList<>();
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        walk.filter(Files::isRegularFile).filter(Verify::isPhh).sorted().forEach(files::add);
                    }
                } else {
                    files.add(root);
                }
            }
            if (files.isEmpty()) {
                spec.commandLine().getErr().println("poker phh verify: no .phh or .phhs files found");
            }
            PhhTally tally = new PhhTally(out, quiet, verbose);
            long start = System.nanoTime();
            for (Path file : files) {
                tally.file(file);
            }
            tally.summary((System.nanoTime() - start) / 1e9);
            out.flush();
            return tally.anyFailed() ? 1 : 0;
        }

        private static boolean isPhh(Path p) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".phh") || name.endsWith(".phhs");
        }
    }
}
