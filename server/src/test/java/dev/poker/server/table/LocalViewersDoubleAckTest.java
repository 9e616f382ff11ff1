package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link TableActorFuzzProperties} (seed 0, 34 steps): a connection that sends a request
 * while it watches a table and stops watching before the request's events are durable gets its ack
 * twice when another connection of the node still watches the table: once as an orphan receipt of the
 * published batch ({@code LocalViewers.deliverOrphanReceipts}) and once more when the table
 * acknowledges the request ({@code LocalViewers.expectAck} replies directly to a viewer it does not
 * find). One request, one answer.
 */
class LocalViewersDoubleAckTest {
    private static final String TABLE = "t000000000001";

    private record Connection(String accountId, Origin origin, List<ServerMessage> got) implements Viewer {
        @Override
        public void deliver(Outbound out) {
            got.addAll(out.messages());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            throw new AssertionError("not called here");
        }
    }

    @Test
    void aRequesterThatStoppedWatchingGetsItsAckOnce() {
        InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
        Connection requester = new Connection("a1", new Origin("n1", 1), new ArrayList<>());
        Connection other = new Connection("a2", new Origin("n1", 2), new ArrayList<>());
        LocalViewers viewers = new LocalViewers(fanout, false, (table, query, done) -> {});
        for (Connection c : List.of(requester, other)) {
            viewers.caughtUp(TABLE, c, viewers.begin(TABLE, c), new CatchUp(0, List.of(), null, null, null, null));
        }
        // the requester sent r1 while watching, then stopped watching; then r1's events became durable
        viewers.remove(TABLE, requester);
        fanout.publish(TABLE, new TableBatch(TABLE, List.of(new StoredEvent(1, 1, 0, new TableEvent.TurnStarted(0,
                1_000))), Map.of(), null, null, Map.of(), List.of(new Receipt(requester.origin(), "r1", 1))));
        viewers.expectAck(TABLE, requester, "r1", 1); // what ClientSession.ackInStream does once r1 is durable

        assertThat(requester.got()).filteredOn(m -> m instanceof ServerMessage.Ack).hasSize(1);
    }
}
