package dev.poker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhhCommandTest {

    /** A Pluribus hand (uoftcprg/pokerkit data/pluribus/100/0.phh). */
    static final String PLURIBUS_0 = """
            variant = 'NT'
            ante_trimming_status = true
            antes = [0, 0, 0, 0, 0, 0]
            blinds_or_straddles = [50, 100, 0, 0, 0, 0]
            min_bet = 100
            starting_stacks = [10000, 10000, 10000, 10000, 10000, 10000]
            actions = ['d dh p1 TcQc', 'd dh p2 8s4c', 'd dh p3 9c3d', 'd dh p4 Ah4h', 'd dh p5 Th5s', 'd dh p6 6c7s', 'p3 f', 'p4 cbr 210', 'p5 f', 'p6 f', 'p1 cc', 'p2 f', 'd db 7d5h9d', 'p1 cc', 'p4 cc', 'd db 7c', 'p1 cc', 'p4 cc', 'd db Qh', 'p1 cbr 230', 'p4 f']
            hand = 0
            players = ['MrBlue', 'MrBlonde', 'MrWhite', 'MrPink', 'MrBrown', 'Pluribus']
            finishing_stacks = [10310, 9900, 10000, 9790, 10000, 10000]
            """;

    /** Two players split a pot of 7; the record splits the odd chip into halves. */
    static final String ODD_CHIP = """
            variant = "NT"
            antes = [1, 1, 1]
            blinds_or_straddles = [1, 2, 0]
            min_bet = 2
            starting_stacks = [100, 100, 100]
            actions = ["d dh p1 AhKd", "d dh p2 QhJd", "d dh p3 7c7d", "p3 f", "p1 cc", "p2 cc",
                       "d db 2c3d4h", "p1 cc", "p2 cc", "d db 5s", "p1 cc", "p2 cc", "d db 6c", "p1 cc", "p2 cc"]
            finishing_stacks = [100.5, 100.5, 99]
            """;

    static final String OMAHA = """
            variant = "FO/2"
            antes = [0, 0]
            blinds_or_straddles = [500, 1000]
            min_bet = 1000
            starting_stacks = [1259450.25, 678473.5]
            actions = []
            """;

    /** Heads-up: p1 moves all-in for 100 and p2 calls; p2 then checks on the flop after the betting closed. */
    static final String TRAILING_CHECK = """
            variant = "NT"
            antes = [0, 0]
            blinds_or_straddles = [1, 2]
            min_bet = 2
            starting_stacks = [100, 200]
            actions = ["d dh p1 AsAh", "d dh p2 KsKh", "p2 cbr 6", "p1 cbr 100", "p2 cc", "d db 2c7d9h", "p2 cc",
                       "d db Tc", "d db 3s"]
            finishing_stacks = [200, 100]
            """;

    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            String[] command = new String[args.length + 1];
            command[0] = "phh";
            System.arraycopy(args, 0, command, 1, args.length);
            status = Main.run(command, o, e, Map.of());
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aDirectoryOfGoodHandsPasses(@TempDir Path dir) throws Exception {
        write(dir.resolve("a.phh"), PLURIBUS_0);
        write(dir.resolve("deep/er/b.phhs"), "[1]\n" + PLURIBUS_0 + "\n[2]\n" + ODD_CHIP);
        write(dir.resolve("c.phh"), OMAHA);
        write(dir.resolve("notes.txt"), "not a hand history");
        Run r = run("verify", dir.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.lines()).contains("3 passed, 0 failed, 1 skipped")
                .contains("(1 passed only by a split odd chip; skipped: 1 variant)");
        assertThat(r.lines().get(r.lines().size() - 1)).matches("\u2014 4 hands in \\d+\\.\\d\\d s \\(\\d+ hands/s\\)");
        assertThat(r.out()).doesNotContain("FAIL");
    }

    @Test
    void failingHandsAreListedWithFileIndexAndReasonAndTheStatusIsOne(@TempDir Path dir) throws Exception {
        String wrong = PLURIBUS_0.replace("[10310, 9900,", "[10300, 9910,");
        Path phhs = write(dir.resolve("mixed.phhs"), "[1]\n" + PLURIBUS_0 + "\n[2]\n" + wrong
                + "\n[3]\nvariant = 'NT'\nantes = [0, oops]\n\n[4]\n" + PLURIBUS_0.replace("'p3 f', 'p4 cbr 210'",
                        "'p4 cbr 210', 'p3 f'"));
        Run r = run("verify", phhs.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsSubsequence(
                "FAIL " + phhs + " #2 [2] hand 0 (line 13): finishing stacks differ: p1 engine 10310 recorded 10300; "
                        + "p2 engine 9900 recorded 9910",
                "FAIL " + phhs + " #3 [3] (line 27): parse error: not a valid value: 'oops' (strings must be quoted)",
                "FAIL " + phhs + " #4 [4] hand 0 (line 29): action 7 'p4 cbr 210': the engine expects p3 to act",
                "1 passed, 3 failed, 0 skipped");

        Run quiet = run("verify", "--quiet", phhs.toString());
        assertThat(quiet.status()).isEqualTo(1);
        assertThat(quiet.out()).doesNotContain("FAIL").contains("1 passed, 3 failed, 0 skipped\n");
    }

    @Test
    void verboseListsEverySkippedHandWithItsReasonAndEveryNoOpCheck(@TempDir Path dir) throws Exception {
        Path phhs = write(dir.resolve("mixed.phhs"), "[1]\n" + PLURIBUS_0 + "\n[2]\n" + OMAHA + "\n[3]\n"
                + TRAILING_CHECK + "\n[4]\n" + PLURIBUS_0.replace("'p4 f']", "]"));
        Run r = run("verify", "--verbose", phhs.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        List<String> lines = r.lines();
        assertThat(lines).containsExactly(
                "skipped " + phhs + "#2: variant: 'FO/2' is neither no-limit Texas hold'em (NT) nor pot-limit Omaha (PO)",
                "no-op " + phhs + "#3: action 7 'p2 cc': a check after the betting closed, accepted as a no-op",
                "skipped " + phhs + "#4: incomplete: the actions end before the hand is over (p4 to act)",
                "2 passed, 0 failed, 2 skipped",
                "(0 passed only by a split odd chip; skipped: 1 incomplete, 1 variant;"
                        + " 1 no-op check after the betting closed accepted)",
                lines.get(lines.size() - 1));
        assertThat(lines.get(lines.size() - 1)).matches("\u2014 4 hands in \\d+\\.\\d\\d s \\(\\d+ hands/s\\)");

        Run plain = run("verify", phhs.toString());
        assertThat(plain.out()).doesNotContain("skipped " + phhs).doesNotContain("no-op " + phhs);
        assertThat(plain.lines()).containsExactly("2 passed, 0 failed, 2 skipped",
                "(0 passed only by a split odd chip; skipped: 1 incomplete, 1 variant;"
                        + " 1 no-op check after the betting closed accepted)",
                plain.lines().get(2));

        Run quiet = run("verify", "--quiet", "-v", phhs.toString());
        assertThat(quiet.lines()).hasSize(3).first().isEqualTo("2 passed, 0 failed, 2 skipped");
    }

    @Test
    void verboseStillListsFailingHandsInOrderBeforeTheSummary(@TempDir Path dir) throws Exception {
        String wrong = PLURIBUS_0.replace("[10310, 9900,", "[10300, 9910,");
        Path phhs = write(dir.resolve("m.phhs"), "[1]\n" + OMAHA + "\n[2]\n" + wrong);
        Run r = run("verify", "-v", phhs.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).containsSubsequence(
                "skipped " + phhs + "#1: variant: 'FO/2' is neither no-limit Texas hold'em (NT) nor pot-limit Omaha (PO)",
                "FAIL " + phhs + " #2 [2] hand 0 (line 9): finishing stacks differ: p1 engine 10310 recorded 10300; "
                        + "p2 engine 9900 recorded 9910",
                "0 passed, 1 failed, 1 skipped",
                "(0 passed only by a split odd chip; skipped: 1 variant)");
    }

    @Test
    void severalPathsAndASingleFile(@TempDir Path dir) throws Exception {
        Path a = write(dir.resolve("x/a.phh"), PLURIBUS_0);
        Path b = write(dir.resolve("y/b.phh"), ODD_CHIP);
        Run r = run("verify", a.toString(), dir.resolve("y").toString());
        assertThat(r.status()).isZero();
        assertThat(r.lines()).contains("2 passed, 0 failed, 0 skipped");
        assertThat(b).exists();
    }

    @Test
    void anEmptyFileHasNoHandsAndAFileThatIsNotUtf8Fails(@TempDir Path dir) throws Exception {
        write(dir.resolve("empty.phh"), "");
        Files.write(dir.resolve("binary.phh"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Run r = run("verify", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("binary.phh: cannot read the file: not UTF-8 text");
        assertThat(r.lines()).contains("0 passed, 1 failed, 0 skipped");
    }

    @Test
    void wrongUsageExitsWithTwo(@TempDir Path dir) throws Exception {
        Run none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("usage: ./poker phh verify");

        Run noPath = run("verify");
        assertThat(noPath.status()).isEqualTo(2);
        assertThat(noPath.err()).contains("no PATH given");

        Run missing = run("verify", dir.resolve("nope.phh").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory: " + dir.resolve("nope.phh"));

        Run unknown = run("export", dir.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown subcommand 'export'");

        Run option = run("verify", "--fast", dir.toString());
        assertThat(option.status()).isEqualTo(2);
        assertThat(option.err()).contains("unknown option '--fast'");
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"verify", "--help"})) {
            Run r = run(args);
            assertThat(r.status()).isZero();
            assertThat(r.out()).startsWith("usage: ./poker phh verify [--quiet] PATH...");
            assertThat(r.err()).isEmpty();
        }
        assertThat(PhhCommand.SUMMARY).isNotBlank();
    }
}
