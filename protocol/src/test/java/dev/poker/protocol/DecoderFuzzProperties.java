package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage.Act;
import dev.poker.protocol.ClientMessage.CreateTable;
import dev.poker.protocol.ClientMessage.Hello;
import dev.poker.protocol.ClientMessage.Join;
import dev.poker.protocol.ClientMessage.Leave;
import dev.poker.protocol.ClientMessage.ListTables;
import dev.poker.protocol.ClientMessage.Ping;
import dev.poker.protocol.ClientMessage.Sit;
import dev.poker.protocol.ClientMessage.SitIn;
import dev.poker.protocol.ClientMessage.SitOut;
import dev.poker.protocol.ClientMessage.TopUp;
import dev.poker.protocol.ClientMessage.Unwatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The decoder never throws and never hangs, whatever a client sends: arbitrary text, valid frames
 * mangled in every way, and inputs built to be slow. Every result is a well formed {@link Decoded}.
 *
 * <p>Abstract because Maven Surefire only picks up classes named {@code *Test}/{@code *Tests} by
 * default: {@link DecoderFuzzPropertiesTest} runs these properties (once, also in an IDE).
 */
abstract class DecoderFuzzProperties {

    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Set<ErrorCode> CODES =
            Set.of(ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_MESSAGE);
    private static final List<String> TYPES = List.of("hello", "list_tables", "create_table", "join", "unwatch",
            "sit", "act", "sit_out", "sit_in", "top_up", "leave", "ping");
    private static final List<String> FIELDS = List.of("type", "id", "name", "token", "seats", "smallBlind",
            "bigBlind", "ante", "anteType", "minBuyIn", "maxBuyIn", "actionTimeMs", "timeBankMs", "rakeBasisPoints",
            "rakeCap", "table", "lastSeq", "seat", "buyIn", "postBigBlind", "hand", "action", "amount", "actionId",
            "waitForBigBlind", "t", "", "\u0000", "TYPE", "__proto__", "@type", "@class");
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\u00",
            "\\ud800", "\\udc00", "null", "true", "false", "0", "-", "-0", "1", "1.5", "1e999", "-1e-999",
            "9223372036854775808", "99999999999999999999999999999999999", "NaN", "Infinity", " ", "\n", "\t", "\r",
            "\u0000", "\u001f", "\u007f", "\u00e9", "\u2028", "\uFEFF", "\uD83C", "\uDCA1", "\uD83C\uDCA1", "\uFFFF",
            "\"type\"", "\"id\"", "\"ping\"", "\"act\"", "\"hello\"", "/*", "*/", "//", "'", "\"\"", "{}", "[]");

    // ---------------------------------------------------------------------------------------------
    // invariants of every answer

    /** Decodes in the test thread and checks the answer is one a server can send. */
    static Decoded decodeChecked(String frame) {
        Decoded d = CODEC.decodeClient(frame);
        assertThat(d).as("decodeClient never returns null").isNotNull();
        if (d instanceof Decoded.Ok ok) {
            assertThat(ok.message()).isNotNull();
            assertThat(ok.message().problem()).as("an accepted message is valid").isNull();
            if (ok.message().id() != null) {
                assertThat(ok.message().id().length()).isLessThanOrEqualTo(64);
            }
        } else {
            Decoded.Bad bad = (Decoded.Bad) d;
            assertThat(bad.code()).isIn(CODES);
            assertThat(bad.message()).isNotBlank();
            assertThat(bad.message().length()).as("error text does not grow with the frame").isLessThanOrEqualTo(200);
            if (bad.id() != null) {
                assertThat(bad.id().length()).isLessThanOrEqualTo(64);
            }
            if (bad.code() == ErrorCode.BAD_JSON) {
                assertThat(bad.id()).isNull();
            }
        }
        return d;
    }

    static String outcome(Decoded d) {
        return d instanceof Decoded.Bad bad ? bad.code().name() : "OK";
    }

    // ---------------------------------------------------------------------------------------------
    // (a) arbitrary text

    @Property(tries = 2000)
    void arbitraryTextNeverThrows(@ForAll("anyText") String text) {
        decodeChecked(text);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u0020')
                .withChars("{}[]\":,\\ntrufalse0123456789-+.eE").ofMaxLength(100);
        Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\uD800', '\uDFFF')
                .withChars("{\"type\":").ofMaxLength(50);
        Arbitrary<String> tokenSoup = Arbitraries.of(TOKENS).list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> objectish = tokenSoup.map(s -> "{\"type\":\"ping\"," + s);
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, unicode),
                Tuple.of(2, controls),
                Tuple.of(1, surrogates),
                Tuple.of(3, tokenSoup),
                Tuple.of(2, objectish),
                Tuple.of(2, Arbitraries.of(TOKENS))));
    }

    /** Arbitrary JSON values (well formed), nested a few levels. */
    @Provide
    Arbitrary<String> jsonValues() {
        return jsonValue(4);
    }

    static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e308", "-0.0", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775809", "2147483648", "1E+2", "\"\""),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
                Arbitraries.strings().all().ofMaxLength(20).map(DecoderFuzzProperties::quote));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(4)
                .map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.of(FIELDS).map(DecoderFuzzProperties::quote),
                        Arbitraries.lazy(() -> jsonValue(depth - 1))).as((k, v) -> k + ":" + v)
                .list().ofMaxSize(4).uniqueElements(kv -> kv.substring(0, kv.indexOf("\":") + 1))
                .map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(List.of(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object)));
    }

    @Property(tries = 1000)
    void arbitraryJsonObjectsNeverThrow(@ForAll("jsonObjects") String frame) {
        Statistics.label("outcome").collect(outcome(decodeChecked(frame)));
        Statistics.label("outcome").coverage(c -> {
            c.check("OK").count(n -> n > 0);
            c.check("INVALID_MESSAGE").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<String> jsonObjects() {
        Arbitrary<String> member = Combinators.combine(
                Arbitraries.of(FIELDS).map(DecoderFuzzProperties::quote),
                Arbitraries.frequencyOf(List.of(Tuple.of(2, Arbitraries.of(TYPES).map(DecoderFuzzProperties::quote)),
                        Tuple.of(5, jsonValue(3))))).as((k, v) -> k + ":" + v);
        return Combinators.combine(Arbitraries.of(TYPES), member.list().ofMaxSize(12))
                .as((type, members) -> {
                    List<String> all = new ArrayList<>(members);
                    all.add(0, "\"type\":" + quote(type));
                    return "{" + String.join(",", all) + "}";
                });
    }

    // ---------------------------------------------------------------------------------------------
    // (b) valid frames, mangled

    @Property(tries = 2000)
    void mutatedFramesNeverThrow(@ForAll("messages") ClientMessage message,
            @ForAll("mutations") List<Mutation> mutations) {
        String frame = CODEC.encode(message);
        for (Mutation m : mutations) {
            frame = m.apply(frame);
        }
        Decoded d = decodeChecked(frame);
        Statistics.label("outcome").collect(outcome(d));
        Statistics.label("outcome").coverage(c -> {
            for (String o : List.of("OK", "BAD_JSON", "UNKNOWN_TYPE", "INVALID_MESSAGE")) {
                c.check(o).count(n -> n > 0);
            }
        });
        if (d instanceof Decoded.Ok ok) {
            // whatever was accepted encodes to a frame that decodes to the same message
            assertThat(CODEC.decodeClient(CODEC.encode(ok.message()))).isEqualTo(d);
        }
    }

    @Property(tries = 2000)
    void encodedMessagesDecodeToThemselvesOrToTheirProblem(@ForAll("messages") ClientMessage message) {
        Decoded d = decodeChecked(CODEC.encode(message));
        Statistics.label("outcome").collect(outcome(d));
        Statistics.label("outcome").coverage(c -> c.check("OK").percentage(p -> p > 30));
        String problem = message.problem();
        if (problem == null) {
            assertThat(d).isEqualTo(new Decoded.Ok(message));
        } else {
            assertThat(d).isInstanceOf(Decoded.Bad.class);
            Decoded.Bad bad = (Decoded.Bad) d;
            assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(bad.id()).isEqualTo(message.id());
            assertThat(bad.message()).isEqualToIgnoringCase(problem + ".");
        }
    }

    @Property(tries = 1000)
    void unknownFieldsNeverChangeTheAnswer(@ForAll("messages") ClientMessage message,
            @ForAll("jsonValues") String value, @ForAll("unknownNames") String name) {
        String frame = CODEC.encode(message);
        Decoded plain = decodeChecked(frame);
        String withExtra = "{" + quote(name) + ":" + value + "," + frame.substring(1);
        String withExtraAtEnd = frame.substring(0, frame.length() - 1) + "," + quote(name) + ":" + value + "}";
        assertThat(decodeChecked(withExtra)).isEqualTo(plain);
        assertThat(decodeChecked(withExtraAtEnd)).isEqualTo(plain);
    }

    @Provide
    Arbitrary<String> unknownNames() {
        return Arbitraries.strings().all().ofMaxLength(30).filter(s -> !FIELDS.contains(s));
    }

    @Property(tries = 1000)
    void typeSwappedForAnotherKnownTypeIsOkOrInvalid(@ForAll("messages") ClientMessage message,
            @ForAll("knownTypes") String otherType) {
        String original = CODEC.encode(message);
        String frame = original.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":" + quote(otherType));
        Decoded d = decodeChecked(frame);
        if (d instanceof Decoded.Bad bad) {
            // still JSON, still a known type: only the fields can be wrong, and the id is kept
            assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(bad.id()).isEqualTo(message.id());
        } else {
            assertThat(((Decoded.Ok) d).message().id()).isEqualTo(message.id());
        }
        if (frame.equals(original)) {
            assertThat(d).isEqualTo(CODEC.decodeClient(original));
        }
    }

    @Provide
    Arbitrary<String> knownTypes() {
        return Arbitraries.of(TYPES);
    }

    /** A mutation of a frame's text; its toString is what jqwik reports when shrinking. */
    record Mutation(String kind, int position, int bit, int length, String text) {

        String apply(String frame) {
            if (frame.isEmpty()) {
                return kind.equals("insert") ? text : frame;
            }
            int at = Math.floorMod(position, frame.length());
            switch (kind) {
                case "flip": {
                    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                    int i = Math.floorMod(position, bytes.length);
                    bytes[i] ^= (byte) (1 << bit);
                    return new String(bytes, StandardCharsets.UTF_8);
                }
                case "flipChar": {
                    char[] chars = frame.toCharArray();
                    chars[at] ^= (char) (1 << (bit * 2));
                    return new String(chars);
                }
                case "delete":
                    return frame.substring(0, at) + frame.substring(Math.min(frame.length(), at + length));
                case "insert":
                    return frame.substring(0, at) + text + frame.substring(at);
                case "truncate":
                    return frame.substring(0, at);
                case "duplicateKeyFirst":
                    return frame.charAt(0) == '{' ? "{" + text + "," + frame.substring(1) : frame;
                case "duplicateKeyLast":
                    return frame.endsWith("}") ? frame.substring(0, frame.length() - 1) + "," + text + "}" : frame;
                case "swapType":
                    return frame.replaceFirst("\"type\":\"[^\"]*\"", "\"type\":" + quote(text));
                case "repeat":
                    return frame.substring(0, at) + frame.substring(at, Math.min(frame.length(), at + length))
                            .repeat(1 + bit) + frame.substring(at);
                case "wrap":
                    return text + frame + text;
                default:
                    throw new IllegalStateException(kind);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> bits = Arbitraries.integers().between(0, 7);
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 20);
        Arbitrary<String> insertions = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().all().ofMaxLength(8), jsonValue(2));
        Arbitrary<String> duplicatedKeys = Combinators.combine(Arbitraries.of(FIELDS), jsonValue(2),
                Arbitraries.of(TYPES)).as((k, v, t) -> quote(k) + ":" + (k.equals("type") ? quote(t) : v));
        Arbitrary<String> types = Arbitraries.oneOf(Arbitraries.of(TYPES),
                Arbitraries.of("", "PING", "welcome", "hello ", "act\u0000"));
        Arbitrary<String> wrappers = Arbitraries.of("", " ", "\n", "[", "]", "{", "}", "\"", "\uFEFF", "\u0000");
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(positions, bits).as((p, b) -> new Mutation("flip", p, b, 0, "")),
                Combinators.combine(positions, bits).as((p, b) -> new Mutation("flipChar", p, b, 0, "")),
                Combinators.combine(positions, lengths).as((p, l) -> new Mutation("delete", p, 0, l, "")),
                Combinators.combine(positions, insertions).as((p, s) -> new Mutation("insert", p, 0, 0, s)),
                positions.map(p -> new Mutation("truncate", p, 0, 0, "")),
                duplicatedKeys.map(s -> new Mutation("duplicateKeyFirst", 0, 0, 0, s)),
                duplicatedKeys.map(s -> new Mutation("duplicateKeyLast", 0, 0, 0, s)),
                types.map(t -> new Mutation("swapType", 0, 0, 0, t)),
                Combinators.combine(positions, bits, lengths).as((p, b, l) -> new Mutation("repeat", p, b, l, "")),
                wrappers.map(w -> new Mutation("wrap", 0, 0, 0, w)));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    // ---------------------------------------------------------------------------------------------
    // generated client messages: mostly valid, some invalid, every type

    @Provide
    Arbitrary<ClientMessage> messages() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(64)).injectNull(0.2);
        Arbitrary<String> tables = Arbitraries.frequencyOf(List.of(
                Tuple.of(8, Arbitraries.strings().alpha().numeric().withChars("-").ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(0).ofMaxLength(70)))).injectNull(0.05);
        Arbitrary<String> names = Arbitraries.frequencyOf(List.of(
                Tuple.of(8, Arbitraries.strings().alpha().numeric().withChars(" _.-é").ofMinLength(1)
                        .ofMaxLength(32)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40))));
        Arbitrary<String> tokens = Arbitraries.strings().ascii().ofMaxLength(80);
        Arbitrary<Long> amounts = Arbitraries.frequencyOf(List.of(Tuple.of(20, Arbitraries.longs().between(-10, 1_000_000)),
                Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE))));
        Arbitrary<Long> anyLong = Arbitraries.longs();
        Arbitrary<Integer> seats = Arbitraries.integers().between(-1, 11);
        Arbitrary<String> actions = Arbitraries.frequencyOf(List.of(
                Tuple.of(10, Arbitraries.of("fold", "check", "call", "bet", "raise", "all_in")),
                Tuple.of(1, Arbitraries.of("shove", "", "FOLD"))));
        Arbitrary<String> actionIds = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64)
                .injectNull(0.05);

        Arbitrary<ClientMessage> hello = Combinators.combine(ids, names.injectNull(0.4), tokens.injectNull(0.4))
                .as(Hello::new);
        Arbitrary<ClientMessage> listTables = ids.map(ListTables::new);
        Arbitrary<ClientMessage> createTable = Combinators.combine(List.of(
                        ids.map(x -> (Object) x),
                        names.map(x -> (Object) x),
                        Arbitraries.integers().between(1, 11).map(x -> (Object) x),
                        Arbitraries.longs().between(-1, 100).map(x -> (Object) x),
                        Arbitraries.longs().between(0, 200).map(x -> (Object) x),
                        Arbitraries.longs().between(-1, 10).injectNull(0.5).map(x -> (Object) x),
                        Arbitraries.of("none", "per_player", "big_blind", "bogus").injectNull(0.5).map(x -> (Object) x),
                        Arbitraries.longs().between(0, 1_000).map(x -> (Object) x),
                        Arbitraries.longs().between(0, 100_000).map(x -> (Object) x),
                        Arbitraries.longs().between(500, 700_000).injectNull(0.5).map(x -> (Object) x),
                        Arbitraries.longs().between(-1, 4_000_000).injectNull(0.5).map(x -> (Object) x),
                        Arbitraries.integers().between(-1, 1_100).injectNull(0.5).map(x -> (Object) x),
                        Arbitraries.longs().between(-1, 1_000).injectNull(0.5).map(x -> (Object) x)))
                .as(v -> new CreateTable((String) v.get(0), (String) v.get(1), (Integer) v.get(2), (Long) v.get(3),
                        (Long) v.get(4), (Long) v.get(5), (String) v.get(6), (Long) v.get(7), (Long) v.get(8),
                        (Long) v.get(9), (Long) v.get(10), (Integer) v.get(11), (Long) v.get(12)));
        Arbitrary<ClientMessage> join = Combinators.combine(ids, tables, anyLong.injectNull(0.5)).as(Join::new);
        Arbitrary<ClientMessage> unwatch = Combinators.combine(ids, tables).as(Unwatch::new);
        Arbitrary<ClientMessage> sit = Combinators.combine(ids, tables, seats.injectNull(0.05),
                amounts.injectNull(0.05), Arbitraries.of(true, false).injectNull(0.5)).as(Sit::new);
        Arbitrary<ClientMessage> act = Combinators.combine(ids, tables, anyLong.injectNull(0.05), actions,
                amounts.injectNull(0.3), actionIds).as(Act::new);
        Arbitrary<ClientMessage> sitOut = Combinators.combine(ids, tables).as(SitOut::new);
        Arbitrary<ClientMessage> sitIn = Combinators.combine(ids, tables, Arbitraries.of(true, false).injectNull(0.5))
                .as(SitIn::new);
        Arbitrary<ClientMessage> topUp = Combinators.combine(ids, tables, amounts.injectNull(0.05)).as(TopUp::new);
        Arbitrary<ClientMessage> leave = Combinators.combine(ids, tables).as(Leave::new);
        Arbitrary<ClientMessage> ping = Combinators.combine(ids, anyLong.injectNull(0.3)).as(Ping::new);
        return Arbitraries.oneOf(hello, listTables, createTable, join, unwatch, sit, act, sitOut, sitIn, topUp,
                leave, ping);
    }

    // ---------------------------------------------------------------------------------------------
    // (c) no input hangs: inputs built to be slow, decoded in the test thread

    @Property(tries = 300)
    void pathologicalInputsDecodePromptly(@ForAll("pathological") String frame) {
        long start = System.nanoTime();
        decodeChecked(frame);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // very loose: a hang or a quadratic blow-up shows up as seconds, not milliseconds
        assertThat(millis).as("decoding %d chars", frame.length()).isLessThan(5_000);
    }

    @Provide
    Arbitrary<String> pathological() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 200_000)
                .edgeCases(e -> e.add(31).add(32).add(33).add(64 * 1024).add(64 * 1024 + 1));
        List<Function<Integer, String>> builders = List.of(
                n -> "[".repeat(n) + "]".repeat(n),
                n -> "{\"type\":\"ping\",\"x\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "}",
                n -> "{\"type\":\"ping\",\"x\":" + "[".repeat(n),
                n -> "{\"type\":\"top_up\",\"table\":\"t\",\"amount\":" + "9".repeat(n) + "}",
                n -> "{\"type\":\"top_up\",\"table\":\"t\",\"amount\":1e" + "9".repeat(Math.min(n, 31)) + "}",
                n -> "{\"type\":\"join\",\"table\":\"t\",\"lastSeq\":0." + "0".repeat(n) + "1}",
                n -> "{\"type\":\"ping\",\"x\":1" + "0".repeat(n) + "e-" + n + "}",
                n -> "{\"type\":\"hello\",\"token\":\"" + "\\u0041".repeat(n) + "\"}",
                n -> "{\"type\":\"hello\",\"name\":\"" + "a".repeat(n) + "\"}",
                n -> "{\"type\":\"hello\",\"name\":\"" + "\\\"".repeat(n) + "\"}",
                n -> "{\"type\":\"" + "x".repeat(n) + "\"}",
                n -> "{\"type\":\"ping\",\"id\":\"" + "i".repeat(n) + "\"}",
                n -> "{\"type\":\"ping\",\"" + "k".repeat(n) + "\":1}",
                n -> "{\"type\":\"ping\",\"x\":\"" + "s".repeat(n),
                n -> " ".repeat(n) + "{\"type\":\"ping\"}",
                n -> "{\"type\":\"ping\"}" + " ".repeat(n) + "x",
                n -> manyKeys(Math.min(n, 50_000)),
                n -> "{" + "\"type\":\"ping\",".repeat(Math.min(n, 50_000)) + "\"id\":\"d\"}",
                n -> "{\"type\":\"ping\",\"x\":[" + "1,".repeat(Math.min(n, 100_000)) + "1]}",
                n -> "{\"type\":\"ping\",\"x\":[" + "1.5e300,".repeat(Math.min(n, 50_000)) + "1]}",
                n -> "{\"type\":\"ping\",\"x\":\"" + "\uD83C\uDCA1".repeat(n / 2) + "\"}",
                n -> "{\"type\":\"ping\",\"x\":\"" + "\uD83C".repeat(n) + "\"}",
                n -> "\u0000".repeat(n),
                n -> randomNoise(n));
        return Combinators.combine(Arbitraries.of(builders), sizes).as((b, n) -> b.apply(n));
    }

    static String manyKeys(int n) {
        StringBuilder sb = new StringBuilder("{\"type\":\"leave\",\"table\":\"t\"");
        for (int i = 0; i < n; i++) {
            sb.append(",\"k").append(i).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    static String randomNoise(int n) {
        Random random = new Random(n);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return sb.toString();
    }

    @Example
    void aBatchOfHostileFramesFinishesInBoundedTime() {
        List<String> frames = new ArrayList<>();
        for (int depth : new int[] {1_000, 10_000, 100_000}) {
            frames.add("[".repeat(depth));
            frames.add("{\"a\":".repeat(depth));
        }
        for (int i = 0; i < 2_000; i++) {
            frames.add(randomNoise(i));
        }
        frames.add(manyKeys(50_000));
        frames.add("{\"type\":\"hello\",\"token\":\"" + "x".repeat(64 * 1024) + "\"}");
        frames.add("{\"type\":\"hello\",\"token\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}");
        long start = System.nanoTime();
        for (String frame : frames) {
            decodeChecked(frame);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("%d hostile frames", frames.size()).isLessThan(15_000);
    }

    // ---------------------------------------------------------------------------------------------

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
