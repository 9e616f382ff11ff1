package dev.poker.load.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of {@code ./poker bots} and of the load tools' jar. */
class BotsCommandTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = LoadTools.run(args, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryOptionWithItsDefaults() {
        BotsCommand.Options d = BotsCommand.parse(Map.of("--players", "12"));
        assertThat(d.url()).isEqualTo(URI.create("ws://127.0.0.1:8080/ws"));
        assertThat(d.players()).isEqualTo(12);
        assertThat(d.seats()).isEqualTo(6);
        assertThat(d.thinkMs()).isZero();
        assertThat(d.durationSeconds()).isZero();
        assertThat(d.seedGiven()).isFalse();
        assertThat(d.ramp()).isEqualTo(50);

        BotsCommand.Options o = BotsCommand.parse(Map.of("--players", "3", "--url", "wss://h:9/ws", "--tables-of",
                "9", "--think-ms", "500", "--duration", "30", "--seed", "-4", "--ramp", "2.5"));
        assertThat(o).isEqualTo(new BotsCommand.Options(URI.create("wss://h:9/ws"), 3, 9, 500, 30, -4, true, 2.5));
    }

    @Test
    void theGameIsHoldemUnlessPotLimitOmahaIsAskedFor() {
        assertThat(BotsCommand.parse(Map.of("--players", "2")).game()).isEqualTo("no_limit_holdem");
        assertThat(BotsCommand.parse(Map.of("--players", "2", "--game", "pot_limit_omaha")).game())
                .isEqualTo("pot_limit_omaha");
        assertThatThrownBy(() -> BotsCommand.parse(Map.of("--players", "2", "--game", "stud")))
                .hasMessage("--game is no_limit_holdem or pot_limit_omaha, not 'stud'");
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> BotsCommand.parse(Map.of())).hasMessage("--players is required");
        assertThatThrownBy(() -> BotsCommand.parse(Map.of("--players", "0"))).hasMessageContaining("1 to 100000");
        assertThatThrownBy(() -> BotsCommand.parse(Map.of("--players", "2", "--tables-of", "11")))
                .hasMessageContaining("--tables-of must be 2 to 10");
        assertThatThrownBy(() -> BotsCommand.parse(Map.of("--players", "2", "--ramp", "-1")))
                .hasMessageContaining("--ramp must be 0 or more");
        assertThatThrownBy(() -> BotsCommand.parse(Map.of("--players", "2", "--url", "http://x/ws")))
                .hasMessageContaining("ws://");
    }

    @Test
    void helpAndWrongUsage() {
        Run help = run("bots", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("usage: ./poker bots --players N").contains("--think-ms=MS", "--ramp");

        Run missing = run("bots", "--url", "ws://127.0.0.1:1/ws");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("poker bots: --players is required\nusage: ./poker bots");

        Run bad = run("bots", "--players", "x");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("poker bots: --players needs a whole number, not 'x'");

        Run unknown = run("bots", "--players", "2", "--bogus");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("poker bots: unknown option '--bogus'");

        Run none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("poker: which command? bots or load");

        Run serve = run("serve");
        assertThat(serve.status()).isEqualTo(2);
        assertThat(serve.err()).contains("poker: unknown command 'serve'");

        Run top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("  bots ", "  load ");
    }
}
