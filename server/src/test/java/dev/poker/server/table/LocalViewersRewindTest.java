package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A table rebuilt from its log after a divergence writes its next events at sequence numbers viewers
 * already have (with other content): its batches carry a newer epoch, and every viewer starts over from
 * a snapshot of the rebuilt table instead of dropping them as copies. A takeover that continues the log
 * (a newer epoch, the next seq) changes nothing for viewers.
 */
class LocalViewersRewindTest {
    private static final String TABLE = "t000000000002";

    /** Not a record: a viewer is a map key, and its list of messages must not change its hash. */
    private static final class Connection implements Viewer {
        private final String accountId;
        private final Origin origin;
        private final List<ServerMessage> got = new ArrayList<>();

        Connection(String accountId, Origin origin) {
            this.accountId = accountId;
            this.origin = origin;
        }

        @Override
        public String accountId() {
            return accountId;
        }

        @Override
        public Origin origin() {
            return origin;
        }

        List<ServerMessage> got() {
            return got;
        }

        @Override
        public void deliver(Outbound out) {
            got.addAll(out.messages());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            throw new AssertionError("not called here");
        }
    }

    private record Asked(CatchUpQuery query, Consumer<CatchUp> done) {}

    private final InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
    private final List<Asked> asked = new ArrayList<>();
    private final LocalViewers viewers = new LocalViewers(fanout, false,
            (table, query, done) -> asked.add(new Asked(query, done)));
    private final Connection alice = new Connection("a1", new Origin("n1", 1));

    private static TableBatch batch(long epoch, long... seqs) {
        List<StoredEvent> events = new ArrayList<>();
        for (long s : seqs) {
            events.add(new StoredEvent(s, 1, 0, new TableEvent.TurnStarted(0, 1_000 + s)));
        }
        return new TableBatch(TABLE, events, Map.of(), null, null, Map.of(), List.of(), epoch);
    }

    private List<Long> seqsGot() {
        return alice.got().stream().filter(m -> m instanceof ServerMessage.Event).map(m -> ((ServerMessage.Event) m).seq())
                .toList();
    }

    @Test
    void aNewerCopyWritingBehindTheCursorMakesTheViewerStartOverFromASnapshot() {
        viewers.caughtUp(TABLE, alice, viewers.begin(TABLE, alice), new CatchUp(0, List.of(), null, null, null, null));
        fanout.publish(TABLE, batch(5, 1, 2));
        fanout.publish(TABLE, batch(5, 3, 4));
        assertThat(seqsGot()).containsExactly(1L, 2L, 3L, 4L);

        // the log held only up to 2: the rebuilt copy (epoch 6) writes 3 again
        fanout.publish(TABLE, batch(6, 3));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).query().lastSeq()).as("a snapshot, not the batches after 4").isNull();
        fanout.publish(TABLE, batch(6, 4)); // held until the snapshot arrives
        assertThat(seqsGot()).containsExactly(1L, 2L, 3L, 4L);

        ServerMessage.Snapshot snapshot = new ServerMessage.Snapshot(TABLE, 3, null);
        asked.get(0).done().accept(new CatchUp(3, List.of(), snapshot, null, null, null));
        assertThat(alice.got()).contains(snapshot);
        assertThat(alice.got().subList(alice.got().indexOf(snapshot), alice.got().size()))
                .filteredOn(m -> m instanceof ServerMessage.Event).extracting(m -> ((ServerMessage.Event) m).seq())
                .as("then the rebuilt copy's events after the snapshot").containsExactly(4L);

        fanout.publish(TABLE, batch(6, 5));
        assertThat(seqsGot()).endsWith(4L, 5L);
        assertThat(asked).hasSize(1);
    }

    @Test
    void aTakeoverThatContinuesTheLogAndLateCopiesChangeNothing() {
        viewers.caughtUp(TABLE, alice, viewers.begin(TABLE, alice), new CatchUp(0, List.of(), null, null, null, null));
        fanout.publish(TABLE, batch(5, 1, 2));
        fanout.publish(TABLE, batch(7, 3)); // taken over at epoch 7: the log continues
        fanout.publish(TABLE, batch(5, 2)); // a late copy of the old owner's batch
        fanout.publish(TABLE, batch(7, 3)); // a copy of the new owner's
        fanout.publish(TABLE, batch(7, 4));
        assertThat(seqsGot()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(asked).isEmpty();
    }

    @Test
    void anAnswerAskedForBeforeTheRewindIsDropped() {
        viewers.caughtUp(TABLE, alice, viewers.begin(TABLE, alice), new CatchUp(0, List.of(), null, null, null, null));
        fanout.publish(TABLE, batch(5, 1));
        fanout.publish(TABLE, batch(5, 3)); // a gap: the viewer asks the old copy for 2
        assertThat(asked).hasSize(1);
        fanout.publish(TABLE, batch(6, 1)); // the rebuilt copy writes 1 again
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).query().lastSeq()).isNull();

        asked.get(0).done().accept(new CatchUp(3, List.of(batch(5, 2)), null, null, null, null)); // the old copy's
        assertThat(seqsGot()).as("nothing of the old copy after the rewind").containsExactly(1L);
        ServerMessage.Snapshot snapshot = new ServerMessage.Snapshot(TABLE, 1, null);
        asked.get(1).done().accept(new CatchUp(1, List.of(), snapshot, null, null, null));
        assertThat(alice.got()).endsWith(snapshot);
    }

    @Test
    void anEagerCatchUpDoesNotSendAgainWhatArrivedWhileItWasAsked() {
        viewers.caughtUp(TABLE, alice, viewers.begin(TABLE, alice), new CatchUp(0, List.of(), null, null, null, null));
        fanout.publish(TABLE, batch(5, 1));
        viewers.expectAck(TABLE, alice, "r1", 2); // the ack's batch is missing here: ask the owner eagerly
        assertThat(asked).hasSize(1);
        fanout.publish(TABLE, batch(5, 2)); // ... and it arrives meanwhile
        fanout.publish(TABLE, batch(5, 3));
        asked.get(0).done().accept(new CatchUp(3, List.of(batch(5, 2), batch(5, 3)), null, null, null, null));
        fanout.publish(TABLE, batch(5, 4));
        assertThat(seqsGot()).as("every event once").containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anEagerCatchUpAnsweredPastTheCursorSendsOnlyWhatIsNew() {
        viewers.caughtUp(TABLE, alice, viewers.begin(TABLE, alice), new CatchUp(0, List.of(), null, null, null, null));
        fanout.publish(TABLE, batch(5, 1));
        viewers.expectAck(TABLE, alice, "r1", 3);
        fanout.publish(TABLE, batch(5, 2));
        asked.get(0).done().accept(new CatchUp(3, List.of(batch(5, 2), batch(5, 3)), null, null, null, null));
        assertThat(seqsGot()).containsExactly(1L, 2L, 3L);
    }
}
