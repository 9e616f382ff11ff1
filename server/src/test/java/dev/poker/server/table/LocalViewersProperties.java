package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A viewer sees every event of a table once, in order, however the fan-out loses, repeats or delays
 * batches and whenever the owner answers catch-ups: the cursor logic of {@link LocalViewers}.
 */
class LocalViewersProperties {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final String TABLE = "t000000000001";

    /** One viewer that records the sequence numbers of the event frames it gets. */
    private static final class Recorder implements Viewer {
        final List<Long> seqs = new ArrayList<>();
        long snapshotAt = -1;

        @Override
        public String accountId() {
            return "a1";
        }

        @Override
        public Origin origin() {
            return new Origin("n1", 1);
        }

        @Override
        public void deliver(Outbound out) {
            List<ServerMessage> messages = out.messages();
            for (ServerMessage m : messages) {
                if (m instanceof ServerMessage.Snapshot s) {
                    snapshotAt = s.seq();
                } else if (m instanceof ServerMessage.Event e) {
                    seqs.add(e.seq());
                }
            }
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            throw new AssertionError("no requests here");
        }
    }

    @Property(tries = 300)
    void everyEventOnceInOrderDespiteLossesCopiesAndLateCatchUps(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int batches, @ForAll @IntRange(min = 0, max = 40) int lossPercent,
            @ForAll @IntRange(min = 0, max = 30) int copyPercent, @ForAll @IntRange(min = 0, max = 30) int joinAt) {
        Random random = new Random(seed);
        InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
        List<TableBatch> published = new ArrayList<>();
        ArrayDeque<Runnable> pendingAnswers = new ArrayDeque<>();
        Recorder viewer = new Recorder();
        // the owner: answers what the viewer missed after lastSeq (or a snapshot), up to what it has published
        LocalViewers.CatchUpSource owner = (table, query, done) -> pendingAnswers.add(() -> {
            long at = published.isEmpty() ? 0 : published.get(published.size() - 1).lastSeq();
            done.accept(query.lastSeq() == null ? snapshot(at) : new CatchUp(at, batchesAfter(published,
                    query.lastSeq()), null, null, null, null));
        });
        LocalViewers viewers = new LocalViewers(fanout, false, owner);
        long seq = 0;
        boolean joined = false;
        for (int b = 0; b <= batches; b++) {
            if (b == Math.min(joinAt, batches)) {
                long watch = viewers.begin(TABLE, viewer);
                owner.catchUp(TABLE, new CatchUpQuery("a1", null, null, true),
                        c -> viewers.caughtUp(TABLE, viewer, watch, c));
                joined = true;
            }
            int n = 1 + random.nextInt(3);
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(new StoredEvent(++seq, 1, 0, new TableEvent.TurnStarted(i, 1_000)));
            }
            TableBatch batch = new TableBatch(TABLE, events, Map.of(), null, null);
            published.add(batch);
            boolean last = b == batches;
            if (last || random.nextInt(100) >= lossPercent) {
                fanout.publish(TABLE, batch);
            }
            if (!last && random.nextInt(100) < copyPercent && b > 0) {
                fanout.publish(TABLE, published.get(random.nextInt(published.size()))); // a late copy
            }
            // the owner's answers arrive whenever they do
            while (!pendingAnswers.isEmpty() && random.nextBoolean()) {
                pendingAnswers.poll().run();
            }
        }
        assertThat(joined).isTrue();
        // everything is published; answers still on their way arrive, and the next batch (there always is one
        // while a table plays) brings any remaining catch-up
        for (int round = 0; round < 10 && !pendingAnswers.isEmpty(); round++) {
            while (!pendingAnswers.isEmpty()) {
                pendingAnswers.poll().run();
            }
            List<StoredEvent> next = List.of(new StoredEvent(++seq, 1, 0, new TableEvent.TurnStarted(0, 1_000)));
            TableBatch batch = new TableBatch(TABLE, next, Map.of(), null, null);
            published.add(batch);
            fanout.publish(TABLE, batch);
        }
        assertThat(viewer.snapshotAt).as("the join's snapshot").isGreaterThanOrEqualTo(0);
        List<Long> expected = new ArrayList<>();
        for (long s = viewer.snapshotAt + 1; s <= seq; s++) {
            expected.add(s);
        }
        assertThat(viewer.seqs).as("every event after the snapshot, once, in order").isEqualTo(expected);
    }

    @Property(tries = 50)
    void aViewerThatFallsTooFarBehindStartsOverFromASnapshot(@ForAll @IntRange(min = 1_001, max = 1_300) int lost) {
        InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
        List<Long> asked = new ArrayList<>();
        List<Consumer<CatchUp>> answers = new ArrayList<>();
        LocalViewers viewers = new LocalViewers(fanout, false, (table, query, done) -> {
            asked.add(query.lastSeq());
            answers.add(done);
        });
        Recorder viewer = new Recorder();
        long watch = viewers.begin(TABLE, viewer);
        viewers.caughtUp(TABLE, viewer, watch, snapshot(0));
        long seq = 1; // seq 1 is lost: every later batch waits for a catch-up that does not come yet
        for (int i = 0; i < lost; i++) {
            fanout.publish(TABLE, new TableBatch(TABLE, List.of(new StoredEvent(++seq, 1, 0,
                    new TableEvent.TurnStarted(0, 1_000))), Map.of(), null, null));
        }
        assertThat(asked).as("one catch-up asked, from the cursor").containsExactly(0L);
        answers.get(0).accept(null); // the owner did not answer
        fanout.publish(TABLE, new TableBatch(TABLE, List.of(new StoredEvent(++seq, 1, 0,
                new TableEvent.TurnStarted(0, 1_000))), Map.of(), null, null));
        assertThat(asked).as("after the buffer overflowed, a snapshot is asked for").containsExactly(0L, null);
        answers.get(1).accept(snapshot(seq));
        assertThat(viewer.snapshotAt).isEqualTo(seq);
        assertThat(viewer.seqs).isEmpty();
    }

    private static CatchUp snapshot(long at) {
        return new CatchUp(at, List.of(), new ServerMessage.Snapshot(TABLE, at, null), null, null, null);
    }

    private static List<TableBatch> batchesAfter(List<TableBatch> published, long lastSeq) {
        List<TableBatch> out = new ArrayList<>();
        for (TableBatch b : published) {
            if (b.firstSeq() > lastSeq) {
                out.add(b);
            }
        }
        return out;
    }
}
