package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client frames as a client author would write them: every message type decodes to its record and
 * round-trips through {@link ProtocolCodec#encode(ClientMessage)}; every validation rule answers
 * {@code INVALID_MESSAGE} with the request id; malformed frames give a clean {@link Decoded.Bad}.
 */
class ClientMessageCodecTest {

    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Set<ErrorCode> CODES =
            Set.of(ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_MESSAGE);

    /** JSON with single quotes for readability: {@code json("{'type':'ping'}")}. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static ClientMessage ok(String frame) {
        Decoded d = CODEC.decodeClient(frame);
        assertThat(d).as("decoding %s", abbreviate(frame)).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok) d).message();
    }

    static Decoded.Bad bad(String frame) {
        Decoded d = CODEC.decodeClient(frame);
        assertThat(d).as("decoding %s", abbreviate(frame)).isInstanceOf(Decoded.Bad.class);
        Decoded.Bad b = (Decoded.Bad) d;
        assertThat(b.code()).isIn(CODES);
        assertThat(b.message()).isNotBlank();
        return b;
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    // ---------------------------------------------------------------------------------------------
    // every message type, as written by hand

    static Stream<Arguments> examples() {
        return Stream.of(
                arguments("hello with a name (new guest)",
                        json("{'type':'hello','id':'1','name':'Alice'}"),
                        new Hello("1", "Alice", null)),
                arguments("hello with a token (resume)",
                        json("{'type':'hello','id':'1','token':'tok-abc.def'}"),
                        new Hello("1", null, "tok-abc.def")),
                arguments("hello with both, unicode name",
                        json("{'type':'hello','name':'Zoë Ñúñez_1.-','token':'t'}"),
                        new Hello(null, "Zoë Ñúñez_1.-", "t")),
                arguments("list_tables",
                        json("{'type':'list_tables','id':'lt'}"),
                        new ListTables("lt")),
                arguments("list_tables without an id",
                        json("{'type':'list_tables'}"),
                        new ListTables(null)),
                arguments("create_table, only the required fields",
                        json("{'type':'create_table','id':'c1','name':'Main 1/2','seats':6,'smallBlind':1,"
                                + "'bigBlind':2,'minBuyIn':40,'maxBuyIn':200}"),
                        new CreateTable("c1", "Main 1/2", 6, 1, 2, null, null, 40, 200, null, null, null, null)),
                arguments("create_table, every field",
                        json("{'type':'create_table','id':'c2','name':'High','seats':9,'smallBlind':50,"
                                + "'bigBlind':100,'ante':10,'anteType':'big_blind','minBuyIn':4000,'maxBuyIn':20000,"
                                + "'actionTimeMs':15000,'timeBankMs':60000,'rakeBasisPoints':500,'rakeCap':300}"),
                        new CreateTable("c2", "High", 9, 50, 100, 10L, "big_blind", 4000, 20000, 15_000L, 60_000L,
                                500, 300L)),
                arguments("create_table with a straddle, the moving button and a refilling time bank",
                        json("{'type':'create_table','id':'c3','name':'Wild','seats':9,'smallBlind':1,'bigBlind':2,"
                                + "'minBuyIn':40,'maxBuyIn':200,'straddle':'button','straddleAmount':5,"
                                + "'buttonRule':'moving','timeBankRefillMs':5000,'timeBankRefillEveryHands':10,"
                                + "'timeBankCapMs':60000}"),
                        new CreateTable("c3", "Wild", 9, 1, 2, null, null, 40, 200, null, null, null, null, "button", 5L,
                                "moving", 5_000L, 10, 60_000L)),
                arguments("create_table, a pot-limit Omaha table",
                        json("{'type':'create_table','id':'c3','name':'PLO 1/2','seats':6,'smallBlind':1,"
                                + "'bigBlind':2,'minBuyIn':40,'maxBuyIn':200,'game':'pot_limit_omaha'}"),
                        new CreateTable("c3", "PLO 1/2", 6, 1, 2, null, null, 40, 200, null, null, null, null,
                                "pot_limit_omaha")),
                arguments("join",
                        json("{'type':'join','id':'j','table':'t-1'}"),
                        new Join("j", "t-1", null)),
                arguments("join after a reconnect",
                        json("{'type':'join','id':'j','table':'t-1','lastSeq':41}"),
                        new Join("j", "t-1", 41L)),
                arguments("unwatch",
                        json("{'type':'unwatch','id':'u','table':'t-1'}"),
                        new Unwatch("u", "t-1")),
                arguments("sit",
                        json("{'type':'sit','id':'s','table':'t-1','seat':3,'buyIn':150}"),
                        new Sit("s", "t-1", 3, 150L, null)),
                arguments("sit posting the big blind",
                        json("{'type':'sit','id':'s','table':'t-1','seat':0,'buyIn':150,'postBigBlind':true}"),
                        new Sit("s", "t-1", 0, 150L, true)),
                arguments("act fold",
                        json("{'type':'act','id':'a','table':'t-1','hand':7,'action':'fold','actionId':'x1'}"),
                        new Act("a", "t-1", 7L, "fold", null, "x1")),
                arguments("act check",
                        json("{'type':'act','table':'t-1','hand':7,'action':'check','actionId':'x2'}"),
                        new Act(null, "t-1", 7L, "check", null, "x2")),
                arguments("act call",
                        json("{'type':'act','id':'a','table':'t-1','hand':7,'action':'call','actionId':'x3'}"),
                        new Act("a", "t-1", 7L, "call", null, "x3")),
                arguments("act bet to an amount",
                        json("{'type':'act','id':'a','table':'t-1','hand':7,'action':'bet','amount':20,'actionId':'x4'}"),
                        new Act("a", "t-1", 7L, "bet", 20L, "x4")),
                arguments("act raise to an amount",
                        json("{'type':'act','id':'a','table':'t-1','hand':7,'action':'raise','amount':60,"
                                + "'actionId':'x5'}"),
                        new Act("a", "t-1", 7L, "raise", 60L, "x5")),
                arguments("act all_in",
                        json("{'type':'act','id':'a','table':'t-1','hand':7,'action':'all_in','actionId':'x6'}"),
                        new Act("a", "t-1", 7L, "all_in", null, "x6")),
                arguments("sit_out",
                        json("{'type':'sit_out','id':'so','table':'t-1'}"),
                        new SitOut("so", "t-1")),
                arguments("sit_in",
                        json("{'type':'sit_in','id':'si','table':'t-1'}"),
                        new SitIn("si", "t-1", null)),
                arguments("sit_in waiting for the big blind",
                        json("{'type':'sit_in','id':'si','table':'t-1','waitForBigBlind':false}"),
                        new SitIn("si", "t-1", false)),
                arguments("top_up",
                        json("{'type':'top_up','id':'tu','table':'t-1','amount':50}"),
                        new TopUp("tu", "t-1", 50L)),
                arguments("leave",
                        json("{'type':'leave','id':'l','table':'t-1'}"),
                        new Leave("l", "t-1")),
                arguments("ping",
                        json("{'type':'ping','id':'p','t':1700000000123}"),
                        new Ping("p", 1_700_000_000_123L)),
                arguments("ping, nothing else",
                        json("{'type':'ping'}"),
                        new Ping(null, null)),
                arguments("explicit nulls for optional fields",
                        json("{'type':'join','id':null,'table':'t','lastSeq':null}"),
                        new Join(null, "t", null)),
                arguments("fields in any order, whitespace around",
                        " \n\t{ \"table\" : \"t\" , \"amount\" : 5 , \"type\" : \"top_up\" , \"id\" : \"z\" }\r\n ",
                        new TopUp("z", "t", 5L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void handWrittenFrameDecodesToTheRecord(String label, String frame, ClientMessage expected) {
        assertThat(ok(frame)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodeThenDecodeRoundTrips(String label, String frame, ClientMessage expected) throws Exception {
        String encoded = CODEC.encode(expected);
        JsonNode tree = PLAIN.readTree(encoded);
        assertThat(tree.get("type").textValue()).isEqualTo(PLAIN.readTree(frame).get("type").textValue());
        assertThat(CODEC.decodeClient(encoded)).isEqualTo(new Decoded.Ok(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void unknownExtraFieldsAreIgnored(String label, String frame, ClientMessage expected) throws Exception {
        ObjectNode tree = (ObjectNode) PLAIN.readTree(frame);
        tree.put("clientVersion", "9.9.9");
        tree.putObject("future").put("nested", true).putArray("list").add(1).add("two").addNull();
        tree.putNull("alsoNull");
        tree.put("small_blind", 12345); // snake_case fields are not the protocol's: ignored, not mapped
        assertThat(ok(PLAIN.writeValueAsString(tree))).isEqualTo(expected);
    }

    @Test
    void everyClientMessageTypeHasAnExample() {
        Set<Class<?>> covered = examples().map(a -> a.get()[2].getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(ClientMessage.class.getPermittedSubclasses());
    }

    @Test
    void encodedTypeNamesAreSnakeCase() throws Exception {
        List<String> names = new ArrayList<>();
        for (ClientMessage m : examples().map(a -> (ClientMessage) a.get()[2]).toList()) {
            names.add(PLAIN.readTree(CODEC.encode(m)).get("type").textValue());
        }
        assertThat(Set.copyOf(names)).containsExactlyInAnyOrder("hello", "list_tables", "create_table", "join",
                "unwatch", "sit", "act", "sit_out", "sit_in", "top_up", "leave", "ping");
    }

    @Test
    void encodedFieldNamesAreTheRecordComponents() throws Exception {
        JsonNode tree = PLAIN.readTree(CODEC.encode(
                new CreateTable("c", "n", 6, 1, 2, 0L, "none", 40, 200, 30_000L, 0L, 250, 10L, "utg", 4L, "dead",
                        5_000L, 10, 60_000L, "pot_limit_omaha")));
        assertThat(fieldNames(tree)).containsExactlyInAnyOrder("type", "id", "name", "seats", "smallBlind",
                "bigBlind", "ante", "anteType", "minBuyIn", "maxBuyIn", "actionTimeMs", "timeBankMs",
                "rakeBasisPoints", "rakeCap", "straddle", "straddleAmount", "buttonRule", "timeBankRefillMs",
                "timeBankRefillEveryHands", "timeBankCapMs", "game");
        assertThat(fieldNames(PLAIN.readTree(CODEC.encode(new Act("a", "t", 1L, "bet", 5L, "x")))))
                .containsExactlyInAnyOrder("type", "id", "table", "hand", "action", "amount", "actionId");
    }

    static List<String> fieldNames(JsonNode tree) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------------------------------------
    // validation: problem() gives INVALID_MESSAGE, the id preserved

    static final String CT = "'type':'create_table','id':'req-7',";
    static final String CT_OK_REST = "'seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200";

    static String createTable(String fields) {
        return json("{" + CT + fields + "}");
    }

    static Stream<Arguments> invalid() {
        String name65 = "n".repeat(65);
        String table65 = "t".repeat(65);
        return Stream.of(
                // hello
                arguments(json("{'type':'hello','id':'req-7'}"), "needs a name"),
                arguments(json("{'type':'hello','id':'req-7','name':'   '}"), "needs a name"),
                arguments(json("{'type':'hello','id':'req-7','name':'','token':''}"), "needs a name"),
                arguments(json("{'type':'hello','id':'req-7','name':null,'token':' \\t '}"), "needs a name"),
                arguments(json("{'type':'hello','id':'req-7','name':'" + "a".repeat(33) + "'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'<script>'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'bob\\n'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'tab\\there'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'a/b'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'smile \uD83D\uDE00'}"), "1 to 32"),
                arguments(json("{'type':'hello','id':'req-7','name':'x\\u0000y'}"), "1 to 32"),
                // create_table: name
                arguments(createTable(CT_OK_REST), "table name"),
                arguments(createTable("'name':'  '," + CT_OK_REST), "table name"),
                arguments(createTable("'name':''," + CT_OK_REST), "table name"),
                arguments(createTable("'name':'" + name65 + "'," + CT_OK_REST), "table name"),
                // create_table: seats
                arguments(createTable("'name':'T','seats':1,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "seats must be 2 to 10"),
                arguments(createTable("'name':'T','seats':0,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "seats must be 2 to 10"),
                arguments(createTable("'name':'T','seats':11,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "seats must be 2 to 10"),
                arguments(createTable("'name':'T','seats':-6,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "seats must be 2 to 10"),
                // create_table: blinds
                arguments(createTable("'name':'T','seats':6,'smallBlind':0,'bigBlind':0,'minBuyIn':40,'maxBuyIn':200"),
                        "blinds"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':-1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "blinds"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':3,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200"),
                        "blinds"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':-2,'minBuyIn':40,'maxBuyIn':200"),
                        "blinds"),
                // create_table: ante
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'ante':-1"), "ante must not be negative"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'anteType':'sometimes'"), "anteType"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'anteType':'BIG_BLIND'"), "anteType"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'anteType':''"), "anteType"),
                // create_table: buy-ins
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':0,'maxBuyIn':200"),
                        "buy-in"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':-40,'maxBuyIn':200"),
                        "buy-in"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':200,'maxBuyIn':199"),
                        "buy-in"),
                // create_table: clocks and rake
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'actionTimeMs':999"), "actionTimeMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'actionTimeMs':600001"), "actionTimeMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'actionTimeMs':-1"), "actionTimeMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'timeBankMs':-1"), "timeBankMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'timeBankMs':3600001"), "timeBankMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'rakeBasisPoints':-1"), "rakeBasisPoints"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'rakeBasisPoints':1001"), "rakeBasisPoints"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'rakeCap':-1"), "rakeCap"),
                // create_table: straddle, button rule, time bank refill
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'straddle':'mississippi'"), "straddle is"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'straddle':'utg','straddleAmount':1"),
                        "straddleAmount"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'buttonRule':'DEAD'"), "buttonRule"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'timeBankRefillMs':-1"), "timeBankRefillMs"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'timeBankRefillMs':5000"),
                        "timeBankRefillEveryHands"),
                arguments(createTable("'name':'T'," + CT_OK_REST
                        + ",'timeBankRefillMs':5000,'timeBankRefillEveryHands':0"), "timeBankRefillEveryHands"),
                arguments(createTable("'name':'T'," + CT_OK_REST
                        + ",'timeBankRefillMs':5000,'timeBankRefillEveryHands':5,'timeBankCapMs':4000"),
                        "timeBankCapMs"),
                // create_table: issue 17 (control characters in the name; stakes bounded by the buy-in range)
                arguments(createTable("'name':'\\u0000'," + CT_OK_REST), "table name must not contain control"),
                arguments(createTable("'name':'Main\\n2'," + CT_OK_REST), "table name must not contain control"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':201,'minBuyIn':40,'maxBuyIn':200"),
                        "must not exceed maxBuyIn"),
                arguments(createTable("'name':'T','seats':6,'smallBlind':1,'bigBlind':9223372036854775807,"
                        + "'minBuyIn':40,'maxBuyIn':200"), "must not exceed maxBuyIn"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'ante':9223372036854775807"),
                        "must not exceed maxBuyIn"),
                // create_table: game
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'game':'stud'"),
                        "game is no_limit_holdem or pot_limit_omaha"),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'game':'POT_LIMIT_OMAHA'"),
                        "game is no_limit_holdem or pot_limit_omaha"),
                // table ids on every table message
                arguments(json("{'type':'join','id':'req-7'}"), "table id"),
                arguments(json("{'type':'join','id':'req-7','table':''}"), "table id"),
                arguments(json("{'type':'join','id':'req-7','table':null,'lastSeq':3}"), "table id"),
                arguments(json("{'type':'join','id':'req-7','table':'" + table65 + "'}"), "table id"),
                arguments(json("{'type':'unwatch','id':'req-7'}"), "table id"),
                arguments(json("{'type':'sit_out','id':'req-7'}"), "table id"),
                arguments(json("{'type':'sit_in','id':'req-7','waitForBigBlind':true}"), "table id"),
                arguments(json("{'type':'leave','id':'req-7','table':''}"), "table id"),
                arguments(json("{'type':'sit','id':'req-7','seat':1,'buyIn':100}"), "table id"),
                arguments(json("{'type':'top_up','id':'req-7','amount':10}"), "table id"),
                arguments(json("{'type':'act','id':'req-7','hand':1,'action':'fold','actionId':'a'}"), "table id"),
                // sit
                arguments(json("{'type':'sit','id':'req-7','table':'t','buyIn':100}"), "seat"),
                arguments(json("{'type':'sit','id':'req-7','table':'t','seat':null,'buyIn':100}"), "seat"),
                arguments(json("{'type':'sit','id':'req-7','table':'t','seat':2}"), "buyIn"),
                // act
                arguments(json("{'type':'act','id':'req-7','table':'t','action':'fold','actionId':'a'}"),
                        "hand number"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'actionId':'a'}"), "action is one of"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'shove','actionId':'a'}"),
                        "action is one of"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'FOLD','actionId':'a'}"),
                        "action is one of"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'allin','actionId':'a'}"),
                        "action is one of"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'','actionId':'a'}"),
                        "action is one of"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'bet','actionId':'a'}"),
                        "bet needs an amount"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'raise','amount':null,"
                        + "'actionId':'a'}"), "raise needs an amount"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'call'}"), "actionId"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'bet','amount':4}"),
                        "actionId"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'call','actionId':''}"),
                        "actionId"),
                arguments(json("{'type':'act','id':'req-7','table':'t','hand':1,'action':'call','actionId':'"
                        + "a".repeat(65) + "'}"), "actionId"),
                // top_up
                arguments(json("{'type':'top_up','id':'req-7','table':'t'}"), "positive"),
                arguments(json("{'type':'top_up','id':'req-7','table':'t','amount':0}"), "positive"),
                arguments(json("{'type':'top_up','id':'req-7','table':'t','amount':-5}"), "positive"),
                arguments(json("{'type':'top_up','id':'req-7','table':'t','amount':-9223372036854775808}"),
                        "positive"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("invalid")
    void validationProblemGivesInvalidMessageWithTheId(String frame, String expectedText) {
        Decoded.Bad b = bad(frame);
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isEqualTo("req-7");
        assertThat(b.message()).containsIgnoringCase(expectedText);
        assertThat(b.message()).as("a sentence").matches("^[A-Z].*\\.$");
    }

    @Test
    void validationMessageIsTheRecordsProblemCapitalized() {
        CreateTable ct = new CreateTable("req-7", "T", 11, 1, 2, null, null, 40, 200, null, null, null, null);
        assertThat(ct.problem()).isEqualTo("seats must be 2 to 10");
        assertThat(CODEC.decodeClient(CODEC.encode(ct)))
                .isEqualTo(new Decoded.Bad(ErrorCode.INVALID_MESSAGE, "Seats must be 2 to 10.", "req-7"));
    }

    static Stream<Arguments> boundariesAccepted() {
        return Stream.of(
                arguments(json("{'type':'hello','name':'" + "a".repeat(32) + "'}")),
                arguments(json("{'type':'hello','name':'1'}")),
                arguments(json("{'type':'hello','name':'Анна Мария'}")),
                arguments(json("{'type':'hello','name':'李小龙'}")),
                arguments(json("{'type':'hello','name':'a.b-c_d 4'}")),
                arguments(json("{'type':'hello','token':'x'}")),
                arguments(json("{'type':'hello','name':null,'token':'x'}")),
                arguments(createTable("'name':'" + "n".repeat(64) + "'," + CT_OK_REST)),
                arguments(createTable("'name':'T','seats':2,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200")),
                arguments(createTable("'name':'T','seats':10,'smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200")),
                arguments(createTable("'name':'T','seats':6,'smallBlind':0,'bigBlind':1,'minBuyIn':1,'maxBuyIn':1")),
                arguments(createTable("'name':'T','seats':6,'smallBlind':2,'bigBlind':2,'minBuyIn':40,'maxBuyIn':40")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'ante':0,'anteType':'none'")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'ante':1,'anteType':'per_player'")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'ante':2,'anteType':'big_blind'")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'actionTimeMs':1000,'timeBankMs':0")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'actionTimeMs':600000,'timeBankMs':3600000")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'rakeBasisPoints':0,'rakeCap':0")),
                arguments(createTable("'name':'T'," + CT_OK_REST + ",'rakeBasisPoints':1000")),
                arguments(json("{'type':'join','table':'" + "t".repeat(64) + "'}")),
                arguments(json("{'type':'act','table':'t','hand':1,'action':'call','actionId':'" + "a".repeat(64)
                        + "'}")),
                arguments(json("{'type':'top_up','table':'t','amount':1}")),
                arguments(json("{'type':'top_up','table':'t','amount':9223372036854775807}")),
                arguments(json("{'type':'ping','id':'" + "i".repeat(64) + "'}")),
                arguments(json("{'type':'ping','id':''}")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("boundariesAccepted")
    void valuesOnTheBoundaryAreAccepted(String frame) {
        ClientMessage m = ok(frame);
        assertThat(m.problem()).isNull();
        assertThat(CODEC.decodeClient(CODEC.encode(m))).isEqualTo(new Decoded.Ok(m));
    }

    // ---------------------------------------------------------------------------------------------
    // type discriminator

    @ParameterizedTest
    @ValueSource(strings = {
        "{'id':'req-7'}",
        "{'id':'req-7','type':null}",
        "{'id':'req-7','type':5}",
        "{'id':'req-7','type':true}",
        "{'id':'req-7','type':{'name':'ping'}}",
        "{'id':'req-7','type':['ping']}",
        "{'id':'req-7','Type':'ping'}",
    })
    void missingOrNonTextTypeIsInvalidMessageWithTheId(String frame) {
        Decoded.Bad b = bad(json(frame));
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isEqualTo("req-7");
        assertThat(b.message()).contains("\"type\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "Hello", "PING", "list-tables", "listTables", "ListTables", "", " ping",
        "ping ", "welcome", "error", "act\u0000"})
    void unknownTypeIsUnknownTypeWithTheId(String type) throws Exception {
        ObjectNode tree = PLAIN.createObjectNode().put("type", type).put("id", "req-7").put("table", "t");
        Decoded.Bad b = bad(PLAIN.writeValueAsString(tree));
        assertThat(b.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(b.id()).isEqualTo("req-7");
    }

    @Test
    void unknownTypeMessageIsAbbreviated() {
        String longType = "x".repeat(10_000);
        Decoded.Bad b = bad(json("{'type':'" + longType + "','id':'req-7'}"));
        assertThat(b.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(b.id()).isEqualTo("req-7");
        assertThat(b.message()).hasSizeLessThan(100).contains("...");
    }

    @Test
    void duplicateTypeKeyNeverMixesTwoMessages() {
        // Jackson keeps the last duplicate today; rejecting duplicates (BAD_JSON) would be fine too,
        // but the first value must never win over the fields read with the last
        Decoded d = CODEC.decodeClient(json("{'type':'ping','type':'list_tables','id':'d'}"));
        if (d instanceof Decoded.Ok o) {
            assertThat(o.message()).isEqualTo(new ListTables("d"));
        } else {
            assertThat(((Decoded.Bad) d).code()).isIn(CODES);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // request id handling

    @ParameterizedTest
    @ValueSource(strings = {"{'type':'ping','id':5}", "{'type':'ping','id':true}", "{'type':'ping','id':{}}",
        "{'type':'ping','id':['a']}", "{'type':'join','table':'t','id':1.5}"})
    void nonStringIdIsInvalidMessageWithoutAnId(String frame) {
        Decoded.Bad b = bad(json(frame));
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isNull();
        assertThat(b.message()).contains("\"id\"");
    }

    @Test
    void overlongIdIsInvalidMessageWithoutEchoingIt() {
        Decoded.Bad b = bad(json("{'type':'ping','id':'" + "i".repeat(65) + "'}"));
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isNull();
    }

    @Test
    void unreadableIdIsNotEchoedOnOtherErrors() {
        assertThat(bad(json("{'type':'nope','id':5}"))).isEqualTo(
                new Decoded.Bad(ErrorCode.UNKNOWN_TYPE, "Unknown message type 'nope'.", null));
        assertThat(bad(json("{'id':'" + "i".repeat(65) + "'}")).id()).isNull();
    }

    @Test
    void idIsEchoedEvenWhenTheFieldsAreWrong() {
        assertThat(bad(json("{'type':'sit','id':'keep-me','table':'t','seat':'x','buyIn':1}")).id())
                .isEqualTo("keep-me");
    }

    // ---------------------------------------------------------------------------------------------
    // not JSON, not an object

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "{", "}", "{'type':'ping'", "{'type':'pi", "{'type':", "{\"type\":\"ping\",}", "{,}", "[]",
        "[{'type':'ping'}]", "42", "-1.5e3", "'ping'", "true", "null", "", " ", "\n\t\r ", "{'type':'ping'}x",
        "{'type':'ping'} {'type':'ping'}", "{'type':'ping'}]", "{type:'ping'}", "{'type':'ping' /* c */}",
        "{'type':'ping','t':NaN}", "{'type':'ping','t':01}", "{'type':'ping','t':+1}", "{'type':'ping','t':.5}",
        "{'type':'ping','t':1.}", "{'type':'ping','t':0x10}", "{'type':'pi\ng'}", "{'type':'ping','id':'\\x'}",
        "{'type':'ping','id':'\\u12'}", "\u0000", "{'type':'ping'}\u0000",
    })
    void notAJsonObjectIsBadJsonWithoutAnId(String frame) {
        Decoded.Bad b = bad(json(frame));
        assertThat(b.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(b.id()).isNull();
    }

    @Test
    void singleQuotedJsonIsBadJson() {
        assertThat(bad("{'type':'ping','id':'x'}").code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @Test
    void nullFrameIsBadJson() {
        assertThat(bad(null).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    // ---------------------------------------------------------------------------------------------
    // fields of the wrong type

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'sit','id':'req-7','table':'t','seat':'x','buyIn':100}",
        "{'type':'sit','id':'req-7','table':'t','seat':true,'buyIn':100}",
        "{'type':'sit','id':'req-7','table':'t','seat':[1],'buyIn':100}",
        "{'type':'sit','id':'req-7','table':'t','seat':{},'buyIn':100}",
        "{'type':'sit','id':'req-7','table':'t','seat':1,'buyIn':'lots'}",
        "{'type':'sit','id':'req-7','table':'t','seat':1,'buyIn':100,'postBigBlind':'yes'}",
        "{'type':'sit','id':'req-7','table':[],'seat':1,'buyIn':100}",
        "{'type':'sit','id':'req-7','table':{'id':'t'},'seat':1,'buyIn':100}",
        "{'type':'create_table','id':'req-7','name':'T','seats':'x','smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','seats':true,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','seats':1.5,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':{},'seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200,'rakeBasisPoints':'five'}",
        "{'type':'create_table','id':'req-7','name':'T','seats':6,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200,'anteType':['none']}",
        // null for a primitive, or a primitive left out
        "{'type':'create_table','id':'req-7','name':'T','seats':null,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','seats':6,'smallBlind':null,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','seats':6,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200}",
        "{'type':'create_table','id':'req-7','name':'T','smallBlind':1,'bigBlind':2,'minBuyIn':40,'maxBuyIn':200}",
        "{'type':'act','id':'req-7','table':'t','hand':'seven','action':'fold','actionId':'a'}",
        "{'type':'act','id':'req-7','table':'t','hand':1,'action':['fold'],'actionId':'a'}",
        "{'type':'act','id':'req-7','table':'t','hand':1,'action':'bet','amount':{'to':5},'actionId':'a'}",
        "{'type':'act','id':'req-7','table':'t','hand':1,'action':'fold','actionId':{}}",
        "{'type':'join','id':'req-7','table':'t','lastSeq':'x'}",
        "{'type':'join','id':'req-7','table':'t','lastSeq':[]}",
        "{'type':'sit_in','id':'req-7','table':'t','waitForBigBlind':'maybe'}",
        "{'type':'top_up','id':'req-7','table':'t','amount':'ten'}",
        "{'type':'ping','id':'req-7','t':'abc'}",
        "{'type':'ping','id':'req-7','t':{}}",
        "{'type':'hello','id':'req-7','name':['a']}",
        "{'type':'hello','id':'req-7','token':{'v':1}}",
    })
    void wrongFieldTypeIsInvalidMessageWithTheId(String frame) {
        Decoded.Bad b = bad(json(frame));
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isEqualTo("req-7");
    }

    @Test
    void wrongFieldTypeMessageNamesTheMessageType() {
        assertThat(bad(json("{'type':'sit','id':'r','table':'t','seat':'x','buyIn':1}")).message())
                .contains("sit");
    }

    // ---------------------------------------------------------------------------------------------
    // huge numbers, deep nesting, long strings

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'top_up','id':'req-7','table':'t','amount':9223372036854775808}",
        "{'type':'top_up','id':'req-7','table':'t','amount':-9223372036854775809}",
        "{'type':'top_up','id':'req-7','table':'t','amount':1e308}",
        "{'type':'top_up','id':'req-7','table':'t','amount':1e400}",
        "{'type':'top_up','id':'req-7','table':'t','amount':-1e400}",
        "{'type':'sit','id':'req-7','table':'t','seat':2147483648,'buyIn':100}",
        "{'type':'sit','id':'req-7','table':'t','seat':-2147483649,'buyIn':100}",
        "{'type':'create_table','id':'req-7','name':'T','seats':99999999999,'smallBlind':1,'bigBlind':2,"
                + "'minBuyIn':40,'maxBuyIn':200}",
        "{'type':'join','id':'req-7','table':'t','lastSeq':99999999999999999999999999999}",
        "{'type':'act','id':'req-7','table':'t','hand':1e20,'action':'fold','actionId':'a'}",
    })
    void outOfRangeNumbersAreInvalidMessageWithTheId(String frame) {
        Decoded.Bad b = bad(json(frame));
        assertThat(b.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(b.id()).isEqualTo("req-7");
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 100, 1_000, 100_000})
    void absurdlyLongNumbersAreACleanError(int digits) {
        String n = "9".repeat(digits);
        Decoded.Bad b = bad(json("{'type':'top_up','id':'req-7','table':'t','amount':" + n + "}"));
        assertThat(b.code()).isIn(ErrorCode.BAD_JSON, ErrorCode.INVALID_MESSAGE);
        Decoded.Bad inExtra = bad(json("{'type':'ping','id':'req-7','x':" + n + "." + n + "e" + n + "}"));
        assertThat(inExtra.code()).isIn(ErrorCode.BAD_JSON, ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void hugeExponentsInUnknownFieldsDoNotHang() {
        Decoded d = CODEC.decodeClient(json("{'type':'ping','id':'p','x':1e999999999,'y':-1e-999999999}"));
        assertThat(d).isNotNull();
        Decoded e = CODEC.decodeClient(json("{'type':'join','id':'p','table':'t','lastSeq':1e999999999}"));
        assertThat(e).isInstanceOf(Decoded.Bad.class);
    }

    @Test
    void longLimitsDecodeExactly() {
        assertThat(ok(json("{'type':'join','table':'t','lastSeq':9223372036854775807}")))
                .isEqualTo(new Join(null, "t", Long.MAX_VALUE));
        assertThat(ok(json("{'type':'ping','t':-9223372036854775808}"))).isEqualTo(new Ping(null, Long.MIN_VALUE));
    }

    static String nested(String open, String close, int depth, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 100, 1_000, 100_000})
    void deepNestingIsACleanBadJson(int depth) {
        assertThat(bad(json("{'type':'ping','id':'p','x':" + nested("[", "]", depth, "1") + "}")).code())
                .isEqualTo(ErrorCode.BAD_JSON);
        assertThat(bad(json("{'type':'ping','id':'p','x':" + nested("{'a':", "}", depth, "1") + "}")).code())
                .isEqualTo(ErrorCode.BAD_JSON);
        assertThat(bad(nested("[", "]", depth, "")).code()).isEqualTo(ErrorCode.BAD_JSON);
        // unterminated: only openers
        assertThat(bad("[".repeat(depth)).code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(bad(json("{'type':'ping','x':" + "{'a':".repeat(depth))).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @Test
    void moderateNestingInUnknownFieldsIsIgnored() {
        assertThat(ok(json("{'type':'ping','id':'p','x':" + nested("[", "]", 20, "1") + "}")))
                .isEqualTo(new Ping("p", null));
        assertThat(ok(json("{'type':'ping','id':'p','x':" + nested("{'a':", "}", 20, "null") + "}")))
                .isEqualTo(new Ping("p", null));
    }

    @Test
    void sixtyFourKibStringsInFieldsDecode() {
        String big = "é".repeat(64 * 1024);
        assertThat(ok(json("{'type':'hello','id':'h','token':'" + big + "'}"))).isEqualTo(new Hello("h", null, big));
        assertThat(ok(json("{'type':'ping','id':'p','note':'" + big + "'}"))).isEqualTo(new Ping("p", null));
    }

    @Test
    void sixtyFourKibStringsWhereLengthIsLimitedAreInvalid() {
        String big = "a".repeat(64 * 1024);
        Decoded.Bad name = bad(json("{'type':'hello','id':'h','name':'" + big + "'}"));
        assertThat(name.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(name.id()).isEqualTo("h");
        Decoded.Bad table = bad(json("{'type':'join','id':'j','table':'" + big + "'}"));
        assertThat(table.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(table.id()).isEqualTo("j");
        Decoded.Bad type = bad(json("{'type':'" + big + "','id':'t'}"));
        assertThat(type.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(type.id()).isEqualTo("t");
        Decoded.Bad id = bad(json("{'type':'ping','id':'" + big + "'}"));
        assertThat(id.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(id.id()).isNull();
    }

    @Test
    void stringsBeyondTheLimitAreACleanError() {
        String huge = "a".repeat(1024 * 1024);
        assertThat(bad(json("{'type':'ping','id':'p','note':'" + huge + "'}")).code())
                .isIn(ErrorCode.BAD_JSON, ErrorCode.INVALID_MESSAGE);
        assertThat(bad(json("{'type':'ping','id':'p','" + huge + "':1}")).code())
                .isIn(ErrorCode.BAD_JSON, ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void manyUnknownFieldsDecode() {
        StringBuilder sb = new StringBuilder(json("{'type':'leave','id':'l','table':'t'"));
        for (int i = 0; i < 10_000; i++) {
            sb.append(",\"f").append(i).append("\":").append(i);
        }
        sb.append('}');
        assertThat(ok(sb.toString())).isEqualTo(new Leave("l", "t"));
    }

    // ---------------------------------------------------------------------------------------------
    // strings: escapes and unicode survive

    @Test
    void escapesAndUnicodeRoundTrip() {
        String table = "t\"\\/\b\f\n\r\t\u0001\u007f\u2028\uD83C\uDCA1";
        String frame = "{\"type\":\"join\",\"id\":\"\\u00e9\",\"table\":\"t\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\u007f"
                + "\\u2028\\ud83c\\udca1\"}";
        Join join = (Join) ok(frame);
        assertThat(join).isEqualTo(new Join("é", table, null));
        assertThat(CODEC.decodeClient(CODEC.encode(join))).isEqualTo(new Decoded.Ok(join));
    }

    // ---------------------------------------------------------------------------------------------
    // the codec is shared by connections

    @Test
    void decodingIsThreadSafe() throws Exception {
        List<String> frames = new ArrayList<>();
        examples().forEach(a -> frames.add((String) a.get()[1]));
        invalid().forEach(a -> frames.add((String) a.get()[0]));
        List<Decoded> serial = frames.stream().map(CODEC::decodeClient).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Decoded>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<Decoded> out = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        out = frames.stream().map(CODEC::decodeClient).toList();
                    }
                    return out;
                }));
            }
            for (Future<List<Decoded>> f : futures) {
                assertThat(f.get()).isEqualTo(serial);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subprotocolIsPokerV1() {
        assertThat(ProtocolCodec.SUBPROTOCOL).isEqualTo("poker.v1");
    }

    @Test
    void oneFramePerCode() {
        assertThat(bad("x").code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(bad(json("{'type':'x'}")).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(bad(json("{'type':'join'}")).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void aTokenResumesAndTheNameBesideItIsIgnored() {
        Decoded d = CODEC.decodeClient(json("{'type':'hello','id':'req-7','name':'bad!','token':'good-token'}"));
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        Decoded blank = CODEC.decodeClient(json("{'type':'hello','id':'req-8','name':'   ','token':'tok'}"));
        assertThat(blank).isInstanceOf(Decoded.Ok.class);
    }
}
