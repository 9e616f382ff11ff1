package dev.poker.engine.phh;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fast hand-written reader for the TOML subset that PHH files use: {@code key = value} lines with
 * basic and literal strings (single- and multi-line), integers (decimal, hex, octal, binary, with
 * underscores), floats (including {@code inf} and {@code nan}), booleans, arrays (nested, spanning
 * lines, with comments and trailing commas), inline tables, and dates and times (kept as raw text).
 * Comments run from {@code #} to the end of the line.
 *
 * <p>A {@code .phh} file is one hand. A {@code .phhs} file holds many, each under its own table
 * header {@code [1]}, {@code [2]}, ... (any bare or quoted key is accepted as a header name); keys
 * before the first header are an error in such a file. Arrays of tables ({@code [[x]]}) and nested
 * table headers ({@code [a.b]}) are not part of PHH and are rejected.
 *
 * <p>Known fields are checked for their PHH type (see {@link PhhHand}); every other field is kept as
 * raw TOML text in {@link PhhHand#extra()}. Presence of required fields is not checked here: which
 * fields are required depends on the variant, and the replayer reports what is missing.
 *
 * <p>Concurrency: stateless static methods; each call uses its own reader.
 */
public final class PhhParser {
    private PhhParser() {}

    /** One hand of a file, or why it could not be read. Exactly one of {@code hand} and {@code error} is set. */
    public record Parsed(String name, int line, PhhHand hand, PhhFormatException error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Reads every hand: one for a {@code .phh} text, one per table for a {@code .phhs} text. */
    public static List<PhhHand> parseAll(String text) throws PhhFormatException {
        List<PhhHand> hands = new ArrayList<>();
        Reader r = new Reader(text);
        r.run(p -> hands.add(p.hand()), false);
        return hands;
    }

    /** Reads a text that must hold exactly one hand. */
    public static PhhHand parse(String text) throws PhhFormatException {
        List<PhhHand> hands = parseAll(text);
        if (hands.size() != 1) {
            throw new PhhFormatException(1, "expected one hand, found " + hands.size());
        }
        return hands.get(0);
    }

    /**
     * Reads every hand, handing each to {@code sink} as soon as it is read, without keeping them.
     * A hand that cannot be read is handed over with its error and reading goes on at the next table
     * header, so one bad hand in a {@code .phhs} file does not hide the others.
     */
    public static void parseEach(String text, Consumer<Parsed> sink) {
        Reader r = new Reader(text);
        try {
            r.run(sink, true);
        } catch (PhhFormatException e) {
            throw new IllegalStateException("recovering reader threw", e); // run(.., true) reports instead
        }
    }

    // ---- values ---------------------------------------------------------------------------------

    /** A date, time or inline table: kept as text. */
    private record Raw(String text) {}

    /** {@code inf} or {@code nan}. */
    private static final Object NON_FINITE = new Object();

    /** Known keys, as bits, to find duplicates cheaply. */
    private static final int VARIANT = 1, ANTES = 2, BLINDS = 4, MIN_BET = 8, STARTING = 16, ACTIONS = 32,
            PLAYERS = 64, SEATS = 128, FINISHING = 256, WINNINGS = 512, HAND = 1024, TABLE = 2048,
            TRIMMING = 4096;

    /** The fields of one hand as they are read. */
    private static final class Builder {
        final String name;
        final int line;
        int seen;
        String variant;
        List<BigDecimal> antes;
        List<BigDecimal> blinds;
        BigDecimal minBet;
        List<BigDecimal> starting;
        List<String> actions;
        List<String> players;
        List<Integer> seats;
        List<BigDecimal> finishing;
        List<BigDecimal> winnings;
        String hand;
        String table;
        Boolean trimming;
        Map<String, String> extra;

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        PhhHand build() {
            return new PhhHand(name, line, variant, antes, blinds, minBet, starting, actions, players, seats,
                    finishing, winnings, hand, table, trimming, extra == null ? Map.of() : extra);
        }
    }

    // ---- the reader ------------------------------------------------------------------------------

    private static final class Reader {
        private final String s;
        private final int len;
        private int pos;
        private int line = 1;

        Reader(String text) {
            this.s = text;
            this.len = text.length();
            if (len > 0 && s.charAt(0) == '\uFEFF') {
                pos = 1;
            }
        }

        private PhhFormatException error(String reason) {
            return new PhhFormatException(line, reason);
        }

        void run(Consumer<Parsed> sink, boolean recover) throws PhhFormatException {
            Builder current = null;
            while (true) {
                try {
                    skipBlankLines();
                    if (pos >= len) {
                        break;
                    }
                    if (s.charAt(pos) == '[') {
                        if (current != null) {
                            Builder done = current;
                            current = null;
                            if (done.name == null) {
                                PhhFormatException e = new PhhFormatException(done.line,
                                        "keys before the first [table] header in a file of several hands");
                                if (!recover) {
                                    throw e;
                                }
                                sink.accept(new Parsed(null, done.line, null, e));
                            } else {
                                sink.accept(new Parsed(done.name, done.line, done.build(), null));
                            }
                        }
                        int headerLine = line;
                        String name = header();
                        current = new Builder(name, headerLine);
                    } else {
                        if (current == null) {
                            current = new Builder(null, line);
                        }
                        keyValue(current);
                    }
                } catch (PhhFormatException e) {
                    if (!recover) {
                        throw e;
                    }
                    sink.accept(new Parsed(current == null ? null : current.name,
                            current == null ? e.line() : current.line, null, e));
                    current = null;
                    if (!skipToNextHeader()) {
                        return;
                    }
                }
            }
            if (current != null) {
                sink.accept(new Parsed(current.name, current.line, current.build(), null));
            }
        }

        /** After an error: moves to the start of the next line that looks like a table header. */
        private boolean skipToNextHeader() {
            while (pos < len) {
                // go to the start of the next line
                while (pos < len && s.charAt(pos) != '\n') {
                    pos++;
                }
                if (pos >= len) {
                    return false;
                }
                pos++;
                line++;
                int p = pos;
                while (p < len && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                    p++;
                }
                if (p + 1 < len && s.charAt(p) == '[' && s.charAt(p + 1) != '[') {
                    int end = s.indexOf('\n', p);
                    String rest = (end < 0 ? s.substring(p) : s.substring(p, end)).strip();
                    int hash = rest.indexOf('#');
                    if (hash >= 0) {
                        rest = rest.substring(0, hash).strip();
                    }
                    if (rest.endsWith("]") && rest.indexOf(',') < 0) {
                        pos = p;
                        return true;
                    }
                }
            }
            return false;
        }

        // ---- whitespace ------------------------------------------------------------------------

        /** Spaces and tabs. */
        private void skipSpaces() {
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        /** Spaces, tabs, comments and line breaks. */
        private void skipBlankLines() throws PhhFormatException {
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '\n') {
                    pos++;
                    line++;
                } else if (c == '#') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        private void skipComment() {
            int nl = s.indexOf('\n', pos);
            pos = nl < 0 ? len : nl;
        }

        /** After a key/value or header: only spaces and a comment may follow on the line. */
        private void endOfLine(String what) throws PhhFormatException {
            skipSpaces();
            if (pos >= len) {
                return;
            }
            char c = s.charAt(pos);
            if (c == '#') {
                skipComment();
                return;
            }
            if (c == '\r' && pos + 1 < len && s.charAt(pos + 1) == '\n') {
                pos++;
                c = '\n';
            }
            if (c == '\n') {
                pos++;
                line++;
                return;
            }
            throw error("unexpected '" + c + "' after " + what + "; expected the end of the line");
        }

        // ---- headers and keys ------------------------------------------------------------------

        private String header() throws PhhFormatException {
            pos++; // [
            if (pos < len && s.charAt(pos) == '[') {
                throw error("arrays of tables ([[...]]) are not used in PHH");
            }
            skipSpaces();
            String name = simpleKey();
            skipSpaces();
            if (pos < len && s.charAt(pos) == '.') {
                throw error("nested table headers ([" + name + ".…]) are not used in PHH");
            }
            if (pos >= len || s.charAt(pos) != ']') {
                throw error("expected ']' to close the table header [" + name);
            }
            pos++;
            endOfLine("the table header [" + name + "]");
            return name;
        }

        /** A bare or quoted key. */
        private String simpleKey() throws PhhFormatException {
            if (pos >= len) {
                throw error("expected a key, found the end of the text");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                if (s.startsWith("\"\"\"", pos)) {
                    throw error("a key cannot be a multi-line string");
                }
                return basicString();
            }
            if (c == '\'') {
                if (s.startsWith("'''", pos)) {
                    throw error("a key cannot be a multi-line string");
                }
                return literalString();
            }
            int start = pos;
            while (pos < len && isBareKeyChar(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a key, found '" + c + "'");
            }
            return s.substring(start, pos);
        }

        private static boolean isBareKeyChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        /** A possibly dotted key: its parts joined with dots. */
        private String key() throws PhhFormatException {
            String key = simpleKey();
            skipSpaces();
            while (pos < len && s.charAt(pos) == '.') {
                pos++;
                skipSpaces();
                key = key + "." + simpleKey();
                skipSpaces();
            }
            return key;
        }

        private void keyValue(Builder b) throws PhhFormatException {
            int keyLine = line;
            String key = key();
            if (pos >= len || s.charAt(pos) != '=') {
                throw error("expected '=' after the key '" + key + "'");
            }
            pos++;
            skipSpaces();
            if (pos >= len || s.charAt(pos) == '\n' || s.charAt(pos) == '#' || s.charAt(pos) == '\r') {
                throw error("expected a value for '" + key + "'");
            }
            int valueStart = pos;
            Object value = value();
            int valueEnd = pos;
            store(b, key, keyLine, value, valueStart, valueEnd);
            endOfLine("the value of '" + key + "'");
        }

        // ---- fields ----------------------------------------------------------------------------

        private void seen(Builder b, int bit, String key, int keyLine) throws PhhFormatException {
            if ((b.seen & bit) != 0) {
                throw new PhhFormatException(keyLine, "duplicate key '" + key + "'");
            }
            b.seen |= bit;
        }

        private void store(Builder b, String key, int keyLine, Object v, int start, int end) throws PhhFormatException {
            switch (key) {
                case "variant" -> {
                    seen(b, VARIANT, key, keyLine);
                    b.variant = string(key, keyLine, v);
                }
                case "antes" -> {
                    seen(b, ANTES, key, keyLine);
                    b.antes = numbers(key, keyLine, v, false);
                }
                case "blinds_or_straddles" -> {
                    seen(b, BLINDS, key, keyLine);
                    b.blinds = numbers(key, keyLine, v, false);
                }
                case "min_bet" -> {
                    seen(b, MIN_BET, key, keyLine);
                    b.minBet = number(key, keyLine, v);
                }
                case "starting_stacks" -> {
                    seen(b, STARTING, key, keyLine);
                    b.starting = numbers(key, keyLine, v, true);
                }
                case "actions" -> {
                    seen(b, ACTIONS, key, keyLine);
                    b.actions = strings(key, keyLine, v);
                }
                case "players" -> {
                    seen(b, PLAYERS, key, keyLine);
                    b.players = strings(key, keyLine, v);
                }
                case "seats" -> {
                    seen(b, SEATS, key, keyLine);
                    b.seats = integers(key, keyLine, v);
                }
                case "finishing_stacks" -> {
                    seen(b, FINISHING, key, keyLine);
                    b.finishing = numbers(key, keyLine, v, false);
                }
                case "winnings" -> {
                    seen(b, WINNINGS, key, keyLine);
                    b.winnings = numbers(key, keyLine, v, false);
                }
                case "hand" -> {
                    seen(b, HAND, key, keyLine);
                    b.hand = stringOrInteger(key, keyLine, v);
                }
                case "table" -> {
                    seen(b, TABLE, key, keyLine);
                    b.table = stringOrInteger(key, keyLine, v);
                }
                case "ante_trimming_status" -> {
                    seen(b, TRIMMING, key, keyLine);
                    if (!(v instanceof Boolean bool)) {
                        throw typeError(key, keyLine, "a boolean", v);
                    }
                    b.trimming = bool;
                }
                default -> {
                    if (b.extra == null) {
                        b.extra = new LinkedHashMap<>();
                    }
                    if (b.extra.putIfAbsent(key, s.substring(start, end)) != null) {
                        throw new PhhFormatException(keyLine, "duplicate key '" + key + "'");
                    }
                }
            }
        }

        private static PhhFormatException typeError(String key, int keyLine, String expected, Object v) {
            return new PhhFormatException(keyLine, "'" + key + "' must be " + expected + ", not " + describe(v));
        }

        private static String describe(Object v) {
            if (v instanceof String) {
                return "a string";
            }
            if (v instanceof BigDecimal) {
                return "a number";
            }
            if (v == NON_FINITE) {
                return "inf/nan";
            }
            if (v instanceof Boolean) {
                return "a boolean";
            }
            if (v instanceof List) {
                return "an array";
            }
            if (v instanceof Raw r) {
                return r.text().startsWith("{") ? "an inline table" : "a date or time";
            }
            return String.valueOf(v);
        }

        private static String string(String key, int keyLine, Object v) throws PhhFormatException {
            if (v instanceof String str) {
                return str;
            }
            throw typeError(key, keyLine, "a string", v);
        }

        private static BigDecimal number(String key, int keyLine, Object v) throws PhhFormatException {
            if (v instanceof BigDecimal d) {
                return d;
            }
            throw typeError(key, keyLine, "a number", v);
        }

        private static String stringOrInteger(String key, int keyLine, Object v) throws PhhFormatException {
            if (v instanceof String str) {
                return str;
            }
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            throw typeError(key, keyLine, "a string or an integer", v);
        }

        @SuppressWarnings("unchecked")
        private static List<BigDecimal> numbers(String key, int keyLine, Object v, boolean unknownAllowed)
                throws PhhFormatException {
            if (!(v instanceof List<?> list)) {
                throw typeError(key, keyLine, "an array of numbers", v);
            }
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                Object o = items.get(i);
                if (o instanceof BigDecimal) {
                    continue;
                }
                if (o == NON_FINITE && unknownAllowed) {
                    items.set(i, null);
                    continue;
                }
                throw new PhhFormatException(keyLine, "'" + key + "' must be an array of numbers; element "
                        + (i + 1) + " is " + describe(o));
            }
            return (List<BigDecimal>) (List<?>) items;
        }

        @SuppressWarnings("unchecked")
        private static List<String> strings(String key, int keyLine, Object v) throws PhhFormatException {
            if (!(v instanceof List<?> list)) {
                throw typeError(key, keyLine, "an array of strings", v);
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String)) {
                    throw new PhhFormatException(keyLine, "'" + key + "' must be an array of strings; element "
                            + (i + 1) + " is " + describe(list.get(i)));
                }
            }
            return (List<String>) list;
        }

        private static List<Integer> integers(String key, int keyLine, Object v) throws PhhFormatException {
            if (!(v instanceof List<?> list)) {
                throw typeError(key, keyLine, "an array of integers", v);
            }
            List<Integer> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object o = list.get(i);
                try {
                    if (o instanceof BigDecimal d) {
                        out.add(d.intValueExact());
                        continue;
                    }
                } catch (ArithmeticException e) {
                    // falls through to the error
                }
                throw new PhhFormatException(keyLine, "'" + key + "' must be an array of integers; element "
                        + (i + 1) + " is " + (o instanceof BigDecimal d ? d.toPlainString() : describe(o)));
            }
            return out;
        }

        // ---- values ----------------------------------------------------------------------------

        private Object value() throws PhhFormatException {
            if (pos >= len) {
                throw error("expected a value, found the end of the text");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '"':
                    return s.startsWith("\"\"\"", pos) ? multiLineBasicString() : basicString();
                case '\'':
                    return s.startsWith("'''", pos) ? multiLineLiteralString() : literalString();
                case '[':
                    return array();
                case '{':
                    return inlineTable();
                default:
                    return scalar();
            }
        }

        private List<Object> array() throws PhhFormatException {
            int startLine = line;
            pos++; // [
            List<Object> items = new ArrayList<>();
            skipBlankLines();
            while (true) {
                if (pos >= len) {
                    throw new PhhFormatException(startLine, "the array opened here is never closed with ']'");
                }
                if (s.charAt(pos) == ']') {
                    pos++;
                    return items;
                }
                items.add(value());
                skipBlankLines();
                if (pos >= len) {
                    throw new PhhFormatException(startLine, "the array opened here is never closed with ']'");
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                    skipBlankLines();
                } else if (c != ']') {
                    throw error("expected ',' or ']' in the array, found '" + c + "'");
                }
            }
        }

        /** Inline tables are not PHH fields; they are read (to find their end) and kept as text. */
        private Raw inlineTable() throws PhhFormatException {
            int start = pos;
            pos++; // {
            skipSpaces();
            if (pos < len && s.charAt(pos) == '}') {
                pos++;
                return new Raw(s.substring(start, pos));
            }
            while (true) {
                key();
                if (pos >= len || s.charAt(pos) != '=') {
                    throw error("expected '=' in the inline table");
                }
                pos++;
                skipSpaces();
                value();
                skipSpaces();
                if (pos >= len) {
                    throw error("the inline table is never closed with '}'");
                }
                char c = s.charAt(pos);
                if (c == ',') {
                    pos++;
                    skipSpaces();
                } else if (c == '}') {
                    pos++;
                    return new Raw(s.substring(start, pos));
                } else {
                    throw error("expected ',' or '}' in the inline table, found '" + c + "'");
                }
            }
        }

        private String basicString() throws PhhFormatException {
            int start = ++pos; // after the opening quote
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = s.substring(start, pos);
                    pos++;
                    return out;
                }
                if (c == '\\') {
                    return escapedString(start);
                }
                if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f) {
                    throw error("unterminated string (a \"...\" string must end on its line)");
                }
                pos++;
            }
            throw error("unterminated string");
        }

        /** The slow path of a basic string: from {@code start}, with escapes. */
        private String escapedString(int start) throws PhhFormatException {
            StringBuilder sb = new StringBuilder(s.length() - start < 64 ? 16 : 64);
            sb.append(s, start, pos);
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c == '\\') {
                    escape(sb);
                    continue;
                }
                if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f) {
                    throw error("unterminated string (a \"...\" string must end on its line)");
                }
                sb.append(c);
                pos++;
            }
            throw error("unterminated string");
        }

        /** At a backslash: appends the escaped character. */
        private void escape(StringBuilder sb) throws PhhFormatException {
            if (pos + 1 >= len) {
                throw error("unterminated escape sequence");
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'b' -> sb.append('\b');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'f' -> sb.append('\f');
                case 'r' -> sb.append('\r');
                case 'e' -> sb.append('\u001b');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> throw error("invalid escape sequence '\\" + e + "'");
            }
        }

        private int hex(int digits) throws PhhFormatException {
            if (pos + digits > len) {
                throw error("incomplete unicode escape");
            }
            int cp;
            try {
                cp = Integer.parseUnsignedInt(s, pos, pos + digits, 16);
            } catch (NumberFormatException ex) {
                throw error("invalid unicode escape '" + s.substring(pos, pos + digits) + "'");
            }
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw error("invalid unicode code point in escape");
            }
            pos += digits;
            return cp;
        }

        private String literalString() throws PhhFormatException {
            int start = ++pos;
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == '\'') {
                    String out = s.substring(start, pos);
                    pos++;
                    return out;
                }
                if (c == '\n') {
                    throw error("unterminated string (a '...' string must end on its line)");
                }
                pos++;
            }
            throw error("unterminated string");
        }

        private String multiLineBasicString() throws PhhFormatException {
            int startLine = line;
            pos += 3;
            skipFirstNewline();
            StringBuilder sb = new StringBuilder();
            while (pos < len) {
                char c = s.charAt(pos);
                if (c == '"' && s.startsWith("\"\"\"", pos)) {
                    // up to two quotes may directly precede the closing delimiter
                    int extra = 0;
                    while (extra < 2 && pos + 3 + extra < len && s.charAt(pos + 3 + extra) == '"') {
                        extra++;
                    }
                    sb.append("\"".repeat(extra));
                    pos += 3 + extra;
                    return sb.toString();
                }
                if (c == '\\') {
                    int p = pos + 1;
                    while (p < len && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\r')) {
                        p++;
                    }
                    if (p < len && s.charAt(p) == '\n') {
                        // line-ending backslash: drop the break and the whitespace that follows
                        pos = p;
                        while (pos < len && Character.isWhitespace(s.charAt(pos))) {
                            if (s.charAt(pos) == '\n') {
                                line++;
                            }
                            pos++;
                        }
                        continue;
                    }
                    escape(sb);
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                sb.append(c);
                pos++;
            }
            throw new PhhFormatException(startLine, "the multi-line string opened here is never closed");
        }

        private String multiLineLiteralString() throws PhhFormatException {
            int startLine = line;
            pos += 3;
            skipFirstNewline();
            int start = pos;
            int end = s.indexOf("'''", pos);
            if (end < 0) {
                throw new PhhFormatException(startLine, "the multi-line string opened here is never closed");
            }
            int extra = 0;
            while (extra < 2 && end + 3 + extra < len && s.charAt(end + 3 + extra) == '\'') {
                extra++;
            }
            String out = s.substring(start, end + extra);
            for (int i = start; i < end; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            pos = end + 3 + extra;
            return out;
        }

        private void skipFirstNewline() {
            if (pos < len && s.charAt(pos) == '\n') {
                pos++;
                line++;
            } else if (pos + 1 < len && s.charAt(pos) == '\r' && s.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            }
        }

        private static boolean isScalarChar(char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                    || c == '+' || c == '-' || c == '.' || c == ':';
        }

        /** Numbers, booleans, {@code inf}/{@code nan}, dates and times. */
        private Object scalar() throws PhhFormatException {
            int start = pos;
            while (pos < len && isScalarChar(s.charAt(pos))) {
                pos++;
            }
            // a date and a time may be separated by one space: 1979-05-27 07:32:00
            if (pos - start == 10 && pos + 3 < len && s.charAt(pos) == ' ' && isDigit(s.charAt(pos + 1))
                    && isDigit(s.charAt(pos + 2)) && s.charAt(pos + 3) == ':' && isDate(start)) {
                pos++;
                while (pos < len && isScalarChar(s.charAt(pos))) {
                    pos++;
                }
            }
            if (pos == start) {
                throw error("expected a value, found '" + s.charAt(pos) + "'");
            }
            int n = pos - start;
            char first = s.charAt(start);
            if (n == 4 && s.startsWith("true", start)) {
                return Boolean.TRUE;
            }
            if (n == 5 && s.startsWith("false", start)) {
                return Boolean.FALSE;
            }
            if (isDigit(first) && n >= 5 && (s.charAt(start + 2) == ':' || (n >= 10 && isDate(start)))) {
                return dateTime(start);
            }
            return number(start, pos);
        }

        private boolean isDate(int p) {
            return p + 10 <= len && isDigit(s.charAt(p)) && isDigit(s.charAt(p + 1)) && isDigit(s.charAt(p + 2))
                    && isDigit(s.charAt(p + 3)) && s.charAt(p + 4) == '-' && isDigit(s.charAt(p + 5))
                    && isDigit(s.charAt(p + 6)) && s.charAt(p + 7) == '-' && isDigit(s.charAt(p + 8))
                    && isDigit(s.charAt(p + 9));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Raw dateTime(int start) throws PhhFormatException {
            String text = s.substring(start, pos);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(isDigit(c) || c == '-' || c == ':' || c == '.' || c == ' ' || c == 'T' || c == 't' || c == 'Z'
                        || c == 'z' || c == '+')) {
                    throw error("not a valid date or time: '" + text + "'");
                }
            }
            return new Raw(text);
        }

        /** A TOML integer or float between {@code start} and {@code end}. */
        private Object number(int start, int end) throws PhhFormatException {
            int p = start;
            boolean negative = false;
            char c = s.charAt(p);
            if (c == '+' || c == '-') {
                negative = c == '-';
                p++;
            }
            int rest = end - p;
            if ((rest == 3 && (s.startsWith("inf", p) || s.startsWith("nan", p)))) {
                return NON_FINITE;
            }
            if (rest > 2 && s.charAt(p) == '0' && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'o'
                    || s.charAt(p + 1) == 'b')) {
                if (p != start) {
                    throw error("a hex, octal or binary integer cannot have a sign: '" + s.substring(start, end) + "'");
                }
                int radix = s.charAt(p + 1) == 'x' ? 16 : s.charAt(p + 1) == 'o' ? 8 : 2;
                String digits = digits(p + 2, end, radix);
                return new BigDecimal(new BigInteger(digits, radix));
            }
            // decimal: int [. int] [e [+-] int], underscores only between digits
            boolean underscores = false;
            int q = p;
            int intDigits = 0;
            while (q < end) {
                char d = s.charAt(q);
                if (isDigit(d)) {
                    intDigits++;
                } else if (d == '_' && q > p && isDigit(s.charAt(q - 1)) && q + 1 < end && isDigit(s.charAt(q + 1))) {
                    underscores = true;
                } else {
                    break;
                }
                q++;
            }
            if (intDigits == 0) {
                throw error("not a valid value: '" + s.substring(start, end) + "'"
                        + (Character.isLetter(s.charAt(start)) ? " (strings must be quoted)" : ""));
            }
            if (intDigits > 1 && s.charAt(p) == '0') {
                throw error("leading zeros are not allowed in numbers: '" + s.substring(start, end) + "'");
            }
            boolean plainInteger = !underscores && intDigits <= 18;
            if (q < end && s.charAt(q) == '.') {
                plainInteger = false;
                q++;
                int frac = 0;
                while (q < end) {
                    char d = s.charAt(q);
                    if (isDigit(d)) {
                        frac++;
                    } else if (d == '_' && isDigit(s.charAt(q - 1)) && q + 1 < end && isDigit(s.charAt(q + 1))) {
                        underscores = true;
                    } else {
                        break;
                    }
                    q++;
                }
                if (frac == 0) {
                    throw error("a decimal point must be followed by digits: '" + s.substring(start, end) + "'");
                }
            }
            if (q < end && (s.charAt(q) == 'e' || s.charAt(q) == 'E')) {
                plainInteger = false;
                q++;
                if (q < end && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
                    q++;
                }
                int exp = 0;
                while (q < end) {
                    char d = s.charAt(q);
                    if (isDigit(d)) {
                        exp++;
                    } else if (d == '_' && isDigit(s.charAt(q - 1)) && q + 1 < end && isDigit(s.charAt(q + 1))) {
                        underscores = true;
                    } else {
                        break;
                    }
                    q++;
                }
                if (exp == 0) {
                    throw error("an exponent must have digits: '" + s.substring(start, end) + "'");
                }
            }
            if (q != end) {
                throw error("not a valid number: '" + s.substring(start, end) + "'");
            }
            if (plainInteger) {
                long v = Long.parseLong(s, p, end, 10);
                return BigDecimal.valueOf(negative ? -v : v);
            }
            String text = s.substring(negative ? start : p, end);
            if (underscores) {
                text = text.replace("_", "");
            }
            return new BigDecimal(text);
        }

        private String digits(int from, int to, int radix) throws PhhFormatException {
            StringBuilder sb = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '_' && i > from && i + 1 < to && s.charAt(i - 1) != '_' && s.charAt(i + 1) != '_') {
                    continue;
                }
                if (Character.digit(c, radix) < 0) {
                    throw error("not a valid base-" + radix + " integer: '" + s.substring(from - 2, to) + "'");
                }
                sb.append(c);
            }
            if (sb.length() == 0) {
                throw error("not a valid base-" + radix + " integer: '" + s.substring(from - 2, to) + "'");
            }
            return sb.toString();
        }
    }
}
