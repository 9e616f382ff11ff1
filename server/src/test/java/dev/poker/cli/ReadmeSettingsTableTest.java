package dev.poker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.NodeConfigParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README.md's settings table ("Configuration") and the command line of {@code ./poker serve} agree, both
 * ways: the same flags, each with the same environment variable and default. A default cell in backquotes is
 * the literal default; any other cell (empty, or words such as "empty: embedded H2") stands for an empty
 * default that the node fills in.
 */
class ReadmeSettingsTableTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(--[a-z0-9-]+)` \\| `(POKER_[A-Z0-9_]+)` \\|\\s*([^|]*?)\\s*\\|.*$");

    /** One row of the table. */
    private record Row(String flag, String env, String defaultCell) {}

    private static List<Row> readmeRows() throws IOException {
        Path readme = Path.of("..", "README.md");
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Configuration");
        assertThat(start).as("README.md has a Configuration section").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), m.group(3).trim()));
            }
        }
        return rows;
    }

    /** The options of {@code serve} (help aside) by flag, as the command line builds them. */
    private static Map<String, OptionSpec> serveOptions() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandSpec serve = Main.commandLine(sink, sink, Map.of()).getSubcommands().get("serve").getCommandSpec();
        Map<String, OptionSpec> byFlag = new LinkedHashMap<>();
        for (OptionSpec o : serve.options()) {
            if (!o.usageHelp()) {
                byFlag.put(o.longestName(), o);
            }
        }
        return byFlag;
    }

    @Test
    void everyFlagOfServeIsARowAndEveryRowAFlag() throws IOException {
        List<String> readmeFlags = readmeRows().stream().map(Row::flag).toList();
        assertThat(readmeFlags).doesNotHaveDuplicates();
        assertThat(readmeFlags).containsExactlyInAnyOrderElementsOf(serveOptions().keySet());
    }

    @Test
    void eachRowNamesTheVariableAndTheDefaultTheCodeUses() throws IOException {
        Map<String, OptionSpec> options = serveOptions();
        Map<String, NodeConfigParser.Setting> settings = new LinkedHashMap<>();
        NodeConfigParser.SETTINGS.forEach(s -> settings.put(s.flag(), s));
        for (Row row : readmeRows()) {
            NodeConfigParser.Setting setting = settings.get(row.flag());
            assertThat(setting).as("setting of %s", row.flag()).isNotNull();
            assertThat(row.env()).as("variable of %s", row.flag()).isEqualTo(setting.env());
            String codeDefault = options.get(row.flag()).defaultValue();
            if (row.defaultCell().startsWith("`")) {
                String literal = row.defaultCell().substring(1, row.defaultCell().indexOf('`', 1));
                assertThat(literal).as("default of %s", row.flag()).isEqualTo(codeDefault);
            } else {
                assertThat(codeDefault).as("%s: README gives '%s', which stands for an empty default", row.flag(),
                        row.defaultCell()).isEmpty();
            }
        }
    }

    @Test
    void theEnvironmentFillsEveryFlagNotGiven() {
        for (NodeConfigParser.Setting s : NodeConfigParser.SETTINGS) {
            PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            CommandLine cl = Main.commandLine(sink, sink, Map.of(s.env(), "from-env"));
            cl.parseArgs("serve");
            CommandSpec serve = cl.getSubcommands().get("serve").getCommandSpec();
            assertThat(NodeConfigParser.text(serve, s.env())).as(s.env()).isEqualTo("from-env");
        }
    }
}
