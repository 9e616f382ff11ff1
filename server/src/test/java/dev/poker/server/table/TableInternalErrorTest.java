package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableConfig;
import dev.poker.engine.TableState;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.ManualScheduler;
import dev.poker.server.account.Account;
import dev.poker.server.account.Accounts;
import dev.poker.server.account.InMemoryAccounts;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.store.InMemoryEventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A bug inside a table (here: a part that throws while handling a request) answers {@code INTERNAL_ERROR}
 * with the catalogue's flag, counts it, and stops that copy of the table, which the node hears about;
 * later requests get {@code TABLE_CLOSED}.
 */
class TableInternalErrorTest {

    /** Accounts whose reservation path is broken: a stand-in for any bug in a request's handling. */
    private static final class BrokenAccounts implements Accounts {
        private final InMemoryAccounts real = new InMemoryAccounts(10_000);

        @Override
        public Account createGuest(String name) {
            return real.createGuest(name);
        }

        @Override
        public Optional<Account> find(String accountId) {
            return real.find(accountId);
        }

        @Override
        public CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref) {
            throw new IllegalStateException("a bug in the reservation path");
        }

        @Override
        public CompletableFuture<Void> release(String accountId, long amount, String tableId, String ref) {
            return real.release(accountId, amount, tableId, ref);
        }

        @Override
        public long chipsIssued() {
            return real.chipsIssued();
        }

        @Override
        public long totalBalances() {
            return real.totalBalances();
        }
    }

    private static final class Requester implements Viewer {
        final List<ServerMessage> got = new ArrayList<>();

        @Override
        public String accountId() {
            return "alice";
        }

        @Override
        public Origin origin() {
            return new Origin("n1", 1);
        }

        @Override
        public void deliver(Outbound out) {
            got.addAll(out.messages());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            throw new AssertionError("nothing is accepted here");
        }
    }

    @Test
    void aBugAnswersInternalErrorAndStopsTheTable() {
        PokerMetrics metrics = new PokerMetrics(() -> 0, () -> 0, () -> 0);
        List<String> stopped = new ArrayList<>();
        TableListener listener = new TableListener() {
            @Override
            public void stopped(TableActor table, String why) {
                stopped.add(why);
            }

            @Override
            public void balanceChanged(String account) {
            }
        };
        TableFactory factory = new TableFactory(new SeededDeckSource(1), Runnable::run, new InMemoryEventStore(null),
                new InProcessFanout<>(), new BrokenAccounts(), new ManualScheduler(0), new TableTiming(2_000, 60_000),
                metrics);
        TableConfig config = TableConfig.cash(6, 5, 10).withBuyIn(100, 1_000);
        TableActor table = factory.start(new TableSetup("t000000000001", "bugs", 1, new TableState(config), 0,
                List.of()), listener);
        Requester alice = new Requester();

        table.request(new TableRequest(alice, "alice", "Alice",
                new ClientMessage.Sit("s1", "t000000000001", 0, 500L, null), System.nanoTime(), true));

        assertThat(alice.got).hasSize(1);
        ServerMessage.Error error = (ServerMessage.Error) alice.got.get(0);
        assertThat(error.code()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.id()).isEqualTo("s1");
        assertThat(error.retryable()).isEqualTo(ErrorCode.INTERNAL_ERROR.retryable());
        assertThat(stopped).containsExactly("internal error");
        assertThat(table.isStopped()).isTrue();
        assertThat(metrics.scrape()).contains("poker_errors_total{code=\"INTERNAL_ERROR\"} 1.0");

        table.request(new TableRequest(alice, "alice", "Alice",
                new ClientMessage.SitOut("s2", "t000000000001"), System.nanoTime(), true));
        assertThat(((ServerMessage.Error) alice.got.get(1)).code()).isEqualTo("TABLE_CLOSED");
    }
}
