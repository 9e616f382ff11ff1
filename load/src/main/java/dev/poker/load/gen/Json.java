package dev.poker.load.gen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A small JSON writer for the reports: maps (in their iteration order), iterables, strings, numbers,
 * booleans and null. Doubles are written with at most 3 decimals; NaN and infinities become null.
 *
 * <p>Concurrency: stateless.
 */
final class Json {
    private Json() {}

    static String write(Object value) {
        StringBuilder sb = new StringBuilder(4096);
        write(sb, value, 0);
        sb.append('\n');
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                sb.append("null");
            } else {
                sb.append(BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
            }
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            boolean flat = isFlat(m.values());
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, flat, indent + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(flat ? ":" : ": ");
                write(sb, e.getValue(), indent + 1);
            }
            newline(sb, flat, indent);
            sb.append('}');
        } else if (v instanceof Iterable<?> it) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            it.forEach(items::add);
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            boolean flat = isFlat(items);
            sb.append('[');
            boolean first = true;
            for (Object o : items) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, flat, indent + 1);
                write(sb, o, indent + 1);
            }
            newline(sb, flat, indent);
            sb.append(']');
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            string(sb, v.toString());
        }
    }

    /** Short collections of scalars go on one line (timeline rows, percentile points). */
    private static boolean isFlat(java.util.Collection<?> values) {
        if (values.size() > 24) {
            return false;
        }
        for (Object o : values) {
            if (o instanceof Map<?, ?> || o instanceof Iterable<?>) {
                return false;
            }
        }
        return true;
    }

    private static void newline(StringBuilder sb, boolean flat, int indent) {
        if (!flat) {
            sb.append('\n');
            sb.append("  ".repeat(indent));
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
