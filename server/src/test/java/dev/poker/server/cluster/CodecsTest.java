package dev.poker.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.cards.Card;
import dev.poker.engine.TableEvent;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.CatchUpQuery;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Receipt;
import dev.poker.server.table.TableBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What nodes send each other survives the trip exactly; anything else is refused, not half-read. */
class CodecsTest {
    private final BatchCodec batches = new BatchCodec(new ProtocolCodec());
    private final BusCodec bus = new BusCodec(new ProtocolCodec(), batches);

    @Test
    void aTableBatchRoundTripsWithPrivateCardsTurnAndNames() {
        TableBatch b = new TableBatch("t0123456789ab", List.of(
                new StoredEvent(7, 3, 1_700_000_000_123L, new TableEvent.PlayerSeated(2, "g-abc", 500, false, true), null),
                new StoredEvent(8, 3, 1_700_000_000_124L, new TableEvent.HoleCardsDealt(2,
                        List.of(Card.parse("Ah"), Card.parse("Kd"))), "act:g-abc/x1")),
                Map.of(8L, "g-abc"),
                new ServerMessage.YourTurn("t0123456789ab", 3, 2, List.of("fold", "call", "raise"), 10L, 20L, 500L,
                        1_700_000_015_000L, 30_000L),
                "g-abc", Map.of("g-abc", "Alice \"the rock\""),
                List.of(new Receipt(new Origin("n2", 17), "r5", 8), new Receipt(new Origin("n1", 3), null, 8)), 42);
        TableBatch back = batches.decode(batches.encode(b));
        assertThat(back).isEqualTo(b);
        assertThat(back.epoch()).as("the epoch of the copy that wrote it travels too").isEqualTo(42);
    }

    @Test
    void somethingThatIsNotABatchIsRefused() {
        assertThatThrownBy(() -> batches.decode("{\"t\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batches.decode("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batches.decode("{\"t\":\"x\",\"e\":[]}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBusMessageRoundTrips() {
        List<BusMessage> all = List.of(
                new BusMessage.Forward("n1-1", "n1", "t0123456789ab", "g-a", "Alice",
                        new ClientMessage.Act("r3", "t0123456789ab", 4L, "raise", 300L, "a-1"), 12, true),
                new BusMessage.Forward("n1-1", "n1", "t0123456789ab", "g-a", null, new ClientMessage.Ping("p", 5L), 1,
                        false),
                new BusMessage.CatchUpRequest("n1-2", "n1", "t0123456789ab", new CatchUpQuery("g-a", null, "r9", true)),
                new BusMessage.CatchUpRequest("n1-3", "n1", "t0123456789ab", new CatchUpQuery(null, 42L, null, false)),
                new BusMessage.Left("n2", "t0123456789ab", "g-b"),
                new BusMessage.Reply("n1-1", new BusMessage.Message(new ServerMessage.Ack("r1", "t0123456789ab", 17L))),
                new BusMessage.Reply("n1-1", new BusMessage.Accepted("r1", 17L)),
                new BusMessage.Reply("n1-2", new BusMessage.Refused(ErrorCode.NOT_OWNER)),
                new BusMessage.Reply("n1-5", new BusMessage.CaughtUp(new CatchUp(9, List.of(sampleBatch()), null,
                        new ServerMessage.Ack("j1", "t0123456789ab", 9L), null, null))),
                new BusMessage.Reply("n1-6", new BusMessage.CaughtUp(CatchUp.refused(ServerMessage.Error.of("j2",
                        ErrorCode.TABLE_NOT_FOUND, "There is no table.", "t0123456789ab")))),
                new BusMessage.ToAccount("n2", "g-a", new ServerMessage.Balance("g-a", 900)),
                new BusMessage.Create("n1-4", "n1", new ClientMessage.CreateTable("r1", "Table 1", 6, 1, 2, null, null,
                        100L, 1000L, null, null, null, null)));
        for (BusMessage m : all) {
            assertThat(bus.decode(bus.encode(m))).isEqualTo(m);
        }
    }

    private static TableBatch sampleBatch() {
        return new TableBatch("t0123456789ab", List.of(new StoredEvent(9, 3, 1_700_000_000_124L,
                new TableEvent.TurnStarted(2, 15_000), "act:g-abc/x1")), Map.of(), null, null, Map.of(),
                List.of(new Receipt(new Origin("n1", 4), "r4", 9)));
    }

    @Test
    void aBusMessageOfAnotherVersionIsNull() {
        String current = bus.encode(new BusMessage.Left("n2", "t0123456789ab", "g-b"));
        assertThat(bus.decode(current)).isNotNull();
        assertThat(bus.decode(current.replace("\"v\":" + BusCodec.VERSION, "\"v\":1"))).isNull();
    }

    @Test
    void aBusMessageThatDoesNotDecodeIsNull() {
        assertThat(bus.decode("{\"k\":\"nope\"}")).isNull();
        assertThat(bus.decode("[1,2]")).isNull();
        assertThat(bus.decode("")).isNull();
    }
}
