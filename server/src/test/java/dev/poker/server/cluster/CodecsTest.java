package dev.poker.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.engine.cards.Card;
import dev.poker.engine.TableEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.TableBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What nodes send each other survives the trip exactly; anything else is refused, not half-read. */
class CodecsTest {
    private final BatchCodec batches = new BatchCodec(new ProtocolCodec());
    private final BusCodec bus = new BusCodec();

    @Test
    void aTableBatchRoundTripsWithPrivateCardsTurnAndNames() {
        TableBatch b = new TableBatch("t0123456789ab", List.of(
                new StoredEvent(7, 3, 1_700_000_000_123L, new TableEvent.PlayerSeated(2, "g-abc", 500, false, true), null),
                new StoredEvent(8, 3, 1_700_000_000_124L, new TableEvent.HoleCardsDealt(2,
                        List.of(Card.parse("Ah"), Card.parse("Kd"))), "act:g-abc/x1")),
                Map.of(8L, "g-abc"),
                new ServerMessage.YourTurn("t0123456789ab", 3, 2, List.of("fold", "call", "raise"), 10L, 20L, 500L,
                        1_700_000_015_000L, 30_000L),
                "g-abc", Map.of("g-abc", "Alice \"the rock\""));
        TableBatch back = batches.decode(batches.encode(b));
        assertThat(back).isEqualTo(b);
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
                new BusMessage.Forward("n1-1", "n1", "t0123456789ab", "g-a", "Alice", "{\"type\":\"ping\"}"),
                new BusMessage.CatchUpRequest("n1-2", "n1", "t0123456789ab", "g-a", null, "r9", true),
                new BusMessage.CatchUpRequest("n1-3", "n1", "t0123456789ab", null, 42L, null, false),
                new BusMessage.Left("n2", "t0123456789ab", "g-b"),
                new BusMessage.Reply("n1-1", List.of("{\"a\":1}", "{\"b\":2}"), 17L, null),
                new BusMessage.Reply("n1-2", null, null, "NOT_OWNER"),
                new BusMessage.ToAccount("n2", "g-a", "{\"type\":\"balance\"}"),
                new BusMessage.Create("n1-4", "n1", "r1", "{\"type\":\"create_table\"}"));
        for (BusMessage m : all) {
            assertThat(bus.decode(bus.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void aBusMessageThatDoesNotDecodeIsNull() {
        assertThat(bus.decode("{\"k\":\"nope\"}")).isNull();
        assertThat(bus.decode("[1,2]")).isNull();
        assertThat(bus.decode("")).isNull();
    }
}
