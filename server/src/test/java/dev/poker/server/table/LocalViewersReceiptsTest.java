package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Acks travel inside the batch stream: after their events, to the right connection, never twice. */
class LocalViewersReceiptsTest {
    private static final String TABLE = "t000000000001";

    /** A connection of node n1 that records what it gets. */
    private static final class Connection implements Viewer {
        final Origin origin;
        final String account;
        final List<ServerMessage> got = new ArrayList<>();

        Connection(long number, String account) {
            this.origin = new Origin("n1", number);
            this.account = account;
        }

        @Override
        public String accountId() {
            return account;
        }

        @Override
        public Origin origin() {
            return origin;
        }

        @Override
        public void deliver(Outbound out) {
            got.addAll(out.messages());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            throw new AssertionError("not used here");
        }
    }

    private final InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
    private final List<CatchUpQuery> asked = new ArrayList<>();
    private final Connection alice = new Connection(1, "alice");
    private final Connection bob = new Connection(2, "bob");
    private final Connection gone = new Connection(3, "carol");
    private final LocalViewers viewers = new LocalViewers(fanout, false, (table, q, done) -> asked.add(q));

    /** Starts watching from a snapshot at seq 0; returns the watch's number. */
    private long watch(Connection c) {
        long watch = viewers.begin(TABLE, c);
        viewers.caughtUp(TABLE, c, watch, new CatchUp(0, List.of(), new ServerMessage.Snapshot(TABLE, 0, null), null,
                null, null));
        c.got.clear();
        return watch;
    }

    private static TableBatch batch(long firstSeq, List<Receipt> receipts) {
        return new TableBatch(TABLE, List.of(new StoredEvent(firstSeq, 1, 0, new TableEvent.TurnStarted(0, 1_000)),
                new StoredEvent(firstSeq + 1, 1, 0, new TableEvent.TurnStarted(1, 1_000))), Map.of(), null, null,
                Map.of(), receipts);
    }

    @Test
    void theRequesterGetsItsAckRightAfterTheEventsAndNobodyElseGetsIt() {
        watch(alice);
        watch(bob);
        fanout.publish(TABLE, batch(1, List.of(new Receipt(alice.origin, "r1", 2))));
        assertThat(alice.got).hasSize(3);
        assertThat(alice.got.get(0)).isInstanceOf(ServerMessage.Event.class);
        assertThat(alice.got.get(1)).isInstanceOf(ServerMessage.Event.class);
        assertThat(alice.got.get(2)).isEqualTo(new ServerMessage.Ack("r1", TABLE, 2L));
        assertThat(bob.got).hasSize(2).allMatch(m -> m instanceof ServerMessage.Event);
    }

    @Test
    void anAckForAConnectionThatStoppedWatchingGoesToItOnceWhenTheOwnerSaysItWasAccepted() {
        watch(alice);
        watch(gone);
        viewers.remove(TABLE, gone);
        fanout.publish(TABLE, batch(1, List.of(new Receipt(gone.origin, "r7", 2),
                new Receipt(new Origin("n2", 3), "elsewhere", 2))));
        assertThat(gone.got).as("not in the stream: it no longer watches").isEmpty();
        viewers.expectAck(TABLE, gone, "r7", 2);
        assertThat(gone.got).containsExactly(new ServerMessage.Ack("r7", TABLE, 2L));
        assertThat(alice.got).as("acks for other connections are not alice's").hasSize(2);
    }

    @Test
    void aCatchUpForAnEarlierWatchIsNotAppliedToALaterOne() {
        long first = viewers.begin(TABLE, alice);
        viewers.remove(TABLE, alice);
        long second = viewers.begin(TABLE, alice);
        viewers.caughtUp(TABLE, alice, first, new CatchUp(5, List.of(), new ServerMessage.Snapshot(TABLE, 5, null), null,
                null, null));
        assertThat(alice.got).as("the first join's late answer").isEmpty();
        viewers.caughtUp(TABLE, alice, second, new CatchUp(7, List.of(), new ServerMessage.Snapshot(TABLE, 7, null),
                null, null, null));
        assertThat(alice.got).containsExactly(new ServerMessage.Snapshot(TABLE, 7, null));
    }

    @Test
    void aMissedBatchWithAnAckComesBackInTheCatchUpAndTheAckIsNotRepeated() {
        long watched = watch(alice);
        TableBatch lost = batch(1, List.of(new Receipt(alice.origin, "r1", 2)));
        // the owner says the request was accepted at seq 2, but the batch never arrived: catch up at once
        viewers.expectAck(TABLE, alice, "r1", 2);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).lastSeq()).isEqualTo(0L);
        viewers.caughtUp(TABLE, alice, watched, new CatchUp(2, List.of(lost), null, null, null, null));
        fanout.publish(TABLE, lost); // a late copy is dropped
        assertThat(alice.got).hasSize(3);
        assertThat(alice.got.get(2)).isEqualTo(new ServerMessage.Ack("r1", TABLE, 2L));
    }

    @Test
    void anAcceptedRequestWhoseBatchArrivedNeedsNothingMore() {
        watch(alice);
        fanout.publish(TABLE, batch(1, List.of(new Receipt(alice.origin, "r1", 2))));
        viewers.expectAck(TABLE, alice, "r1", 2);
        assertThat(asked).isEmpty();
        assertThat(alice.got).hasSize(3);
    }

    @Test
    void anAcceptedRequestOfAConnectionThatDoesNotWatchIsAckedDirectly() {
        viewers.expectAck(TABLE, bob, "r2", 9);
        assertThat(bob.got).containsExactly(new ServerMessage.Ack("r2", TABLE, 9L));
        assertThat(asked).isEmpty();
    }
}
