package dev.poker.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders {@link ErrorCode} as the Markdown table of protocol/README.md §6, between {@link #BEGIN} and
 * {@link #END}. {@link ErrorCatalogueReadmeTest} fails when the README differs; {@link #main} rewrites it:
 *
 * <pre>
 * ./mvnw -B -q -pl protocol -am test-compile
 * java -cp engine/target/classes:protocol/target/classes:protocol/target/test-classes \
 *     dev.poker.protocol.ErrorCatalogueTable protocol/README.md
 * </pre>
 */
final class ErrorCatalogueTable {
    static final String BEGIN = "<!-- BEGIN error catalogue: generated from dev.poker.protocol.ErrorCode -->";
    static final String END = "<!-- END error catalogue -->";
    static final String REGENERATE = "./mvnw -B -q -pl protocol -am test-compile && java -cp "
            + "engine/target/classes:protocol/target/classes:protocol/target/test-classes "
            + "dev.poker.protocol.ErrorCatalogueTable protocol/README.md";

    private ErrorCatalogueTable() {}

    /** The catalogue as a Markdown table, one row per code in declaration (number) order. */
    static String render() {
        StringBuilder b = new StringBuilder("| code | number | range | retryable | meaning |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (ErrorCode c : ErrorCode.values()) {
            b.append("| `").append(c.name()).append("` | ").append(c.number()).append(" | ")
                    .append(c.range().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(c.retryable() ? "**yes**" : "no").append(" | ")
                    .append(c.meaning().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    /** What stands between the markers in {@code readme}. */
    static String section(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no section between '" + BEGIN + "' and '" + END + "'");
        }
        return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
    }

    /** {@code readme} with the section between the markers replaced by {@code table}. */
    static String withSection(String readme, String table) {
        section(readme); // the markers must be there
        int begin = readme.indexOf(BEGIN) + BEGIN.length();
        return readme.substring(0, begin) + "\n" + table + readme.substring(readme.indexOf(END));
    }

    /** Rewrites the catalogue section of the README named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ErrorCatalogueTable <path of protocol/README.md>");
            System.exit(2);
        }
        Path readme = Path.of(args[0]);
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, withSection(text, render()), StandardCharsets.UTF_8);
    }
}
