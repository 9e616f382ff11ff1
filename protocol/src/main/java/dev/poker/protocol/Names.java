package dev.poker.protocol;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The rules for names people type: player names ({@code hello.name}) and table names
 * ({@code create_table.name}). Both are taken in Unicode normalisation form C (NFC) with ASCII spaces at
 * either end removed, and are measured in code points of that form (not UTF-16 units), so "é" typed as
 * {@code e} + U+0301 is one code point, and a mathematical bold letter (outside the BMP) is one too.
 *
 * <ul>
 *   <li>A <b>player name</b> is 1 to 32 code points, each a letter (any script, category L) followed by
 *       any combining marks (category M: "नमस्ते" needs them), a decimal digit (category Nd, any script),
 *       a space, {@code _}, {@code .} or {@code -}. Other numbers (Ⅻ, ²³), symbols, punctuation, controls
 *       and a mark with no letter before it are refused.</li>
 *   <li>A <b>table name</b> is 1 to 64 code points of anything printable: control characters (Cc),
 *       line and paragraph separators (Zl, Zp), lone surrogates (Cs) and unassigned code points (Cn) are
 *       refused.</li>
 * </ul>
 *
 * <p>Concurrency: stateless; safe from any thread.
 */
public final class Names {
    /** The most code points in a player name. */
    public static final int PLAYER_MAX = 32;
    /** The most code points in a table name. */
    public static final int TABLE_MAX = 64;

    private static final Pattern PLAYER = Pattern.compile("(?:\\p{L}\\p{M}*|[\\p{Nd} _.\\-])+");
    private static final Pattern TABLE_FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cs}\\p{Cn}\\p{Zl}\\p{Zp}]");

    private Names() {}

    /** The form a name is kept in: NFC, ASCII spaces at either end removed. */
    public static String normalize(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int start = 0;
        int end = n.length();
        while (start < end && n.charAt(start) == ' ') {
            start++;
        }
        while (end > start && n.charAt(end - 1) == ' ') {
            end--;
        }
        return n.substring(start, end);
    }

    /** Null when {@code name} (as typed) is a valid player name, otherwise what is wrong with it. */
    public static String playerNameProblem(String name) {
        String n = normalize(name);
        if (n.isEmpty() || n.codePointCount(0, n.length()) > PLAYER_MAX || !PLAYER.matcher(n).matches()) {
            return "a name is 1 to 32 letters (with their combining marks), decimal digits, spaces, '_', '.' or '-'";
        }
        return null;
    }

    /** Null when {@code name} (as typed) is a valid table name, otherwise what is wrong with it. */
    public static String tableNameProblem(String name) {
        if (name == null) {
            return "a table name is 1 to 64 characters";
        }
        String n = normalize(name);
        if (n.isEmpty() || n.codePointCount(0, n.length()) > TABLE_MAX) {
            return "a table name is 1 to 64 characters";
        }
        if (TABLE_FORBIDDEN.matcher(n).find()) {
            return "a table name must not contain control characters, line breaks or unassigned characters";
        }
        return null;
    }
}
