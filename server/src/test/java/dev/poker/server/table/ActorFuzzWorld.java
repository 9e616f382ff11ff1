package dev.poker.server.table;

import dev.poker.engine.Rake;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEngine;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.ManualScheduler;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything around one {@link TableActor} in the fuzz, all on the test's thread: its mailbox pool
 * ({@link QueueExecutor}), a {@link ManualScheduler}, a {@link ScriptedEventStore} (possibly behind a
 * wrapper), {@link ScriptedAccounts}, an in-process fan-out with a recorder of every published batch,
 * the node's {@link LocalViewers}, and one connection per player plus a spectator. A fenced table can
 * be taken over by a new copy at the next epoch, rebuilt from the durable log as a node would.
 *
 * <p>Concurrency: test thread only.
 */
final class ActorFuzzWorld {
    static final String TABLE = "t000000000001";
    private static final String NODE = "n1";

    final long seed;
    final Random random;
    final ManualScheduler clock = new ManualScheduler(1_000_000_000L);
    final QueueExecutor pool = new QueueExecutor();
    final List<String> violations = new ArrayList<>();
    final InMemoryAccounts bank;
    final ScriptedAccounts accounts;
    final ScriptedEventStore store;
    final EventStore actorStore;
    final InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
    final LocalViewers viewers;
    final TableConfig config;
    final TableTiming timing;
    final List<FuzzViewer> connections = new ArrayList<>();
    final ActorInvariants invariants;
    final List<TableBatch> published = new ArrayList<>();
    TableActor actor;
    TableState live;
    long epoch = 1;
    /** Why the current copy stopped, or null while it runs. */
    String stoppedWhy;
    /** The store's append count when it last failed a write: until the next append the table waits to retry. */
    int appendsAtOutage = -1;
    int fences;
    int outages;
    int handedOff;

    ActorFuzzWorld(long seed, UnaryOperator<EventStore> storeWrapper) {
        this.seed = seed;
        this.random = new Random(seed);
        this.config = randomConfig(random);
        this.timing = new TableTiming(500 + random.nextInt(3_000), 5_000 + random.nextInt(60_000));
        this.bank = new InMemoryAccounts(config.minBuyIn() / 2 + random.nextLong(config.maxBuyIn() * 3));
        this.accounts = new ScriptedAccounts(bank, violations::add);
        this.store = new ScriptedEventStore(bank, violations::add);
        this.actorStore = storeWrapper.apply(store);
        this.invariants = new ActorInvariants(this);
        fanout.subscribe(TABLE, invariants::published); // first subscriber: sees each batch before any viewer
        this.viewers = new LocalViewers(fanout, false, (table, query, done) -> actor.catchUp(query, done));
        int players = 2 + random.nextInt(config.seats() + 1);
        for (int i = 0; i < players; i++) {
            String account = accounts.createGuest("p" + i).id();
            connections.add(new FuzzViewer("p" + i, account, new Origin(NODE, i + 1), TABLE, viewers, invariants));
        }
        connections.add(new FuzzViewer("spectator", null, new Origin(NODE, players + 1), TABLE, viewers, invariants));
        start(new TableState(config), 0, List.of());
    }

    private static TableConfig randomConfig(Random random) {
        long bb = 2 + random.nextInt(20);
        long ante = random.nextInt(4) == 0 ? 1 + random.nextInt((int) bb) : 0;
        return new TableConfig(2 + random.nextInt(5), bb / 2, bb, ante, null, bb * 10, bb * 100,
                1_000 + random.nextInt(14_000), random.nextInt(10_000), random.nextInt(4),
                new Rake(random.nextInt(600), random.nextInt(4) * bb));
    }

    private void start(TableState state, long lastSeq, List<StoredEvent> currentHand) {
        live = state;
        stoppedWhy = null;
        appendsAtOutage = -1;
        TableListener listener = new TableListener() {
            @Override
            public void stopped(TableActor table, String why) {
                if (table == actor) {
                    stoppedWhy = why;
                }
            }

            @Override
            public void balanceChanged(String account) {
                // a client session would send the new balance; nothing to check here
            }
        };
        actor = new TableActor(new TableSetup(TABLE, "fuzz", epoch, state, lastSeq, currentHand),
                new TableEngine(new SeededDeckSource(seed ^ epoch)), pool, actorStore, fanout, accounts, clock, timing,
                new PokerMetrics(() -> 0, () -> 0, () -> 0), listener, PlayerReach.ALWAYS);
    }

    boolean stopped() {
        return stoppedWhy != null;
    }

    /** Nothing in flight: no write waits for the store, no failed write waits for its retry. */
    boolean idle() {
        return !stopped() && !store.hasPending(TABLE) && store.appends() != appendsAtOutage;
    }

    /**
     * Another node takes the stopped (fenced or handed-over) table over at the next epoch, as
     * {@link TableRebuilder} does: the state and the hand in progress from the durable log, and buy-ins
     * reserved but never durable given back to their players.
     */
    void takeOver() {
        List<StoredEvent> log = store.log(TABLE);
        TableState state = new TableState(config);
        Set<String> settled = new HashSet<>();
        int handStart = 0;
        for (int i = 0; i < log.size(); i++) {
            StoredEvent e = log.get(i);
            state.apply(e.event());
            handStart = e.event() instanceof TableEvent.HandStarted ? i : handStart;
            if (e.ref() != null) {
                settled.add(e.ref());
            }
        }
        List<StoredEvent> hand = state.handRunning() ? log.subList(handStart, log.size()) : List.of();
        accounts.held().forEach((ref, amount) -> {
            if (!settled.contains(ref)) {
                accounts.release(accountOf(ref), amount, TABLE, ref);
            }
        });
        epoch++;
        long logEnd = log.isEmpty() ? 0 : log.get(log.size() - 1).seq();
        invariants.tookOver(logEnd);
        start(state, logEnd, hand);
    }

    private String accountOf(String ref) {
        return accounts.owner(ref);
    }

    /** A connection starts watching the table: the owner's catch-up first, then the live batches. */
    void watch(FuzzViewer v, Long lastSeq, String requestId) {
        long watch = v.watching ? 0 : viewers.begin(TABLE, v);
        if (watch == 0) {
            return;
        }
        v.watching = true;
        actor.catchUp(new CatchUpQuery(v.accountId(), lastSeq, requestId, true), c -> {
            if (c != null && !c.isRefused()) {
                viewers.caughtUp(TABLE, v, watch, c);
            } else if (viewers.remove(TABLE, v, watch)) {
                v.watching = false;
            }
        });
    }

    /** A connection stops watching (it keeps its seat). */
    void unwatch(FuzzViewer v) {
        if (v.watching) {
            v.watching = false;
            viewers.remove(TABLE, v);
            actor.left(v.accountId());
        }
    }

    /** Runs the mailbox until nothing is left to do now. */
    void settle() {
        pool.runAll();
    }
}
