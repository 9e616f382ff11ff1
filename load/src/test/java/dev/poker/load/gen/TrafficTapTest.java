package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The tap's fan-out correlation, driven with frames and explicit times (milliseconds here, as nanoseconds).
 */
class TrafficTapTest {
    private static final long MS = 1_000_000;
    private static final URI NODE = URI.create("ws://node/ws");

    private final TrafficTap tap = new TrafficTap();

    private TrafficTap.Conn player(int i) {
        TrafficTap.PlayerTap p = new TrafficTap.PlayerTap(i, List.of(NODE));
        TrafficTap.Conn c = tap.newConn(p, NODE);
        tap.opened(c, 0);
        return c;
    }

    private void join(TrafficTap.Conn c, long seq) {
        tap.received(c, "{\"type\":\"snapshot\",\"table\":\"T\",\"seq\":" + seq + ",\"view\":{\"id\":\"T\"}}", 0, 0);
    }

    private static String yourTurn(long hand, int seat) {
        return "{\"type\":\"your_turn\",\"table\":\"T\",\"hand\":" + hand + ",\"seat\":" + seat
                + ",\"actions\":[\"fold\",\"call\"],\"callAmount\":2,\"minTo\":4,\"maxTo\":200,\"deadline\":1,\"timeBankMs\":0}";
    }

    private static String act(long hand, String id) {
        return "{\"type\":\"act\",\"id\":\"9\",\"table\":\"T\",\"hand\":" + hand + ",\"action\":\"call\",\"actionId\":\""
                + id + "\"}";
    }

    private static String action(long seq, long hand, int seat, boolean auto) {
        return "{\"type\":\"event\",\"table\":\"T\",\"seq\":" + seq + ",\"hand\":" + hand
                + ",\"event\":{\"kind\":\"action\",\"seat\":" + seat + ",\"action\":\"call\",\"added\":2,\"betTo\":2,"
                + "\"allIn\":false,\"auto\":" + auto + "}}";
    }

    private static Histogram total(LatencyChannel ch) {
        ch.tick();
        return ch.total();
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeUntilTheLastPlayerHasTheEvent() {
        TrafficTap.Conn a = player(0);
        TrafficTap.Conn b = player(1);
        TrafficTap.Conn c = player(2);
        join(a, 5);
        join(b, 5);
        join(c, 5);

        // a is asked at t=100 ms and means to think 1000 ms: it should send at 1100 ms...
        tap.received(a, yourTurn(1, 0), 100 * MS, 1000 * MS);
        // ...but the generator is late and sends at 1300 ms
        tap.sent(a, act(1, "x1"), 1300 * MS);
        tap.received(b, action(6, 1, 0, false), 1310 * MS, 0);
        tap.received(a, action(6, 1, 0, false), 1320 * MS, 0);
        assertThat(tap.actionsCompleted.sum()).isZero(); // c has not got it yet
        tap.received(c, action(6, 1, 0, false), 1350 * MS, 0);

        assertThat(tap.actionsCompleted.sum()).isEqualTo(1);
        Histogram corrected = total(tap.corrected);
        Histogram raw = total(tap.raw);
        // corrected: 1350 - 1100 (the generator's 200 ms lateness counts); raw: 1350 - 1300
        assertThat(corrected.getMaxValue() / 1000.0).isCloseTo(250, org.assertj.core.data.Offset.offset(0.5));
        assertThat(raw.getMaxValue() / 1000.0).isCloseTo(50, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aPlayerWhoLeavesOrWhoseConnectionDropsIsNotWaitedFor() {
        TrafficTap.Conn a = player(0);
        TrafficTap.Conn b = player(1);
        TrafficTap.Conn c = player(2);
        join(a, 1);
        join(b, 1);
        join(c, 1);
        tap.received(a, yourTurn(1, 0), 0, 0);
        tap.sent(a, act(1, "x"), 0);
        tap.received(a, action(2, 1, 0, false), 10 * MS, 0);
        tap.sent(b, "{\"type\":\"unwatch\",\"id\":\"3\",\"table\":\"T\"}", 11 * MS);
        assertThat(tap.actionsCompleted.sum()).isZero();
        tap.closed(c, 20 * MS);
        assertThat(tap.actionsCompleted.sum()).isEqualTo(1);
        assertThat(total(tap.corrected).getMaxValue() / 1000.0).isCloseTo(10, org.assertj.core.data.Offset.offset(0.1));
        assertThat(tap.connectionsOpen()).isEqualTo(2);
    }

    @Test
    void aWatcherThatJoinedAfterTheEventIsNotExpectedToReceiveIt() {
        TrafficTap.Conn a = player(0);
        TrafficTap.Conn late = player(1);
        join(a, 1);
        tap.received(a, yourTurn(1, 0), 0, 0);
        tap.sent(a, act(1, "x"), 0);
        join(late, 2); // its snapshot already includes seq 2
        tap.received(a, action(2, 1, 0, false), 5 * MS, 0);
        assertThat(tap.actionsCompleted.sum()).isEqualTo(1);
    }

    @Test
    void clockActionsAreCountedButNotMeasured_andStragglersTimeOut() {
        TrafficTap.Conn a = player(0);
        TrafficTap.Conn b = player(1);
        join(a, 1);
        join(b, 1);
        tap.received(a, action(2, 1, 0, true), 0, 0);
        tap.received(b, action(2, 1, 0, true), 0, 0);
        assertThat(tap.autoActions.sum()).isEqualTo(1);
        assertThat(tap.actionsCompleted.sum()).isZero();

        tap.received(a, yourTurn(1, 0), 100 * MS, 0);
        tap.sent(a, act(1, "y"), 100 * MS);
        tap.received(a, action(3, 1, 0, false), 110 * MS, 0); // b never gets it
        tap.sweep(110 * MS + TrafficTap.FANOUT_TIMEOUT_NANOS - 1);
        assertThat(tap.undelivered.sum()).isZero();
        tap.sweep(110 * MS + TrafficTap.FANOUT_TIMEOUT_NANOS + MS);
        assertThat(tap.undelivered.sum()).isEqualTo(1);
        assertThat(tap.actionsCompleted.sum()).isEqualTo(1);
        // the undelivered action is recorded at its age when given up (a lower bound)
        assertThat(total(tap.corrected).getMaxValue()).isGreaterThanOrEqualTo(5_000_000L - 1000);
    }

    @Test
    void aRetryKeepsTheFirstTimesAndALateCopyIsIgnored() {
        TrafficTap.Conn a = player(0);
        TrafficTap.Conn b = player(1);
        join(a, 1);
        join(b, 1);
        tap.received(a, yourTurn(4, 3), 0, 0);
        tap.sent(a, act(4, "r"), 0);
        tap.sent(a, act(4, "r"), 50 * MS); // the same decision again (no answer came)
        tap.received(a, action(2, 4, 3, false), 60 * MS, 0);
        tap.received(b, action(2, 4, 3, false), 70 * MS, 0);
        tap.received(b, action(2, 4, 3, false), 90 * MS, 0); // a replayed copy
        assertThat(tap.actionsCompleted.sum()).isEqualTo(1);
        Histogram raw = total(tap.raw);
        assertThat(raw.getTotalCount()).isEqualTo(1);
        assertThat(raw.getMaxValue() / 1000.0).isCloseTo(70, org.assertj.core.data.Offset.offset(0.1));
        assertThat(tap.actsSent.sum()).isEqualTo(2);
    }

    @Test
    void errorsAreCountedByCode() {
        TrafficTap.Conn a = player(0);
        tap.received(a, "{\"type\":\"error\",\"id\":\"2\",\"code\":\"NOT_YOUR_TURN\",\"message\":\"x\",\"retryable\":false}",
                0, 0);
        tap.received(a, "{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"x\",\"retryable\":true}", 0, 0);
        tap.received(a, "{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"x\",\"retryable\":true}", 0, 0);
        assertThat(tap.serverErrors()).containsEntry("NOT_YOUR_TURN", 1L).containsEntry("RATE_LIMITED", 2L);
        assertThat(tap.serverErrorCount()).isEqualTo(3);
    }

    @Test
    void failoverTimesAreSplitAtTheMark() {
        TrafficTap.PlayerTap p = new TrafficTap.PlayerTap(0, List.of(NODE));
        TrafficTap.Conn first = tap.newConn(p, NODE);
        tap.opened(first, 0);
        tap.received(first, "{\"type\":\"welcome\",\"id\":\"1\",\"account\":\"acc\",\"name\":\"n\",\"balance\":1,"
                + "\"token\":\"t\"}", 0, 0);
        join(first, 1);
        tap.received(first, action(2, 1, 1, false), 1000 * MS, 0);
        tap.mark(2000 * MS);
        tap.received(first, action(3, 1, 2, false), 2001 * MS, 0); // already on its way: does not count
        tap.closed(first, 2010 * MS);
        TrafficTap.Conn second = tap.newConn(p, NODE);
        tap.opened(second, 5000 * MS);
        tap.received(second, "{\"type\":\"welcome\",\"id\":\"1\",\"account\":\"acc\",\"name\":\"n\",\"balance\":1,"
                + "\"token\":\"t2\"}", 5100 * MS, 0);
        tap.received(second, "{\"type\":\"snapshot\",\"table\":\"T\",\"seq\":3,\"view\":{\"id\":\"T\"}}", 5200 * MS, 0);
        tap.received(second, action(4, 2, 1, false), 7000 * MS, 0);

        List<TrafficTap.TableFailover> tables = tap.tableFailovers();
        assertThat(tables).hasSize(1);
        TrafficTap.TableFailover t = tables.get(0);
        assertThat(t.interrupted()).isTrue();
        assertThat(t.lastBeforeNanos()).isEqualTo(1000 * MS);
        assertThat(t.firstAfterNanos()).isEqualTo(7000 * MS);

        List<TrafficTap.Outage> outages = tap.outages(List.of(p));
        assertThat(outages).hasSize(1);
        assertThat(outages.get(0).start).isEqualTo(2010 * MS);
        assertThat(outages.get(0).reconnected).isEqualTo(5100 * MS);
        assertThat(outages.get(0).resumed).isEqualTo(5200 * MS);
    }

    @Test
    void aPlayerMovesToTheNextNodeAfterAFailedConnect() {
        URI a = URI.create("ws://a/ws");
        URI b = URI.create("ws://b/ws");
        TrafficTap.PlayerTap p = new TrafficTap.PlayerTap(1, List.of(a, b));
        assertThat(p.pick()).isEqualTo(b);
        tap.connectFailed(tap.newConn(p, b), 0);
        assertThat(p.pick()).isEqualTo(a);
        assertThat(tap.connectFailures.sum()).isEqualTo(1);
        assertThat(tap.connectAttempts.sum()).isEqualTo(1);
    }
}
