package dev.poker.engine.phh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhhParserTest {

    static String resource(String name) {
        try (InputStream in = PhhParserTest.class.getResourceAsStream("/phh/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /phh/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<BigDecimal> dec(String... values) {
        List<BigDecimal> out = new ArrayList<>();
        for (String v : values) {
            out.add(v == null ? null : new BigDecimal(v));
        }
        return out;
    }

    private static PhhFormatException error(String text) {
        try {
            PhhParser.parseAll(text);
        } catch (PhhFormatException e) {
            return e;
        }
        throw new AssertionError("expected a PhhFormatException for:\n" + text);
    }

    @Test
    void readsTheDwanIveyHandWithCommentsAndAMultiLineArray() throws Exception {
        PhhHand h = PhhParser.parse(resource("dwan-ivey-2009.phh"));
        assertThat(h.variant()).isEqualTo("NT");
        assertThat(h.anteTrimmingStatus()).isTrue();
        assertThat(h.antes()).isEqualTo(dec("500", "500", "500"));
        assertThat(h.blindsOrStraddles()).isEqualTo(dec("1000", "2000", "0"));
        assertThat(h.minBet()).isEqualByComparingTo("2000");
        assertThat(h.startingStacks()).isEqualTo(dec("1125600", "2000000", "553500"));
        assertThat(h.actions()).hasSize(18).startsWith("d dh p1 Ac2d", "d dh p2 ????").endsWith("d db Jh");
        assertThat(h.players()).containsExactly("Phil Ivey", "Patrik Antonius", "Tom Dwan");
        assertThat(h.finishingStacks()).isNull();
        assertThat(h.extra()).containsEntry("author", "\"Juho Kim\"").containsEntry("year", "2009")
                .containsEntry("currency", "\"USD\"");
        assertThat(h.name()).isNull();
        assertThat(h.line()).isEqualTo(4);
    }

    @Test
    void readsEveryValueType() throws Exception {
        String text = """
                # comment before anything
                variant = "NT"   # trailing comment
                ante_trimming_status = false
                antes = [ 0.25 , 0.25,+0.25 ,]
                blinds_or_straddles = [0.50, 1_0, 0]
                min_bet = 1e1
                starting_stacks = [1_000, 0x10, inf]
                actions = [
                  # a comment inside the array
                  'd dh p1 ????',   # literal string
                  "d dh p2 A\\u0063Kd",  # escape
                  \"\"\"p3 f\"\"\",

                ]
                players = ["tab\\there", 'C:\\path', "quote\\"d"]
                seats = [1, 2, 3]
                hand = 42
                table = "Main"
                time = 00:00:09
                date = 2009-07-01
                stamp = 1979-05-27 07:32:00Z
                nested = [[1, 2], ["a"]]
                inline = { a = 1, b = "x" }
                flag = true
                neg = -17
                float = -0.5e-3
                hex = 0xDEAD_BEEF
                bin = 0b1010
                oct = 0o17
                nan = nan
                multi = '''
                raw \\n text'''
                basic = \"\"\"
                line one \\
                   continued\"\"\"
                dotted.key = "dotted"
                "quoted key" = 'q'
                """;
        PhhHand h = PhhParser.parse(text);
        assertThat(h.anteTrimmingStatus()).isFalse();
        assertThat(h.antes()).isEqualTo(dec("0.25", "0.25", "0.25"));
        assertThat(h.blindsOrStraddles()).isEqualTo(dec("0.50", "10", "0"));
        assertThat(h.minBet()).isEqualByComparingTo("10");
        assertThat(h.startingStacks()).isEqualTo(dec("1000", "16", null));
        assertThat(h.actions()).containsExactly("d dh p1 ????", "d dh p2 AcKd", "p3 f");
        assertThat(h.players()).containsExactly("tab\there", "C:\\path", "quote\"d");
        assertThat(h.seats()).containsExactly(1, 2, 3);
        assertThat(h.hand()).isEqualTo("42");
        assertThat(h.table()).isEqualTo("Main");
        assertThat(h.extra()).containsEntry("time", "00:00:09").containsEntry("date", "2009-07-01")
                .containsEntry("stamp", "1979-05-27 07:32:00Z").containsEntry("nested", "[[1, 2], [\"a\"]]")
                .containsEntry("inline", "{ a = 1, b = \"x\" }").containsEntry("flag", "true")
                .containsEntry("neg", "-17").containsEntry("float", "-0.5e-3")
                .containsEntry("hex", "0xDEAD_BEEF").containsEntry("nan", "nan")
                .containsEntry("dotted.key", "\"dotted\"").containsEntry("quoted key", "'q'");
        assertThat(h.extra().keySet()).containsExactly("time", "date", "stamp", "nested", "inline", "flag", "neg",
                "float", "hex", "bin", "oct", "nan", "multi", "basic", "dotted.key", "quoted key");
    }

    @Test
    void multiLineStringsFollowTomlRules() throws Exception {
        String text = "basic = \"\"\"\nline one \\\n    continued \"quoted\" \"\"\"\nliteral = '''\nno \\escape'''\n"
                + "variant = \"NT\"\n";
        PhhHand h = PhhParser.parse(text);
        assertThat(h.variant()).isEqualTo("NT");
        assertThat(h.line()).isEqualTo(1);
        // raw text is kept; the line after the strings still counts right
        PhhFormatException e = error(text + "bad = \n");
        assertThat(e.line()).isEqualTo(7);
    }

    @Test
    void readsDecimalsExactly() throws Exception {
        PhhHand h = PhhParser.parse("starting_stacks = [10000.0, 0.1, 200.30, 1E2]\nmin_bet = 0.25\n");
        assertThat(h.startingStacks().get(0)).isEqualTo(new BigDecimal("10000.0"));
        assertThat(h.startingStacks().get(1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(h.startingStacks().get(2)).isEqualTo(new BigDecimal("200.30"));
        assertThat(h.startingStacks().get(3)).isEqualByComparingTo("100");
        assertThat(h.minBet()).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void readsAPhhsFileHandByHand() throws Exception {
        List<PhhHand> hands = PhhParser.parseAll(resource("handhq/abs-100NLH-handhq_1-first21.phhs"));
        assertThat(hands).hasSize(21);
        assertThat(hands.get(0).name()).isEqualTo("1");
        assertThat(hands.get(0).line()).isEqualTo(1);
        assertThat(hands.get(0).hand()).isEqualTo("3017237436");
        assertThat(hands.get(0).winnings()).isEqualTo(dec("2", "0", "0"));
        assertThat(hands.get(0).extra()).containsEntry("time", "00:00:09").containsEntry("venue", "'Absolute Poker'");
        assertThat(hands.get(1).name()).isEqualTo("2");
        assertThat(hands.get(1).line()).isEqualTo(22);
        assertThat(hands.get(20).name()).isEqualTo("21");
        assertThat(hands.get(20).startingStacks()).isEqualTo(dec("82.40", "197"));
        assertThat(hands.get(20).label()).isEqualTo("[21] hand 3017241370");
    }

    @Test
    void tableHeadersMayBeQuotedAndCommented() throws Exception {
        List<PhhHand> hands = PhhParser.parseAll("""
                ["first hand"]  # a comment
                variant = "NT"

                  [ second ]
                variant = "FT"
                """);
        assertThat(hands).extracting(PhhHand::name).containsExactly("first hand", "second");
        assertThat(hands).extracting(PhhHand::variant).containsExactly("NT", "FT");
        assertThat(hands).extracting(PhhHand::line).containsExactly(1, 4);
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() throws Exception {
        PhhHand h = PhhParser.parse("\uFEFFvariant = \"NT\"\r\nantes = [\r\n  1,\r\n  2,\r\n]\r\nmin_bet = 2 # c\r\n");
        assertThat(h.antes()).isEqualTo(dec("1", "2"));
        assertThat(h.minBet()).isEqualByComparingTo("2");
    }

    @Test
    void anEmptyTextHasNoHands() throws Exception {
        assertThat(PhhParser.parseAll("")).isEmpty();
        assertThat(PhhParser.parseAll("# only a comment\n\n")).isEmpty();
        assertThatThrownBy(() -> PhhParser.parse("")).isInstanceOf(PhhFormatException.class)
                .hasMessageContaining("expected one hand, found 0");
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        assertThat(error("variant = \"NT\"\nantes = [0, 0\nmin_bet = 2\n"))
                .satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("expected ',' or ']'");
        assertThat(error("variant = \"NT\"\n\nantes = [0, 0,\n  1,\n")).satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("line 3: the array opened here is never closed with ']'");
        assertThat(error("variant = \"NT\nmin_bet = 2\n")).satisfies(e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageContaining("unterminated string");
        assertThat(error("a = 1\nvariant \"NT\"\n")).satisfies(e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("expected '=' after the key 'variant'");
        assertThat(error("a = 1\nb = 2\nvariant = NT\n")).satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("not a valid value: 'NT' (strings must be quoted)");
        assertThat(error("min_bet = 1\nmin_bet = 2\n")).satisfies(e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("duplicate key 'min_bet'");
        assertThat(error("author = 'a'\nauthor = 'b'\n")).satisfies(e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("duplicate key 'author'");
        assertThat(error("\n\nantes = \"none\"\n")).satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("line 3: 'antes' must be an array of numbers, not a string");
        assertThat(error("actions = ['p1 f', 3]\n")).hasMessageContaining("element 2 is a number");
        assertThat(error("min_bet = 01\n")).hasMessageContaining("leading zeros");
        assertThat(error("min_bet = 1.\n")).hasMessageContaining("decimal point must be followed by digits");
        assertThat(error("min_bet = 1 2\n")).hasMessageContaining("expected the end of the line");
        assertThat(error("min_bet =\n")).hasMessageContaining("expected a value for 'min_bet'");
        assertThat(error("[[hands]]\n")).hasMessageContaining("arrays of tables");
        assertThat(error("[a.b]\n")).hasMessageContaining("nested table headers");
        assertThat(error("[1\nvariant = 'NT'\n")).hasMessageContaining("expected ']'");
        assertThat(error("x = \"\\q\"\n")).hasMessageContaining("invalid escape sequence");
        assertThat(error("seats = [1, 2.5]\n")).hasMessageContaining("element 2 is 2.5");
        assertThat(error("ante_trimming_status = 'yes'\n")).hasMessageContaining("must be a boolean");
        assertThat(error("variant = 'NT'\n[1]\nvariant = 'NT'\n")).satisfies(e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageContaining("keys before the first [table] header");
    }

    @Test
    void parseEachReportsABadHandAndGoesOnWithTheNext() {
        String text = """
                [1]
                variant = 'NT'

                [2]
                variant = 'NT'
                antes = [1, oops]

                [3]
                variant = 'FT'
                """;
        List<PhhParser.Parsed> parsed = new ArrayList<>();
        PhhParser.parseEach(text, parsed::add);
        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0).ok()).isTrue();
        assertThat(parsed.get(1).ok()).isFalse();
        assertThat(parsed.get(1).name()).isEqualTo("2");
        assertThat(parsed.get(1).line()).isEqualTo(4);
        assertThat(parsed.get(1).error().line()).isEqualTo(6);
        assertThat(parsed.get(1).error().reason()).contains("'oops'");
        assertThat(parsed.get(2).hand().variant()).isEqualTo("FT");
    }

    @Test
    void writtenHandsReadBackEqual() throws Exception {
        for (String name : List.of("dwan-ivey-2009.phh", "pluribus/100/9.phh", "wsop/2023/43/5/1.phh",
                "handhq/abs-100NLH-handhq_1-first21.phhs")) {
            List<PhhHand> hands = PhhParser.parseAll(resource(name));
            String written = hands.size() == 1 && hands.get(0).name() == null ? PhhWriter.write(hands.get(0))
                    : PhhWriter.writeAll(hands);
            List<PhhHand> again = PhhParser.parseAll(written);
            assertThat(again).hasSameSizeAs(hands);
            for (int i = 0; i < hands.size(); i++) {
                PhhHand a = hands.get(i);
                PhhHand b = again.get(i);
                assertThat(b).usingRecursiveComparison().ignoringFields("line").isEqualTo(a);
            }
        }
    }
}
