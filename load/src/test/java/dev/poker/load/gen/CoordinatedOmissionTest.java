package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission: a stall must weigh in the latency figures as much as the operations it delayed,
 * not as one slow sample among many fast ones.
 */
class CoordinatedOmissionTest {
    private static final long MS = 1_000_000;

    @Test
    void theExpectedIntervalFillsInTheOperationsAStallHeldBack() {
        LatencyChannel corrected = new LatencyChannel();
        LatencyChannel naive = new LatencyChannel();
        // one operation every 10 ms; 99 answer in 1 ms, then one stalls for 1 s
        for (int i = 0; i < 99; i++) {
            corrected.recordWithExpectedInterval(MS, 10 * MS);
            naive.recordNanos(MS);
        }
        corrected.recordWithExpectedInterval(1000 * MS, 10 * MS);
        naive.recordNanos(1000 * MS);
        Histogram c = corrected.tick();
        Histogram n = naive.tick();
        assertThat(n.getTotalCount()).isEqualTo(100);
        assertThat(n.getValueAtPercentile(90)).isEqualTo(1000); // 1 ms: the stall is invisible below p99.1
        // the 99 operations that should have run during the stall are added (990 ms, 980 ms, ... 10 ms)
        assertThat(c.getTotalCount()).isEqualTo(199);
        assertThat(c.getValueAtPercentile(90) / 1000.0).isGreaterThan(700);
        assertThat(corrected.total().getTotalCount()).isEqualTo(199);
    }

    @Test
    void anActionIsTimedFromWhenItWasMeantToBeSent() {
        TrafficTap tap = new TrafficTap();
        URI node = URI.create("ws://n/ws");
        TrafficTap.Conn a = tap.newConn(new TrafficTap.PlayerTap(0, List.of(node)), node);
        tap.opened(a, 0);
        tap.received(a, "{\"type\":\"snapshot\",\"table\":\"T\",\"seq\":1}", 0, 0);
        // ten decisions; each prompt at t, think 100 ms; the generator stalls 500 ms before the fifth send
        long t = 0;
        for (int i = 0; i < 10; i++) {
            long stall = i == 4 ? 500 * MS : 0;
            tap.received(a, "{\"type\":\"your_turn\",\"table\":\"T\",\"hand\":1,\"seat\":0}", t, 100 * MS);
            long send = t + 100 * MS + stall;
            tap.sent(a, "{\"type\":\"act\",\"table\":\"T\",\"hand\":1,\"action\":\"check\",\"actionId\":\"a" + i + "\"}",
                    send);
            tap.received(a, "{\"type\":\"event\",\"table\":\"T\",\"seq\":" + (2 + i) + ",\"hand\":1,\"event\":{\"kind\":"
                    + "\"action\",\"seat\":0,\"auto\":false}}", send + 2 * MS, 0);
            t = send + 2 * MS;
        }
        Histogram corrected = tap.corrected.tick();
        Histogram raw = tap.raw.tick();
        assertThat(raw.getMaxValue() / 1000.0).isCloseTo(2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(corrected.getMaxValue() / 1000.0).isCloseTo(502, org.assertj.core.data.Offset.offset(0.5));
        assertThat(corrected.getTotalCount()).isEqualTo(10);
    }

    @Test
    void theStormArrivalScheduleIsOpenLoopAndEven() {
        Duration within = Duration.ofSeconds(5);
        assertThat(StormScenario.slotNanos(0, 1000, within)).isZero();
        assertThat(StormScenario.slotNanos(500, 1000, within)).isEqualTo(2_500 * MS);
        assertThat(StormScenario.slotNanos(999, 1000, within)).isLessThan(5_000 * MS);
        assertThat(StormScenario.slotNanos(0, 1, within)).isZero();
        long prev = -1;
        for (int i = 0; i < 1000; i++) {
            long s = StormScenario.slotNanos(i, 1000, within);
            assertThat(s).isGreaterThan(prev);
            prev = s;
        }
    }
}
