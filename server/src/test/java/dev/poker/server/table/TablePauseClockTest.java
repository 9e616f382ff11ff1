package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.ManualScheduler;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.InMemoryEventStore;
import dev.poker.server.store.StoreUnavailableException;
import dev.poker.server.store.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A table paused by a store outage holds the clock of the player to act and, once the store is back,
 * runs it on with the time it had left: no fresh clock, no fresh time bank, no time lost. The pause is
 * reported (for {@code /health}) while it lasts.
 */
class TablePauseClockTest {
    private static final String TABLE = "t0000000000aa";
    private static final long START = 1_700_000_000_000L;

    /** The in-memory log, which fails every write while it is down. */
    private static final class FlakyStore implements EventStore {
        final InMemoryEventStore log = new InMemoryEventStore(null);
        volatile boolean down;

        @Override
        public CompletableFuture<Void> append(String tableId, long epoch, List<StoredEvent> events,
                List<CompletedHand> hands) {
            return down ? CompletableFuture.failedFuture(new StoreUnavailableException(new IOException("down")))
                    : log.append(tableId, epoch, events, hands);
        }

        @Override
        public List<StoredEvent> read(String tableId, long afterSeq, int limit) {
            return log.read(tableId, afterSeq, limit);
        }

        @Override
        public boolean healthy() {
            return !down;
        }
    }

    private static final class Player implements Viewer {
        final String account;
        final List<ServerMessage> got = new ArrayList<>();

        Player(String account) {
            this.account = account;
        }

        @Override
        public String accountId() {
            return account;
        }

        @Override
        public Origin origin() {
            return new Origin("n1", account.hashCode());
        }

        @Override
        public void deliver(Outbound out) {
            got.addAll(out.messages());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            got.add(new ServerMessage.Ack(requestId, tableId, seq));
        }
    }

    private final ManualScheduler clock = new ManualScheduler(START);
    private final FlakyStore store = new FlakyStore();
    private final InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
    private final List<TableEvent> events = new ArrayList<>();
    private final InMemoryAccounts accounts = new InMemoryAccounts(10_000);
    private TableActor table;
    /** Since when every player has been cut off by an outage (0: they reach the table). */
    private volatile long cutOffSince;
    private volatile long holdCap = 60_000;
    private final PlayerReach reach = new PlayerReach() {
        @Override
        public long unreachableSince(String account) {
            return cutOffSince;
        }

        @Override
        public long holdCapMs() {
            return holdCap;
        }
    };

    private void sit(String name, int seat) {
        String account = accounts.createGuest(name).id();
        table.request(new TableRequest(new Player(account), account, name,
                new ClientMessage.Sit("sit-" + name, TABLE, seat, 500L, null), System.nanoTime(), false));
    }

    private TableEvent.TurnStarted lastTurn() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof TableEvent.TurnStarted t) {
                return t;
            }
        }
        return null;
    }

    private void start() {
        fanout.subscribe(TABLE, b -> b.events().forEach(e -> events.add(e.event())));
        TableFactory factory = new TableFactory(new SeededDeckSource(7), Runnable::run, store, fanout, accounts, clock,
                new TableTiming(1_000, 600_000), new PokerMetrics(() -> 0, () -> 0, () -> 0), reach);
        table = factory.start(new TableSetup(TABLE, "clocks", 1, new TableState(TableConfig.cash(6, 5, 10)), 0,
                List.of()), new TableListener() {
                    @Override
                    public void stopped(TableActor t, String why) {
                        throw new AssertionError("stopped: " + why);
                    }

                    @Override
                    public void balanceChanged(String account) {
                    }
                });
        sit("alice", 0);
        sit("bob", 1);
        clock.advance(1_000); // the first hand starts
        assertThat(lastTurn()).isNotNull();
    }

    @Test
    void aClockRunningWhenTheTablePausedRunsOnWithTheTimeItHadLeft() {
        start();
        TableEvent.TurnStarted turn = lastTurn();
        assertThat(turn.deadline()).isEqualTo(clock.nowMillis() + 15_000);
        clock.advance(4_000); // 11 s left

        store.down = true;
        sit("carol", 2); // a write: it fails, and the table pauses
        assertThat(table.pause()).isNotNull();
        assertThat(table.pause().state()).isEqualTo("paused");
        assertThat(table.pause().sinceMs()).isEqualTo(clock.nowMillis());
        int seen = events.size();
        clock.advance(60_000); // a long outage: the clock holds, nobody is timed out
        assertThat(events).hasSize(seen);

        store.down = false;
        clock.advance(DurablePipeline.MAX_RETRY_MS); // the next attempt finds the store back
        assertThat(table.pause()).isNull();
        TableEvent.TurnStarted resumed = lastTurn();
        assertThat(resumed.seat()).isEqualTo(turn.seat());
        long resumedAt = clock.nowMillis();
        assertThat(resumed.deadline() - resumedAt).as("the 11 s the player had left, give or take the retry")
                .isBetween(11_000L - DurablePipeline.MAX_RETRY_MS, 11_000L);
        assertThat(events).noneMatch(e -> e instanceof TableEvent.TimeBankStarted || e instanceof TableEvent.PlayerTimedOut);
    }

    @Test
    void aTimeBankRunningWhenTheTablePausedIsChargedOnlyForTheTimeUsedBeforeAndAfter() {
        start();
        TableEvent.TurnStarted turn = lastTurn();
        clock.advance(15_000); // the action clock runs out: the 30 s time bank starts
        assertThat(events).anyMatch(e -> e instanceof TableEvent.TimeBankStarted);
        clock.advance(10_000); // 20 s of the bank left

        store.down = true;
        sit("carol", 2);
        clock.advance(45_000);
        store.down = false;
        clock.advance(DurablePipeline.MAX_RETRY_MS);

        TableEvent.TimeBankUsed used = (TableEvent.TimeBankUsed) events.stream()
                .filter(e -> e instanceof TableEvent.TimeBankUsed).reduce((a, b) -> b).orElseThrow();
        assertThat(used.seat()).isEqualTo(turn.seat());
        assertThat(used.millis()).as("the 10 s used before the pause").isEqualTo(10_000);
        TableEvent.TimeBankStarted bank = (TableEvent.TimeBankStarted) events.stream()
                .filter(e -> e instanceof TableEvent.TimeBankStarted).reduce((a, b) -> b).orElseThrow();
        assertThat(bank.deadline() - clock.nowMillis()).isBetween(20_000L - DurablePipeline.MAX_RETRY_MS, 20_000L);
        assertThat(events).noneMatch(e -> e instanceof TableEvent.PlayerTimedOut);
    }

    @Test
    void aClockThatRunsOutWhileThePlayerIsCutOffHoldsUntilTheyReachTheTableAgain() {
        start();
        TableEvent.TurnStarted turn = lastTurn();
        clock.advance(5_000);
        cutOffSince = clock.nowMillis(); // 10 s left when the outage began
        clock.advance(10_000 + 30_000); // the clock ran out 30 s ago: it holds, no time bank, no timeout
        assertThat(events).noneMatch(e -> e instanceof TableEvent.TimeBankStarted || e instanceof TableEvent.PlayerTimedOut);
        assertThat(lastTurn()).isEqualTo(turn);

        cutOffSince = 0; // the outage is over
        clock.advance(1_000); // checked every second
        TableEvent.TurnStarted resumed = lastTurn();
        assertThat(resumed).isNotEqualTo(turn);
        assertThat(resumed.deadline() - clock.nowMillis()).as("the 10 s the player had when the outage began")
                .isBetween(9_000L, 10_000L);
    }

    @Test
    void pastTheCapTheClockRunsOnAndTheUsualTimeoutsApply() {
        holdCap = 20_000;
        start();
        clock.advance(5_000);
        cutOffSince = clock.nowMillis();
        clock.advance(19_000); // ran out 9 s ago, within the cap: held
        assertThat(events).noneMatch(e -> e instanceof TableEvent.TimeBankStarted);
        clock.advance(1_000); // the cap: the clock runs on with the 10 s it had
        TableEvent.TurnStarted resumed = lastTurn();
        assertThat(resumed.deadline() - clock.nowMillis()).isBetween(9_000L, 10_000L);
        clock.advance(10_000); // then the normal rules: the time bank, then the timeout
        assertThat(events).anyMatch(e -> e instanceof TableEvent.TimeBankStarted);
        clock.advance(30_000);
        assertThat(events).anyMatch(e -> e instanceof TableEvent.PlayerTimedOut);
    }
}
