package dev.poker.server.table;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.poker.server.store.EventStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.slf4j.LoggerFactory;

/**
 * A fuzz test of one {@link TableActor}, as the engine's {@code TableActionChainProperties} is of the
 * rules: from a seed, random client requests from several players, random timer firings through a
 * {@link dev.poker.server.ManualScheduler}, and a {@link ScriptedEventStore} that answers late, in any
 * order relative to everything else, fails (the table pauses and retries) or fences (the table stops;
 * another copy takes it over from the durable log at the next epoch), with reservations the accounts
 * answer late or fail. The actor's mailbox runs on a {@link QueueExecutor}, so everything happens on
 * the test's thread and a run is reproducible from its seed. {@link ActorInvariants} are checked
 * whenever something becomes visible and after every step: chips conserved, no negative stack, every
 * ack's events durable and published once and in order, nothing seen before it is durable, no other
 * player's hole cards, and the live state equal to {@code rebuild(log)} whenever nothing is in flight.
 * An error logged by the table's classes (a task that threw, an engine failure) fails the run too.
 *
 * <p>How it was shown to fail: {@link #theFuzzCatchesAStoreThatAcksBeforeItIsDurable} runs the same
 * runs against {@link WriteBehindEventStore}, which reports every append as done at once and makes it
 * durable only later; the checks report events seen before they were durable for most seeds (and the
 * test fails if they did not). Breaking the actor itself, by hand and undone after (not in any test):
 * publishing each batch in {@code DurablePipeline.submit} before the store answers is reported ("event
 * seq 1 was published before it was durable", shrunk to 2 steps); so are ignoring the remembered
 * answers of action ids in {@code RequestIntake.act} ("action id ... got two answers"), not giving a
 * buy-in back when its command is refused ("chips were reserved for buy-ins that are neither durable at
 * the table nor given back") and dropping a failed batch on retry ("wrote seqs 2.. where the log
 * expects 1"). 3,000 further seeds of 250 steps found nothing else in the actor; the fuzz found the
 * double ack pinned by {@link LocalViewersDoubleAckTest} (fixed), and giving its store lost commits
 * (answered as {@code JdbcEventStore} does) showed the stuck retry pinned by {@link LostCommitRetryTest}
 * (fixed: a retry writes exactly the failed write again); lost commits are now among the random steps
 * ({@link ScriptedEventStore#commitAndLoseTheAnswer}).
 */
class TableActorFuzzProperties {

    @Property(tries = 200)
    void theTableKeepsItsPromisesWhateverClientsTimersAndTheStoreDo(@ForAll long seed,
            @ForAll @IntRange(min = 30, max = 200) int steps) {
        ActorFuzzWorld end = run(seed, steps, UnaryOperator.identity());
        Statistics.label("hands completed").collect(bucket(end.live.handsCompleted()));
        Statistics.label("acks").collect(bucket(end.invariants.acks));
        Statistics.label("store outages").collect(end.outages == 0 ? "0" : "some");
        Statistics.label("fenced").collect(end.fences > 0);
        Statistics.label("handed over").collect(end.handedOff > 0);
        Statistics.label("durable events, in tens").collect(bucket(end.store.durableSeq(ActorFuzzWorld.TABLE) / 10));
    }

    @Example
    void theFuzzCatchesAStoreThatAcksBeforeItIsDurable() {
        List<String> caught = new ArrayList<>();
        int seeds = 10;
        for (long seed = 1; seed <= seeds; seed++) {
            try {
                run(seed, 150, WriteBehindEventStore::new);
            } catch (AssertionError e) {
                caught.add(e.getMessage());
            }
        }
        assertThat(caught).as("runs against a store that acks before it is durable that fail").hasSizeGreaterThan(
                seeds / 2);
        assertThat(caught).allSatisfy(m -> assertThat(m).contains("before it was durable"));
    }

    /** One run: {@code steps} random steps from {@code seed}, the checks after each; the world at the end. */
    static ActorFuzzWorld run(long seed, int steps, UnaryOperator<EventStore> storeWrapper) {
        Logger tableLogs = (Logger) LoggerFactory.getLogger(TableActor.class.getPackageName());
        Level level = tableLogs.getLevel();
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        errors.start();
        tableLogs.addAppender(errors);
        tableLogs.setLevel(Level.ERROR); // the store's scripted outages and fences warn on every run
        ArrayDeque<String> trace = new ArrayDeque<>();
        try {
            ActorFuzzWorld world = new ActorFuzzWorld(seed, storeWrapper);
            FuzzSteps random = new FuzzSteps(world);
            world.settle();
            for (int i = 1; i <= steps; i++) {
                String did = random.step();
                trace.add(i + ": " + did);
                if (trace.size() > 25) {
                    trace.poll();
                }
                for (ILoggingEvent e : errors.list) {
                    world.violations.add("logged an error: " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
                }
                world.invariants.afterStep();
            }
            world.invariants.atEnd();
            return world;
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nseed " + seed + ", the last steps:\n"
                    + String.join("\n", trace), e);
        } finally {
            tableLogs.detachAppender(errors);
            tableLogs.setLevel(level);
        }
    }

    private static String bucket(long n) {
        return n == 0 ? "0" : n < 3 ? "1-2" : n < 10 ? "3-9" : "10+";
    }
}
