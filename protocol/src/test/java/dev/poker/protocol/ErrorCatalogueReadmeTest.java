package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** protocol/README.md lists exactly the catalogue of {@link ErrorCode}. */
class ErrorCatalogueReadmeTest {

    @Test
    void readmeListsTheCatalogue() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8); // surefire runs in protocol/
        assertThat(ErrorCatalogueTable.section(readme))
                .as("protocol/README.md §6 differs from dev.poker.protocol.ErrorCode; regenerate it from the "
                        + "repository root with: %s", ErrorCatalogueTable.REGENERATE)
                .isEqualTo(ErrorCatalogueTable.render());
    }

    @Test
    void everyCodeHasOneRow() {
        String table = ErrorCatalogueTable.render();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(table).containsOnlyOnce("| `" + c.name() + "` | " + c.number() + " |");
        }
        assertThat(table.lines()).hasSize(ErrorCode.values().length + 2);
    }

    @Test
    void rewritingReplacesOnlyTheSection() {
        String readme = "# t\n\nbefore\n" + ErrorCatalogueTable.BEGIN + "\n| old |\n" + ErrorCatalogueTable.END
                + "\nafter\n";
        String rewritten = ErrorCatalogueTable.withSection(readme, ErrorCatalogueTable.render());
        assertThat(ErrorCatalogueTable.section(rewritten)).isEqualTo(ErrorCatalogueTable.render());
        assertThat(rewritten).startsWith("# t\n\nbefore\n" + ErrorCatalogueTable.BEGIN + "\n")
                .endsWith(ErrorCatalogueTable.END + "\nafter\n").doesNotContain("| old |");
    }

    @Test
    void aReadmeWithoutMarkersIsAClearError() {
        assertThatThrownBy(() -> ErrorCatalogueTable.section("# no catalogue here\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BEGIN error catalogue");
    }
}
