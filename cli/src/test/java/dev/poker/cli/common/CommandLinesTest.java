package dev.poker.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

/** The shared conventions: one sentence per kind of wrong argument, exit 2, help on out, @ is no file. */
class CommandLinesTest {

    private static CommandSpec tool() {
        CommandSpec spec = CommandSpec.create().name("tool");
        spec.addOption(CommandLines.helpOption());
        spec.addOption(CommandLines.textOption("N", "how many", "--count", "--number"));
        spec.addOption(CommandLines.textOption("S", "a seed", "--seed"));
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("WHAT")
                .type(String.class).build());
        return spec;
    }

    private static String refusal(String... args) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CommandLines.parse(new CommandLine(tool()), args));
        return e.getMessage();
    }

    @Test
    void eachKindOfWrongArgumentIsOneSentence() {
        assertThat(refusal("--bogus", "1")).isEqualTo("unknown option '--bogus'");
        assertThat(refusal("--bogus=1")).isEqualTo("unknown option '--bogus'");
        assertThat(refusal("a", "b")).isEqualTo("unexpected argument 'b'");
        assertThat(refusal("--count")).isEqualTo("--count needs a value");
        assertThat(refusal("--count", "1", "--number", "2")).isEqualTo("--count given twice");
    }

    @Test
    void givenValuesAreKeyedByTheFirstNameAndNegativeNumbersAreValues() {
        Map<String, String> given = CommandLines.given(CommandLines.parse(new CommandLine(tool()), "--number=4",
                "--seed", "-7", "@file"));
        assertThat(given).containsExactly(Map.entry("--count", "4"), Map.entry("--seed", "-7"));
        assertThat(CommandLines.parse(new CommandLine(tool()), "@file").matchedPositionalValue(0, ""))
                .isEqualTo("@file");
    }

    @Command(name = "verify", synopsisHeading = "usage: ", customSynopsis = "./poker verify PATH...")
    static final class Verify implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "PATH", arity = "1..*")
        List<String> paths;

        @Override
        public Integer call() {
            return paths.size();
        }
    }

    private record Run(int status, String out, String err) {}

    private static Run execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = CommandLines.execute(CommandLines.create(new Verify(), o, e), args);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongArgumentsExitWithTwoAndHelpWithZero() {
        Run missing = execute();
        assertThat(missing.status()).isEqualTo(CommandLines.USAGE).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("poker verify: no PATH given\nusage: ./poker verify PATH...\n"
                + "(verify --help for details)\n");

        Run help = execute("--help", "x");
        assertThat(help.status()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("usage: ./poker verify PATH...").contains("-h, --help");

        assertThat(execute("a", "b").status()).isEqualTo(2);
        assertThatThrownBy(() -> CommandLines.parse(new CommandLine(new Verify()), "p", "--x"))
                .hasMessage("unknown option '--x'");
    }
}
