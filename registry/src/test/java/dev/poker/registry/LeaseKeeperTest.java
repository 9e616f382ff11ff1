package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keeper's schedule and reporting, against a scripted lease book (no Redis, no thread). */
class LeaseKeeperTest {
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final Duration C = Duration.ofMillis(500);
    private static final long MS = 1_000_000;

    /** A lease book whose renewals fail or report losses as the test says. */
    private static final class ScriptedLeases implements LeaseKeeper.Leases {
        volatile int renewCalls;
        boolean unreachable;
        Set<String> lostOnNextRenew = new HashSet<>();
        Set<String> overdue = new HashSet<>();
        long lastMargin = -1;

        @Override
        public Set<String> renewAll(String nodeId) {
            renewCalls++;
            if (unreachable) {
                throw new RegistryUnavailableException("renewal", null);
            }
            Set<String> out = lostOnNextRenew;
            lostOnNextRenew = new HashSet<>();
            return out;
        }

        @Override
        public Set<String> dropOverdue(String nodeId, long marginNanos) {
            lastMargin = marginNanos;
            Set<String> out = overdue;
            overdue = new HashSet<>();
            return out;
        }
    }

    private final ScriptedLeases leases = new ScriptedLeases();
    private final List<String> lost = new ArrayList<>();

    private LeaseKeeper keeper() {
        return new LeaseKeeper(leases, TTL, C, "n1", Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(100), lost::add);
    }

    @Test
    void renewsOncePerIntervalAndReportsLostLeases() {
        LeaseKeeper k = keeper();
        long t0 = 0; // nextRenewAt starts at 0 when the keeper is not started: the first tick renews
        k.runOnce(t0);
        assertThat(leases.renewCalls).isEqualTo(1);
        k.runOnce(t0 + 1_000 * MS);
        assertThat(leases.renewCalls).isEqualTo(1);
        leases.lostOnNextRenew = Set.of("t1");
        k.runOnce(t0 + 2_000 * MS);
        assertThat(leases.renewCalls).isEqualTo(2);
        assertThat(lost).containsExactly("t1");
        assertThat(leases.lastMargin).isEqualTo(2_000 * MS);
    }

    @Test
    void retriesEveryTickWhileRedisIsUnreachableAndReportsOverdueLeases() {
        LeaseKeeper k = keeper();
        leases.unreachable = true;
        k.runOnce(0);
        k.runOnce(100 * MS);
        k.runOnce(200 * MS);
        assertThat(leases.renewCalls).isEqualTo(3);
        assertThat(k.renewing()).isFalse();
        assertThat(lost).isEmpty();
        leases.overdue = Set.of("t1", "t2");
        k.runOnce(300 * MS);
        assertThat(lost).containsExactlyInAnyOrder("t1", "t2");
        leases.unreachable = false;
        k.runOnce(400 * MS);
        assertThat(k.renewing()).isTrue();
        assertThat(leases.renewCalls).isEqualTo(5);
        k.runOnce(500 * MS); // back to the normal interval
        assertThat(leases.renewCalls).isEqualTo(5);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> seen = new ArrayList<>();
        LeaseKeeper k = new LeaseKeeper(leases, TTL, C, "n1", Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(100), t -> {
                    seen.add(t);
                    throw new IllegalStateException("boom");
                });
        leases.overdue = Set.of("a", "b");
        k.runOnce(0);
        assertThat(seen).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void rejectsTimingsThatCannotStopInTime() {
        // margin must exceed tick + command timeout
        assertThatThrownBy(() -> new LeaseKeeper(leases, TTL, C, "n1", Duration.ofSeconds(1), Duration.ofMillis(550),
                Duration.ofMillis(100), lost::add)).isInstanceOf(IllegalArgumentException.class);
        // a healthy node must renew before its own deadline
        assertThatThrownBy(() -> new LeaseKeeper(leases, TTL, C, "n1", Duration.ofMillis(3500), Duration.ofSeconds(2),
                Duration.ofMillis(100), lost::add)).isInstanceOf(IllegalArgumentException.class);
        new LeaseKeeper(leases, TTL, C, "n1", Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100),
                lost::add).close();
    }

    @Test
    void startsAndStopsItsThread() throws InterruptedException {
        LeaseKeeper k = new LeaseKeeper(leases, TTL, C, "n1", Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(10), lost::add).start();
        long deadline = System.nanoTime() + 3_000 * MS;
        while (leasesRenewCalls() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        k.close();
        assertThat(leasesRenewCalls()).isGreaterThanOrEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("poker-lease-keeper-n1"));
    }

    private synchronized int leasesRenewCalls() {
        return leases.renewCalls;
    }
}
