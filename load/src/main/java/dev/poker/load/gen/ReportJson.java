package dev.poker.load.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the reports' JSON with Jackson's generator: maps (in their iteration order), iterables, strings,
 * numbers, booleans, enums (lower case) and null. Doubles are written with at most 3 decimals; NaN and
 * infinities become null. Short collections of scalars (timeline rows, percentile points) go on one line,
 * everything else is indented by two spaces.
 *
 * <p>Concurrency: stateless; each {@link #write} uses its own generator and layout.
 */
final class ReportJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final int FLAT_MAX = 24;

    private ReportJson() {}

    static String write(Object value) {
        StringWriter out = new StringWriter(4096);
        Layout layout = new Layout();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(layout);
            g.setCharacterEscapes(LineSeparatorEscapes.INSTANCE);
            write(g, layout, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator g, Layout layout, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeNull();
            } else {
                g.writeNumber(BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros());
            }
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            layout.open(isFlat(m.values()));
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, layout, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            List<Object> items = new ArrayList<>();
            it.forEach(items::add);
            layout.open(isFlat(items));
            g.writeStartArray();
            for (Object o : items) {
                write(g, layout, o);
            }
            g.writeEndArray();
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name().toLowerCase(Locale.ROOT));
        } else {
            g.writeString(v.toString());
        }
    }

    private static boolean isFlat(Collection<?> values) {
        if (values.size() > FLAT_MAX) {
            return false;
        }
        for (Object o : values) {
            if (o instanceof Map<?, ?> || o instanceof Iterable<?>) {
                return false;
            }
        }
        return true;
    }

    /**
     * The whitespace: each container is flat (on one line, no blanks) or indented, as the writer decides
     * before it starts the container ({@link #open}).
     */
    private static final class Layout implements PrettyPrinter {
        private final Deque<Boolean> flat = new ArrayDeque<>();
        private boolean next; // the layout of the container about to start

        /** Before the writer starts a container (the separator before it still belongs to its parent). */
        void open(boolean isFlat) {
            next = isFlat;
        }

        private void newline(JsonGenerator g, int depth) throws IOException {
            if (!flat.peek()) {
                g.writeRaw('\n');
                g.writeRaw("  ".repeat(depth));
            }
        }

        private void close(JsonGenerator g, int entries, char end) throws IOException {
            if (entries > 0) {
                newline(g, flat.size() - 1);
            }
            flat.pop();
            g.writeRaw(end);
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            // one root value per report
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            flat.push(next);
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            close(g, entries, '}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g, flat.size());
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(flat.peek() ? ":" : ": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            flat.push(next);
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            close(g, values, ']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g, flat.size());
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g, flat.size());
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g, flat.size());
        }
    }

    /** JSON's escapes, and U+2028/U+2029 escaped too (JavaScript reads them as line ends). */
    private static final class LineSeparatorEscapes extends CharacterEscapes {
        static final LineSeparatorEscapes INSTANCE = new LineSeparatorEscapes();
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
