package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameFieldsTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    /** What the tap reads, as one line, for comparing the two ways of getting it. */
    private static String read(FrameFields f) {
        return f.type() + " id=" + f.id() + " table=" + f.table() + " seq=" + f.seq(-1) + " hand=" + f.hand(-1)
                + " kind=" + f.kind() + " seat=" + f.seat(-1) + " auto=" + f.auto(false) + " account=" + f.account()
                + " code=" + f.code() + " retryable=" + f.retryable(false);
    }

    @Test
    void aDecodedMessageGivesWhatAScanOfItsJsonGives() {
        List<ServerMessage> messages = List.of(
                new ServerMessage.Event("T1", 12, 3, new GameEvent.ActionTaken(4, "raise", 20, 40, false, true)),
                new ServerMessage.Event("T1", 13, 3, new GameEvent.SatIn(2, false)),
                new ServerMessage.YourTurn("T1", 3, 5, List.of("fold", "call"), 2, 4, 200, 1L, 0),
                new ServerMessage.Ack("7", "T1", 14L),
                new ServerMessage.Ack("8", null, null),
                new ServerMessage.Welcome("h", "acc-1", "bot", 1000, "tok", null),
                new ServerMessage.Error("9", "RATE_LIMITED", "slow down", true, "T1"),
                new ServerMessage.Pong("p", 1L, 2),
                new ServerMessage.Balance("acc-1", 5));
        for (ServerMessage m : messages) {
            assertThat(read(FrameFields.of(m))).as(m.toString()).isEqualTo(read(FrameFields.scan(codec.encode(m))));
        }
        assertThat(FrameFields.of(null).type()).isNull();
    }

    @Test
    void readsAnActionEventWithItsNestedFields() {
        FrameFields f = FrameFields.scan("{\"type\":\"event\",\"table\":\"T\\\"1\",\"seq\":12,\"hand\":3,"
                + "\"event\":{\"kind\":\"action\",\"seat\":4,\"action\":\"call\",\"auto\":true}}");
        assertThat(f.type()).isEqualTo("event");
        assertThat(f.table()).isEqualTo("T\"1");
        assertThat(f.seq(-1)).isEqualTo(12);
        assertThat(f.hand(-1)).isEqualTo(3);
        assertThat(f.kind()).isEqualTo("action");
        assertThat(f.seat(-1)).isEqualTo(4);
        assertThat(f.auto(false)).isTrue();
    }

    @Test
    void theFirstOccurrenceOfAKeyCountsAndAWrongTypeReadsAsMissing() {
        FrameFields f = FrameFields.scan("{\"type\":\"your_turn\",\"table\":7,\"hand\":\"x\",\"seat\":2,"
                + "\"more\":{\"table\":\"T\",\"hand\":9}}");
        assertThat(f.table()).isNull();
        assertThat(f.hand(-1)).isEqualTo(-1);
        assertThat(f.seat(-1)).isEqualTo(2);
    }

    @Test
    void aMalformedFrameKeepsWhatCameBeforeTheFault() {
        FrameFields f = FrameFields.scan("{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"retryable\":tru");
        assertThat(f.type()).isEqualTo("error");
        assertThat(f.code()).isEqualTo("RATE_LIMITED");
        assertThat(f.retryable(false)).isFalse();
        assertThat(FrameFields.scan("not json").type()).isNull();
    }

    @Test
    void aLargeFrameIsReadOnlyAsFarAsItsTypeNeeds() {
        // the rest of the snapshot is never read: a fault there does not matter
        FrameFields f = FrameFields.scan("{\"type\":\"snapshot\",\"table\":\"T\",\"seq\":5,\"view\":{\"seats\":[}");
        assertThat(f.table()).isEqualTo("T");
        assertThat(f.seq(0)).isEqualTo(5);
    }

    @Test
    void readsAHealthAnswerWhole() {
        FrameFields f = FrameFields.scan("{\"node\":\"n1\",\"status\":\"UP\",\"checks\":{\"db\":\"ok\"},\"connections\":42}");
        assertThat(f.status()).isEqualTo("UP");
        assertThat(f.connections(-1)).isEqualTo(42);
    }
}
