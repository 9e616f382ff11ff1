package dev.poker.load.gen;

/**
 * Reads a few fields out of a {@code poker.v1} frame without decoding it. The load generator looks at every
 * frame a bot sends or receives (the bot's own client decodes it fully as well), so this is kept to plain
 * string searches: a key is found by its quoted name followed by a colon, wherever it is in the object.
 * That is exact for the frames it is used on ({@code event} envelopes of kind {@code action},
 * {@code your_turn}, {@code welcome}, {@code snapshot}, {@code error}, and client frames), where each key
 * read occurs once and no player-chosen string comes before it.
 *
 * <p>Concurrency: stateless.
 */
final class FrameScan {
    private FrameScan() {}

    /** The message's {@code "type"}, or null. */
    static String type(String frame) {
        return string(frame, "type");
    }

    /** The string value of {@code key}, or null when it is missing or not a string. */
    static String string(String frame, String key) {
        int i = valueStart(frame, key);
        if (i < 0 || i >= frame.length() || frame.charAt(i) != '"') {
            return null;
        }
        int end = i + 1;
        StringBuilder escaped = null;
        while (end < frame.length()) {
            char c = frame.charAt(end);
            if (c == '"') {
                return escaped == null ? frame.substring(i + 1, end) : escaped.toString();
            }
            if (c == '\\') { // rare in the fields read here; kept correct anyway
                if (escaped == null) {
                    escaped = new StringBuilder(frame.substring(i + 1, end));
                }
                if (end + 1 < frame.length()) {
                    char n = frame.charAt(end + 1);
                    escaped.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> n;
                    });
                    end += 2;
                    continue;
                }
            } else if (escaped != null) {
                escaped.append(c);
            }
            end++;
        }
        return null;
    }

    /** The integer value of {@code key}, or {@code missing}. */
    static long number(String frame, String key, long missing) {
        int i = valueStart(frame, key);
        if (i < 0 || i >= frame.length()) {
            return missing;
        }
        boolean negative = frame.charAt(i) == '-';
        int j = negative ? i + 1 : i;
        long v = 0;
        int digits = 0;
        while (j < frame.length()) {
            char c = frame.charAt(j);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            digits++;
            j++;
        }
        return digits == 0 ? missing : negative ? -v : v;
    }

    /** The boolean value of {@code key}, or {@code missing}. */
    static boolean bool(String frame, String key, boolean missing) {
        int i = valueStart(frame, key);
        if (i < 0) {
            return missing;
        }
        if (frame.startsWith("true", i)) {
            return true;
        }
        if (frame.startsWith("false", i)) {
            return false;
        }
        return missing;
    }

    /** Index of the first character of {@code key}'s value (after the colon and blanks), or -1. */
    private static int valueStart(String frame, String key) {
        int from = 0;
        while (true) {
            int k = frame.indexOf(key, from);
            if (k < 0) {
                return -1;
            }
            int end = k + key.length();
            if (k > 0 && frame.charAt(k - 1) == '"' && end < frame.length() && frame.charAt(end) == '"') {
                int i = end + 1;
                while (i < frame.length() && Character.isWhitespace(frame.charAt(i))) {
                    i++;
                }
                if (i < frame.length() && frame.charAt(i) == ':') {
                    i++;
                    while (i < frame.length() && Character.isWhitespace(frame.charAt(i))) {
                        i++;
                    }
                    return i;
                }
            }
            from = k + 1;
        }
    }
}
