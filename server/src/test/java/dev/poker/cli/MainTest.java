package dev.poker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.NodeConfig;
import dev.poker.server.NodeConfigParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node's command line: generated help, one sentence and exit status 2 on wrong arguments, flags over env. */
class MainTest {

    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e, env);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheNodesCommandsAndNotTheLoadTools() {
        Run r = run(Map.of(), "--help");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("usage: ./poker <command>").contains("  serve ", "  phh ", "  ledger ")
                .doesNotContain("  bots ").doesNotContain("  load ");
    }

    @Test
    void serveHelpListsEverySettingWithItsVariableAndDefault() {
        Run r = run(Map.of(), "serve", "--help");
        assertThat(r.status()).isZero();
        for (NodeConfigParser.Setting s : NodeConfigParser.SETTINGS) {
            assertThat(r.out()).contains(s.flag() + "=" + s.label(),
                    "env " + s.env() + ", default: " + (s.defaultValue().isEmpty() ? "empty" : s.defaultValue()));
        }
    }

    @Test
    void wrongArgumentsSayWhatIsWrongAndExitWithTwo() {
        Run none = run(Map.of());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("poker: which command? serve, phh or ledger", "usage: ./poker <command>");

        Run unknown = run(Map.of(), "bots", "--players", "3");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("poker: unknown command 'bots'");

        Run flag = run(Map.of(), "serve", "--bogus", "1");
        assertThat(flag.status()).isEqualTo(2);
        assertThat(flag.err()).startsWith("poker serve: unknown option '--bogus'\n")
                .contains("usage: ./poker serve", "./poker serve --help");

        Run missing = run(Map.of(), "serve", "--port");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("poker serve: --port needs a value");

        Run range = run(Map.of(), "serve", "--port=70000");
        assertThat(range.status()).isEqualTo(2);
        assertThat(range.err()).contains("poker serve: --port (POKER_PORT) must be between 0 and 65535, got 70000");

        Run env = run(Map.of("POKER_REVEAL_DECKS", "maybe"), "serve");
        assertThat(env.status()).isEqualTo(2);
        assertThat(env.err()).contains("--reveal-decks (POKER_REVEAL_DECKS) must be true or false, got 'maybe'");

        Run twice = run(Map.of(), "serve", "--port", "1", "--port", "2");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("poker serve: --port given twice");

        Run ledger = run(Map.of(), "ledger");
        assertThat(ledger.status()).isEqualTo(2);
        assertThat(ledger.err()).contains("poker ledger: which subcommand? check");

        Run ledgerFlag = run(Map.of(), "ledger", "check", "--port", "1");
        assertThat(ledgerFlag.status()).isEqualTo(2);
        assertThat(ledgerFlag.err()).contains("poker ledger check: unknown option '--port'");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env = Map.of("POKER_PORT", "9001", "POKER_HAND_DELAY_MS", "500", "POKER_REVEAL_DECKS",
                "yes");
        NodeConfig c = NodeConfigParser.parse(new String[] {"--port=9002", "--host", "127.0.0.1"}, env);
        assertThat(c.port()).isEqualTo(9002);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.handDelayMs()).isEqualTo(500);
        assertThat(c.revealDecks()).isTrue();
        assertThat(c.maxTables()).isEqualTo(5000);
        assertThat(c.dataDir()).isEqualTo("data");
        assertThat(c.nodeId()).endsWith("-9002");
    }
}
