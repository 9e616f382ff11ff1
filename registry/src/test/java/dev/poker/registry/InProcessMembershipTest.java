package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InProcessMembershipTest {

    @Test
    void nodesLiveForTheTtlAfterTheirLastHeartbeat() {
        AtomicLong now = new AtomicLong(1_000);
        InProcessMembership m = new InProcessMembership(Duration.ofNanos(100), now::get);
        m.heartbeat(new NodeInfo("b", "b:1", 1, 0, false, Instant.EPOCH));
        m.heartbeat(new NodeInfo("a", "a:1", 2, 0, false, Instant.EPOCH));
        assertThat(m.live()).extracting(NodeInfo::nodeId).containsExactly("a", "b");
        now.addAndGet(60);
        m.heartbeat(new NodeInfo("a", "a:1", 3, 0, false, Instant.EPOCH));
        now.addAndGet(40); // b's heartbeat is 100 old: dead; a's is 40 old
        assertThat(m.isLive("b")).isFalse();
        assertThat(m.isLive("a")).isTrue();
        assertThat(m.live()).singleElement().satisfies(n -> assertThat(n.tables()).isEqualTo(3));
        m.leave("a");
        assertThat(m.live()).isEmpty();
        assertThat(m.isLive("a")).isFalse();
    }
}
