package dev.poker.server.store;

import static dev.poker.server.store.schema.Tables.TABLE_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Record2;

/**
 * Two writers race for one table: the old owner keeps appending while a new owner takes the table
 * over. The database itself refuses the old owner's writes once the epoch moved; the log stays
 * gapless, and no row of the old epoch follows a row of the new one.
 */
public abstract class FencingScenarios {

    protected abstract Map<String, String> database();

    private static StoredEvent event(long seq) {
        return new StoredEvent(seq, 0, seq, new TableEvent.PlayerSatOut(0, dev.poker.engine.SitOutReason.REQUESTED));
    }

    protected void aStaleWriterIsRefusedByTheDatabase() throws Exception {
        Map<String, String> settings = database();
        try (Database dbA = TestDatabases.open(settings); Database dbB = TestDatabases.open(settings)) {
            JdbcEventStore a = new JdbcEventStore(dbA, 1, new SimpleMeterRegistry());
            JdbcEventStore b = new JdbcEventStore(dbB, 1, new SimpleMeterRegistry());
            JdbcTableCatalog catalogA = new JdbcTableCatalog(dbA);
            JdbcTableCatalog catalogB = new JdbcTableCatalog(dbB);
            catalogA.register("race", "race", TableConfig.cash(2, 1, 2), "node-a", 1);

            AtomicLong lastA = new AtomicLong();
            AtomicBoolean fenced = new AtomicBoolean();
            AtomicInteger refusedAfterFence = new AtomicInteger();
            CountDownLatch someWritten = new CountDownLatch(20);
            Thread oldOwner = new Thread(() -> {
                long seq = 0;
                while (!fenced.get() || refusedAfterFence.get() < 3) {
                    try {
                        a.append("race", 1, List.of(event(seq + 1), event(seq + 2)), List.of()).join();
                        seq += 2;
                        lastA.set(seq);
                        someWritten.countDown();
                        assertThat(fenced.get()).as("no write of the old epoch succeeds after the takeover").isFalse();
                    } catch (CompletionException e) {
                        if (e.getCause() instanceof FencedException) {
                            fenced.set(true);
                            refusedAfterFence.incrementAndGet();
                        } else {
                            throw e;
                        }
                    }
                }
            });
            oldOwner.start();
            someWritten.await();
            long epoch = catalogB.takeOver("race", "node-b", 0);
            assertThat(epoch).isEqualTo(2);
            // the new owner reads what is durable and goes on from there
            List<StoredEvent> log = b.read("race", 0, 1_000_000);
            long next = log.get(log.size() - 1).seq() + 1;
            oldOwner.join(10_000);
            assertThat(fenced.get()).isTrue();
            b.append("race", 2, List.of(event(next), event(next + 1)), List.of()).join();

            List<Long> seqs = new ArrayList<>();
            long epochSeen = 0;
            for (Record2<Long, Long> r : dbB.dsl().select(TABLE_EVENTS.SEQ, TABLE_EVENTS.EPOCH).from(TABLE_EVENTS)
                    .where(TABLE_EVENTS.TABLE_ID.eq("race")).orderBy(TABLE_EVENTS.SEQ).fetch()) {
                seqs.add(r.value1());
                long e = r.value2();
                assertThat(e).as("epochs never go back along the log").isGreaterThanOrEqualTo(epochSeen);
                epochSeen = e;
            }
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
            assertThat(seqs).hasSize((int) next + 1);
            assertThat(epochSeen).isEqualTo(2);
            // a retry of a batch that was in fact committed is recognised, not written twice
            b.append("race", 2, List.of(event(next), event(next + 1)), List.of()).join();
            assertThat(b.read("race", 0, 1_000_000)).hasSize(seqs.size());
            a.close();
            b.close();
        }
    }
}
