package dev.poker.server.table;

import static dev.poker.server.table.ActorFuzzWorld.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A write whose commit succeeded but whose answer was lost (the connection dropped at commit) is
 * written again by the table; {@code JdbcEventStore} answers such a retry as a success only when the
 * whole range is already in the log. But {@code DurablePipeline.retry} merges the failed batch with the
 * batches accepted while it was in flight, so the retry starts at a sequence number the log already has
 * and ends after it: the store refuses it as out of sequence (not as fenced), the table takes that for an
 * outage and retries the same merged batch for ever, paused. Found while extending the actor fuzz's
 * scripted store with lost commits. Fixed in {@code DurablePipeline.retry}: it writes exactly the failed
 * write again, which the store answers as a success, and the batches accepted meanwhile follow.
 */
class LostCommitRetryTest {

    @Test
    void aTableWhoseCommitAnswerWasLostResumesWithTheBatchesAcceptedMeanwhile() {
        ActorFuzzWorld w = new ActorFuzzWorld(1, UnaryOperator.identity());
        long buyIn = w.config.minBuyIn();
        assertThat(w.bank.find(w.connections.get(1).accountId()).orElseThrow().balance()).isGreaterThanOrEqualTo(buyIn);
        for (int seat = 0; seat < 2; seat++) {
            FuzzViewer p = w.connections.get(seat);
            w.actor.request(new TableRequest(p, p.accountId(), p.toString(),
                    new ClientMessage.Sit("r" + seat, TABLE, seat, buyIn, false), 1, false));
            w.settle();
            w.accounts.settle(w.accounts.pending().get(0));
            w.settle();
        }
        // seq 1 (the first seat) is being written; seq 2 (the second) waits for it
        assertThat(w.store.pending()).hasSize(1);
        w.store.commitAndLoseTheAnswer(w.store.pending().get(0));
        w.settle();
        assertThat(w.store.durableSeq(TABLE)).isEqualTo(1);

        for (int i = 0; i < 10 && w.store.durableSeq(TABLE) < 2; i++) {
            w.clock.advance(5_000); // the retry back-off
            w.settle();
            w.store.pending().forEach(w.store::makeDurable); // the store is fine now
            w.settle();
        }
        assertThat(w.store.durableSeq(TABLE)).as("the second seat is durable once the store answers again")
                .isGreaterThanOrEqualTo(2);
    }
}
