package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name rules of issue 17: NFC, code points, letters with their combining marks, decimal digits only. */
class NamesTest {
    private static final String BOLD_A = "\uD835\uDC00"; // MATHEMATICAL BOLD CAPITAL A, one code point, two UTF-16 units

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "Zoë Ñúñez_1.-", "नमस्ते", "e\u0301", "Ǆemal", "李小龍", "٣٤ Ali", "x"})
    void playerNamesThatAreAccepted(String name) {
        assertThat(Names.playerNameProblem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ⅻ", "²³", "a\u2028b", "\u0301e", "smile \uD83D\uDE00", "x\u0000y", "a/b", "1\u20E3", "  ",
        "tab\there"})
    void playerNamesThatAreRefused(String name) {
        assertThat(Names.playerNameProblem(name)).contains("1 to 32");
    }

    @Test
    void playerNamesAreCountedInCodePointsNotUtf16Units() {
        assertThat(Names.playerNameProblem(BOLD_A.repeat(17))).isNull();
        assertThat(Names.playerNameProblem(BOLD_A.repeat(32))).isNull();
        assertThat(Names.playerNameProblem(BOLD_A.repeat(33))).contains("1 to 32");
        assertThat(Names.playerNameProblem("a".repeat(32))).isNull();
        assertThat(Names.playerNameProblem("a".repeat(33))).contains("1 to 32");
    }

    @Test
    void playerNamesAreCountedAfterNfc() {
        String decomposed = "e\u0301".repeat(32); // 64 code points typed, 32 after NFC
        assertThat(Names.playerNameProblem(decomposed)).isNull();
        assertThat(Names.normalize(decomposed)).isEqualTo("é".repeat(32));
    }

    @Test
    void normalizeComposesAndRemovesSpacesAtEitherEnd() {
        assertThat(Names.normalize("  Jose\u0301 ")).isEqualTo("José");
        assertThat(Names.normalize("नमस्ते")).isEqualTo("नमस्ते");
    }

    @Test
    void tableNamesRefuseControlCharacters() {
        assertThat(Names.tableNameProblem("\u0000")).contains("control characters");
        assertThat(Names.tableNameProblem("Main\u0007")).contains("control characters");
        assertThat(Names.tableNameProblem("two\nlines")).contains("control characters");
        assertThat(Names.tableNameProblem("a\u2029b")).contains("control characters");
        assertThat(Names.tableNameProblem("lone \uD800")).contains("control characters");
    }

    @Test
    void tableNamesAcceptPrintableTextUpTo64CodePoints() {
        assertThat(Names.tableNameProblem("Main 5/10 ♠ \uD83C\uDCA1")).isNull();
        assertThat(Names.tableNameProblem(BOLD_A.repeat(64))).isNull();
        assertThat(Names.tableNameProblem(BOLD_A.repeat(65))).contains("1 to 64");
        assertThat(Names.tableNameProblem("   ")).contains("1 to 64");
        assertThat(Names.tableNameProblem(null)).contains("1 to 64");
    }
}
