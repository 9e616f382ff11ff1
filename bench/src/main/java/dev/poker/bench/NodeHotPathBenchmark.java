package dev.poker.bench;

import dev.poker.engine.Action;
import dev.poker.engine.Command;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.InMemoryEventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.EventViews;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.TableBatch;
import dev.poker.server.table.Viewer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The node's hot path, step by step, so a regression shows without a full load run: decoding an
 * {@code act} frame, the engine step it causes, appending the events (in-memory store: the cost of
 * the path, not of a disk), encoding an event for a client, and delivering a batch to the six players
 * and two spectators of a table with per-viewer filtering and encoding as a connection does it (each
 * distinct view encoded once; the batch is renumbered each time, since viewers drop what they have).
 *
 * <p>Concurrency: JMH thread-confined state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodeHotPathBenchmark {
    private final ProtocolCodec codec = new ProtocolCodec();
    private String actFrame;
    private TableState state;
    private TableEngine engine;
    private long now;
    private InMemoryEventStore store;
    private long seq;
    private List<StoredEvent> batchEvents;
    private ServerMessage.Event event;
    private InProcessFanout<TableBatch> fanout;
    private long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        actFrame = "{\"type\":\"act\",\"id\":\"r17\",\"table\":\"t0123456789ab\",\"hand\":42,\"action\":\"raise\","
                + "\"amount\":300,\"actionId\":\"a-7f3e2b\"}";
        TableConfig config = TableConfig.cash(6, 50, 100).withBuyIn(1, 10_000_000);
        state = new TableState(config);
        engine = new TableEngine(new SeededDeckSource(3));
        for (int seat = 0; seat < 6; seat++) {
            engine.handle(state, new Command.SitDown("p" + seat, seat, 1_000_000, false), now);
        }
        store = new InMemoryEventStore(null);
        TableEvent action = new TableEvent.ActionTaken(2, Action.RAISE, 250, 300, false, false);
        batchEvents = List.of(new StoredEvent(1, 42, 0, action), new StoredEvent(2, 42, 0, new TableEvent.TurnStarted(3, 15_000)));
        event = new ServerMessage.Event("t0123456789ab", 1234, 42,
                EventViews.view(action, false, false, id -> "player"));
        fanout = new InProcessFanout<>();
        LocalViewers viewers = new LocalViewers(fanout, false, (table, query, done) -> done.accept(null));
        for (int v = 0; v < 8; v++) {
            String account = v < 6 ? "p" + v : null;
            Origin origin = new Origin("n1", v);
            Viewer viewer = new Viewer() {
                @Override
                public String accountId() {
                    return account;
                }

                @Override
                public Origin origin() {
                    return origin;
                }

                /** Encodes as a connection does (a shared view once for all), without the socket. */
                @Override
                public void deliver(Outbound out) {
                    Outbound.View view = (Outbound.View) out;
                    for (int i = 0; i < view.messages().size(); i++) {
                        if (view.shared()) {
                            delivered += view.utf8(i, codec::encode).length > 0 ? 1 : 0;
                        } else {
                            delivered += codec.encode(view.messages().get(i)).isEmpty() ? 0 : 1;
                        }
                    }
                }

                @Override
                public void ackInStream(String tableId, String requestId, long seq) {
                    throw new IllegalStateException("no requests in this benchmark");
                }
            };
            long watch = viewers.begin("t0123456789ab", viewer);
            viewers.caughtUp("t0123456789ab", viewer, watch, new CatchUp(0, List.of(), null, null, null, null));
        }
        List<StoredEvent> hand = new ArrayList<>();
        long s = 0;
        for (TableEvent e : engine.handle(state.copy(), new Command.StartHand(), now).events()) {
            hand.add(new StoredEvent(++s, 1, 0, e));
        }
        Map<Long, String> privateTo = new java.util.HashMap<>();
        for (StoredEvent e : hand) {
            if (e.event() instanceof TableEvent.HoleCardsDealt h) {
                privateTo.put(e.seq(), "p" + h.seat());
            }
        }
        handTemplate = hand;
        handPrivateTo = privateTo;
    }

    private List<StoredEvent> handTemplate;
    private Map<Long, String> handPrivateTo;
    private long deliveredSeq;

    /** The hand's opening batch renumbered after the last one delivered (viewers drop what they have). */
    private TableBatch nextBatch() {
        List<StoredEvent> events = new ArrayList<>(handTemplate.size());
        Map<Long, String> privateTo = new java.util.HashMap<>();
        for (StoredEvent e : handTemplate) {
            long s = deliveredSeq + e.seq();
            events.add(new StoredEvent(s, 1, 0, e.event()));
            String owner = handPrivateTo.get(e.seq());
            if (owner != null) {
                privateTo.put(s, owner);
            }
        }
        deliveredSeq += handTemplate.size();
        return new TableBatch("t0123456789ab", events, privateTo, null, null);
    }

    /** A fresh store each iteration, so the appended log does not grow without bound. */
    @Setup(Level.Iteration)
    public void freshStore() {
        store = new InMemoryEventStore(null);
        seq = 0;
    }

    /** Decoding and validating one {@code act} frame. */
    @Benchmark
    public Object decodeAct() {
        return codec.decodeClient(actFrame);
    }

    /** One engine step: the player to act calls or checks (a new hand starts when one ends). */
    @Benchmark
    public Object engineStep() {
        var legal = TableEngine.legalActions(state);
        if (legal == null) {
            return engine.handle(state, new Command.StartHand(), ++now);
        }
        Action a = legal.allows(Action.CHECK) ? Action.CHECK : Action.CALL;
        return engine.handle(state, new Command.Act(legal.seat(), legal.handNumber(), a, 0), ++now);
    }

    /** Appending a two-event batch (in memory: the path's own cost). */
    @Benchmark
    public Object appendBatch() {
        List<StoredEvent> b = List.of(
                new StoredEvent(++seq, 42, 0, batchEvents.get(0).event()),
                new StoredEvent(++seq, 42, 0, batchEvents.get(1).event()));
        return store.append("bench", 1, b, List.of());
    }

    /** Encoding one event frame for a client. */
    @Benchmark
    public String encodeEvent() {
        return codec.encode(event);
    }

    /** A hand's opening batch (blinds, six hole cards, turn) to 6 players and 2 spectators, filtered per viewer. */
    @Benchmark
    public long deliverHandStartTo8Viewers(Blackhole bh) {
        fanout.publish("t0123456789ab", nextBatch());
        bh.consume(delivered);
        return delivered;
    }
}
