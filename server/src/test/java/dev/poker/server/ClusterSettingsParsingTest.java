package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster settings: defaults, flags over environment, and clear refusals. */
class ClusterSettingsParsingTest {

    @Test
    void withoutRedisTheNodeIsStandalone() {
        NodeConfig c = NodeConfigParser.parse(new String[] {"--port", "9000", "--host", "10.0.0.7"}, Map.of());
        assertThat(c.clustered()).isFalse();
        assertThat(c.cluster().advertiseAddress()).isEqualTo("10.0.0.7:9000");
        assertThat(c.cluster().leaseTtlMs()).isEqualTo(2_000);
        assertThat(c.cluster().adminToken()).isEmpty();
    }

    @Test
    void redisAndTheRestFromEnvironmentAndFlags() {
        NodeConfig c = NodeConfigParser.parse(new String[] {"--lease-ttl-ms", "3000", "--admin-token",
                "0123456789abcdef"}, Map.of("POKER_REDIS_URL", "redis://10.0.0.5:6379", "POKER_ADVERTISE_ADDRESS",
                "node-a.internal:8080", "POKER_DRAIN_DEADLINE_MS", "5000", "POKER_FORWARD_TIMEOUT_MS", "1500"));
        assertThat(c.clustered()).isTrue();
        assertThat(c.cluster()).isEqualTo(new ClusterSettings("redis://10.0.0.5:6379", "node-a.internal:8080", 3_000,
                2_000, 1_500, 5_000, "0123456789abcdef"));
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> NodeConfigParser.parse(new String[0], Map.of("POKER_REDIS_URL", "10.0.0.5:6379")))
                .hasMessageContaining("POKER_REDIS_URL");
        assertThatThrownBy(() -> NodeConfigParser.parse(new String[0], Map.of("POKER_LEASE_TTL_MS", "100")))
                .hasMessageContaining("POKER_LEASE_TTL_MS");
        assertThatThrownBy(() -> NodeConfigParser.parse(new String[0], Map.of("POKER_ADMIN_TOKEN", "short")))
                .hasMessageContaining("POKER_ADMIN_TOKEN");
    }

    @Test
    void aClusterNodeNeedsPostgresAndASharedSecret() {
        NodeConfig noDb = NodeConfigParser.parse(new String[0], Map.of("POKER_REDIS_URL", "redis://127.0.0.1:1",
                "POKER_TOKEN_SECRET", "0123456789abcdef0123"));
        assertThatThrownBy(() -> NodeParts.cluster(noDb, null, null)).hasMessageContaining("PostgreSQL");
        NodeConfig noSecret = NodeConfigParser.parse(new String[0], Map.of("POKER_REDIS_URL", "redis://127.0.0.1:1",
                "POKER_DB_URL", "jdbc:postgresql://127.0.0.1:1/x"));
        assertThatThrownBy(() -> NodeParts.cluster(noSecret, null, null)).hasMessageContaining("POKER_TOKEN_SECRET");
    }
}
