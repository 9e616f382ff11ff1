package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poker.protocol.GameEvent.ActionTaken;
import dev.poker.protocol.GameEvent.BlindsMissed;
import dev.poker.protocol.GameEvent.ChipsAdded;
import dev.poker.protocol.GameEvent.ForcedBet;
import dev.poker.protocol.GameEvent.HandEnded;
import dev.poker.protocol.GameEvent.HandStarted;
import dev.poker.protocol.GameEvent.HoleCards;
import dev.poker.protocol.GameEvent.Leaving;
import dev.poker.protocol.GameEvent.Left;
import dev.poker.protocol.GameEvent.Mucked;
import dev.poker.protocol.GameEvent.PotAwarded;
import dev.poker.protocol.GameEvent.SatIn;
import dev.poker.protocol.GameEvent.SatOut;
import dev.poker.protocol.GameEvent.Seated;
import dev.poker.protocol.GameEvent.Share;
import dev.poker.protocol.GameEvent.Shown;
import dev.poker.protocol.GameEvent.Street;
import dev.poker.protocol.GameEvent.TimeBank;
import dev.poker.protocol.GameEvent.TimeBankUsed;
import dev.poker.protocol.GameEvent.TimedOut;
import dev.poker.protocol.GameEvent.Turn;
import dev.poker.protocol.GameEvent.UncalledReturned;
import dev.poker.protocol.ServerMessage.Ack;
import dev.poker.protocol.ServerMessage.Balance;
import dev.poker.protocol.ServerMessage.Event;
import dev.poker.protocol.ServerMessage.Pong;
import dev.poker.protocol.ServerMessage.Reconnect;
import dev.poker.protocol.ServerMessage.Snapshot;
import dev.poker.protocol.ServerMessage.Tables;
import dev.poker.protocol.ServerMessage.Welcome;
import dev.poker.protocol.ServerMessage.YourTurn;
import dev.poker.protocol.TableView.PotView;
import dev.poker.protocol.TableView.SeatView;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every server message and every game event: the exact JSON it encodes to (field names, the
 * {@code type} / {@code kind} discriminators, nulls left out) and that it decodes back equal.
 */
class ServerMessageCodecTest {

    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static final long DEADLINE = 1_700_000_000_000L;

    static final TableView VIEW_IN_HAND = new TableView("t-1", "Main 1/2", 6, 1, 2, 0, "none", 40, 200, 30_000, 7,
            3, "flop", List.of("Ah", "Kd", "2c"), List.of(new PotView(30, List.of(1, 3)), new PotView(12, List.of(3))),
            10L, 3, DEADLINE, "c0ffee", List.of(
                    new SeatView(1, "acc-1", "Alice", 190, 10, true, false, false, false, true, List.of("Ah", "Td")),
                    new SeatView(3, "acc-2", "Bob", 0, 0, true, false, true, false, false, null)),
            1);

    static final String VIEW_IN_HAND_JSON = json("{'id':'t-1','name':'Main 1/2','seats':6,'smallBlind':1,"
            + "'bigBlind':2,'ante':0,'anteType':'none','minBuyIn':40,'maxBuyIn':200,'actionTimeMs':30000,'hand':7,"
            + "'button':3,'street':'flop','board':['Ah','Kd','2c'],"
            + "'pots':[{'amount':30,'eligible':[1,3]},{'amount':12,'eligible':[3]}],'currentBet':10,'toAct':3,"
            + "'deadline':1700000000000,'commitment':'c0ffee','players':["
            + "{'seat':1,'account':'acc-1','name':'Alice','stack':190,'bet':10,'inHand':true,'folded':false,"
            + "'allIn':false,'sittingOut':false,'connected':true,'cards':['Ah','Td']},"
            + "{'seat':3,'account':'acc-2','name':'Bob','stack':0,'bet':0,'inHand':true,'folded':false,"
            + "'allIn':true,'sittingOut':false,'connected':false}],'yourSeat':1}");

    /** Between hands, watched by someone not seated: every nullable field is null and left out. */
    static final TableView VIEW_IDLE = new TableView("t-2", "Quiet", 2, 5, 10, 1, null, 100, 1000, 1000, 0, null,
            null, List.of(), List.of(), null, null, null, null, List.of(), null);

    static final String VIEW_IDLE_JSON = json("{'id':'t-2','name':'Quiet','seats':2,'smallBlind':5,'bigBlind':10,"
            + "'ante':1,'minBuyIn':100,'maxBuyIn':1000,'actionTimeMs':1000,'hand':0,'board':[],'pots':[],"
            + "'players':[]}");

    static Stream<Arguments> serverMessages() {
        return Stream.of(
                arguments("welcome", new Welcome("1", "acc-1", "Alice", 1000, "tok.en", "node-a"),
                        "{'type':'welcome','id':'1','account':'acc-1','name':'Alice','balance':1000,'token':'tok.en',"
                                + "'node':'node-a'}"),
                arguments("welcome, nulls left out", new Welcome(null, "acc-1", "Alice", 0, "tok", null),
                        "{'type':'welcome','account':'acc-1','name':'Alice','balance':0,'token':'tok'}"),
                arguments("tables", new Tables("2", List.of(
                                new TableSummary("t-1", "Main", 6, 2, 1, 2, 0, 40, 200, 17),
                                new TableSummary("t-2", "Deep", 9, 0, 5, 10, 1, 500, 2000, 0))),
                        "{'type':'tables','id':'2','tables':["
                                + "{'id':'t-1','name':'Main','seats':6,'players':2,'smallBlind':1,'bigBlind':2,"
                                + "'ante':0,'minBuyIn':40,'maxBuyIn':200,'handsPlayed':17},"
                                + "{'id':'t-2','name':'Deep','seats':9,'players':0,'smallBlind':5,'bigBlind':10,"
                                + "'ante':1,'minBuyIn':500,'maxBuyIn':2000,'handsPlayed':0}]}"),
                arguments("tables, empty lobby", new Tables(null, List.of()), "{'type':'tables','tables':[]}"),
                arguments("ack", new Ack("3", "t-1", 12L), "{'type':'ack','id':'3','table':'t-1','seq':12}"),
                arguments("ack, nulls left out", new Ack("3", null, null), "{'type':'ack','id':'3'}"),
                arguments("snapshot in a hand", new Snapshot("t-1", 41, VIEW_IN_HAND),
                        "{'type':'snapshot','table':'t-1','seq':41,'view':" + VIEW_IN_HAND_JSON + "}"),
                arguments("snapshot between hands", new Snapshot("t-2", 0, VIEW_IDLE),
                        "{'type':'snapshot','table':'t-2','seq':0,'view':" + VIEW_IDLE_JSON + "}"),
                arguments("event", new Event("t-1", 42, 7, new Mucked(4)),
                        "{'type':'event','table':'t-1','seq':42,'hand':7,'event':{'kind':'mucked','seat':4}}"),
                arguments("your_turn", new YourTurn("t-1", 7, 3, List.of("fold", "call", "raise", "all_in"), 8, 20,
                                190, DEADLINE, 25_000),
                        "{'type':'your_turn','table':'t-1','hand':7,'seat':3,'actions':['fold','call','raise','all_in'],"
                                + "'callAmount':8,'minTo':20,'maxTo':190,'deadline':1700000000000,"
                                + "'timeBankMs':25000}"),
                arguments("balance", new Balance("acc-1", 850), "{'type':'balance','account':'acc-1','balance':850}"),
                arguments("error", new ServerMessage.Error("9", "NOT_YOUR_TURN", "It is not your turn.", true, "t-1"),
                        "{'type':'error','id':'9','code':'NOT_YOUR_TURN','message':'It is not your turn.',"
                                + "'retryable':true,'table':'t-1'}"),
                arguments("error, nulls left out",
                        new ServerMessage.Error(null, "BAD_JSON", "The frame is not valid JSON.", false, null),
                        "{'type':'error','code':'BAD_JSON','message':'The frame is not valid JSON.',"
                                + "'retryable':false}"),
                arguments("pong", new Pong("p", 123L, DEADLINE),
                        "{'type':'pong','id':'p','t':123,'serverTime':1700000000000}"),
                arguments("pong, nulls left out", new Pong(null, null, 5), "{'type':'pong','serverTime':5}"),
                arguments("reconnect", new Reconnect("draining"), "{'type':'reconnect','reason':'draining'}"),
                arguments("reconnect, no reason", new Reconnect(null), "{'type':'reconnect'}"));
    }

    static Stream<Arguments> gameEvents() {
        return Stream.of(
                arguments(new Seated(2, "acc-1", "Alice", 200),
                        "{'kind':'seated','seat':2,'account':'acc-1','name':'Alice','stack':200}"),
                arguments(new Left(2, "acc-1", 180), "{'kind':'left','seat':2,'account':'acc-1','chips':180}"),
                arguments(new Leaving(5), "{'kind':'leaving','seat':5}"),
                arguments(new SatOut(2, "timeouts"), "{'kind':'sat_out','seat':2,'reason':'timeouts'}"),
                arguments(new SatOut(2, null), "{'kind':'sat_out','seat':2}"),
                arguments(new SatIn(2, true), "{'kind':'sat_in','seat':2,'waitForBigBlind':true}"),
                arguments(new ChipsAdded(2, 100, true), "{'kind':'chips_added','seat':2,'amount':100,'pending':true}"),
                arguments(new HandStarted(7, 0, 1, 2, List.of(0, 1, 2, 5), "c0ffee"),
                        "{'kind':'hand_started','hand':7,'button':0,'smallBlind':1,'bigBlind':2,"
                                + "'dealtIn':[0,1,2,5],'commitment':'c0ffee'}"),
                arguments(new BlindsMissed(3, true, false),
                        "{'kind':'blinds_missed','seat':3,'small':true,'big':false}"),
                arguments(new ForcedBet(1, "small_blind", 1, false),
                        "{'kind':'forced_bet','seat':1,'blind':'small_blind','amount':1,'allIn':false}"),
                arguments(new ForcedBet(4, "big_blind_ante", 3, true),
                        "{'kind':'forced_bet','seat':4,'blind':'big_blind_ante','amount':3,'allIn':true}"),
                arguments(new HoleCards(2, List.of("Ah", "Td")), "{'kind':'hole_cards','seat':2,'cards':['Ah','Td']}"),
                arguments(new HoleCards(3, null), "{'kind':'hole_cards','seat':3}"),
                arguments(new Turn(2, DEADLINE), "{'kind':'turn','seat':2,'deadline':1700000000000}"),
                arguments(new TimeBank(2, DEADLINE + 30_000), "{'kind':'time_bank','seat':2,'deadline':1700000030000}"),
                arguments(new TimeBankUsed(2, 4_500), "{'kind':'time_bank_used','seat':2,'millis':4500}"),
                arguments(new GameEvent.TimeBankRefilled(2, 5_000),
                        "{'kind':'time_bank_refilled','seat':2,'millis':5000}"),
                arguments(new TimedOut(2, 3), "{'kind':'timed_out','seat':2,'consecutive':3}"),
                arguments(new ActionTaken(2, "raise", 58, 60, false, false),
                        "{'kind':'action','seat':2,'action':'raise','added':58,'betTo':60,'allIn':false,"
                                + "'auto':false}"),
                arguments(new ActionTaken(5, "fold", 0, 0, false, true),
                        "{'kind':'action','seat':5,'action':'fold','added':0,'betTo':0,'allIn':false,'auto':true}"),
                arguments(new UncalledReturned(2, 40), "{'kind':'uncalled_returned','seat':2,'amount':40}"),
                arguments(new Street("flop", List.of("Ah", "Kd", "2c")),
                        "{'kind':'street','street':'flop','cards':['Ah','Kd','2c']}"),
                arguments(new Street("river", List.of("9s")), "{'kind':'street','street':'river','cards':['9s']}"),
                arguments(new Shown(2, List.of("Ah", "Td"), "a pair of aces"),
                        "{'kind':'shown','seat':2,'cards':['Ah','Td'],'description':'a pair of aces'}"),
                arguments(new Shown(2, List.of("Ah", "Td"), null), "{'kind':'shown','seat':2,'cards':['Ah','Td']}"),
                arguments(new Mucked(6), "{'kind':'mucked','seat':6}"),
                arguments(new PotAwarded(0, 100, 5, List.of(1, 2), List.of(new Share(1, 48), new Share(2, 47))),
                        "{'kind':'pot_awarded','pot':0,'amount':100,'rake':5,'eligible':[1,2],"
                                + "'shares':[{'seat':1,'amount':48},{'seat':2,'amount':47}]}"),
                arguments(new HandEnded(7, "c0ffee", "AhKd2c9sTd", "5a17"),
                        "{'kind':'hand_ended','hand':7,'commitment':'c0ffee','deck':'AhKd2c9sTd','salt':'5a17'}"),
                arguments(new HandEnded(7, "c0ffee", null, null),
                        "{'kind':'hand_ended','hand':7,'commitment':'c0ffee'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverMessages")
    void encodesToTheExpectedJson(String label, ServerMessage message, String expected) throws Exception {
        assertThat(PLAIN.readTree(CODEC.encode(message))).isEqualTo(PLAIN.readTree(json(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverMessages")
    void decodesBackEqual(String label, ServerMessage message, String expected) {
        assertThat(CODEC.decodeServer(CODEC.encode(message))).isEqualTo(message);
        assertThat(CODEC.decodeServer(json(expected))).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gameEvents")
    void eventEncodesToTheExpectedJson(GameEvent event, String expected) throws Exception {
        JsonNode tree = PLAIN.readTree(CODEC.encode(new Event("t-1", 42, 7, event)));
        ObjectNode envelope = PLAIN.createObjectNode().put("type", "event").put("table", "t-1").put("seq", 42)
                .put("hand", 7);
        envelope.set("event", PLAIN.readTree(json(expected)));
        assertThat(tree).isEqualTo(PLAIN.readTree(PLAIN.writeValueAsString(envelope)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gameEvents")
    void eventDecodesBackEqual(GameEvent event, String expected) {
        Event message = new Event("t-1", 42, 7, event);
        assertThat(CODEC.decodeServer(CODEC.encode(message))).isEqualTo(message);
        assertThat(CODEC.decodeServer(json("{'type':'event','table':'t-1','seq':42,'hand':7,'event':" + expected + "}")))
                .isEqualTo(message);
    }

    @Test
    void everyServerMessageTypeIsCovered() {
        Set<Class<?>> covered = serverMessages().map(a -> a.get()[1].getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(ServerMessage.class.getPermittedSubclasses());
    }

    @Test
    void everyGameEventKindIsCovered() {
        Set<Class<?>> covered = gameEvents().map(a -> a.get()[0].getClass()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(GameEvent.class.getPermittedSubclasses());
    }

    @Test
    void discriminatorsAreDistinctAndSnakeCase() throws Exception {
        Set<String> types = serverMessages().map(a -> (String) a.get()[2])
                .map(s -> readTree(json(s)).get("type").textValue()).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrder("welcome", "tables", "ack", "snapshot", "event", "your_turn",
                "balance", "error", "pong", "reconnect");
        Set<String> kinds = gameEvents().map(a -> (GameEvent) a.get()[0])
                .map(e -> readTree(CODEC.encode(new Event("t", 1, 1, e))).get("event").get("kind").textValue())
                .collect(Collectors.toSet());
        assertThat(kinds).hasSize(GameEvent.class.getPermittedSubclasses().length)
                .allMatch(k -> k.matches("[a-z]+(_[a-z]+)*"));
    }

    @Test
    void nullsAreNeverWrittenInServerMessages() {
        Stream.concat(serverMessages().map(a -> (ServerMessage) a.get()[1]),
                        gameEvents().map(a -> new Event("t", 1, 1, (GameEvent) a.get()[0])))
                .map(CODEC::encode)
                .forEach(s -> assertThat(s).doesNotContain("null"));
    }

    static JsonNode readTree(String s) {
        try {
            return PLAIN.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // decodeServer, as a client library uses it

    @Test
    void decodeServerIgnoresUnknownFields() {
        assertThat(CODEC.decodeServer(json("{'type':'balance','account':'a','balance':1,'currency':'chips'}")))
                .isEqualTo(new Balance("a", 1));
        assertThat(CODEC.decodeServer(json("{'type':'event','table':'t','seq':1,'hand':2,'extra':[1],"
                + "'event':{'kind':'mucked','seat':3,'why':'lost'}}")))
                .isEqualTo(new Event("t", 1, 2, new Mucked(3)));
    }

    @Test
    void decodeServerAcceptsFieldsInAnyOrderIncludingTheDiscriminator() {
        assertThat(CODEC.decodeServer(json("{'event':{'seat':3,'kind':'mucked'},'hand':2,'seq':1,'table':'t',"
                + "'type':'event'}"))).isEqualTo(new Event("t", 1, 2, new Mucked(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "{'type':'balance','account':'a','balance':'lots'}",
        "{'type':'ack'} trailing"})
    void decodeServerRejectsWhatIsNotAServerMessage(String text) {
        assertThatThrownBy(() -> CODEC.decodeServer(json(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poker.v1");
    }

    @Test
    void encodedServerMessagesAreSingleLine() {
        serverMessages().map(a -> CODEC.encode((ServerMessage) a.get()[1]))
                .forEach(s -> assertThat(s).doesNotContain("\n"));
    }

    @Test
    void stringsWithEscapesRoundTrip() {
        ServerMessage m = new ServerMessage.Error("i\"d", "CODE", "line 1\nline 2\t\u0000 \u2028 \uD83C\uDCA1 é \\",
                false, "t/1");
        String s = CODEC.encode(m);
        assertThat(s).doesNotContain("\n");
        assertThat(CODEC.decodeServer(s)).isEqualTo(m);
    }

    @Test
    void messagesAndEventsOfUnknownKindsFromNewerServersReadAsNull() {
        assertThat(CODEC.decodeServer(json("{'type':'hello','name':'x'}"))).isNull();
        assertThat(CODEC.decodeServer(json("{'type':'mystery'}"))).isNull();
        assertThat(CODEC.decodeServer(json("{}"))).isNull();
        assertThat(CODEC.decodeServer(json("{'type':'event','table':'t','seq':1,'hand':1,'event':{'kind':'mystery'}}")))
                .isEqualTo(new Event("t", 1, 1, null));
    }
}
