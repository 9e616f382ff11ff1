package dev.poker.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options written {@code --name value} or {@code --name=value}.
 *
 * <p>Concurrency: stateless.
 */
public final class Flags {
    private Flags() {}

    /**
     * The options in {@code args} from index {@code from} on, in order, each a known name with its value;
     * an unknown option, a stray argument or a missing value is an IllegalArgumentException for people.
     */
    public static List<Map.Entry<String, String>> parse(String[] args, int from, Set<String> known) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (!known.contains(a)) {
                throw new IllegalArgumentException(a.startsWith("-") ? "unknown option '" + a + "'"
                        : "unexpected argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                value = args[++i];
            }
            out.add(Map.entry(a, value));
        }
        return out;
    }
}
