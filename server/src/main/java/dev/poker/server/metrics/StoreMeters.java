package dev.poker.server.metrics;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;

/**
 * The meters of the node's stores through their own Micrometer integrations: Lettuce's command latency
 * ({@code lettuce_command_completion_seconds} and {@code lettuce_command_firstresponse_seconds}, histograms by
 * {@code command}). HikariCP's pool metrics ({@code hikaricp_connections_*}) are bound by
 * {@code Database#meterWith}.
 *
 * <p>Concurrency: stateless.
 */
public final class StoreMeters {
    private StoreMeters() {}

    /** The commands of a connection's handshake: not measured, so no meter is built within the connect timeout. */
    static final Set<ProtocolKeyword> HANDSHAKE = Set.of(CommandType.HELLO, CommandType.AUTH, CommandType.CLIENT,
            CommandType.SELECT, CommandType.READONLY);

    /**
     * Records every Redis command's latency in {@code registry}, as histograms (aggregatable across nodes), except
     * the connection handshake's.
     */
    public static CommandLatencyRecorder redisLatency(MeterRegistry registry) {
        return new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.builder().histogram(true)
                .minLatency(Duration.ofNanos(50_000)).maxLatency(Duration.ofSeconds(2))
                .metricsFilter(command -> !HANDSHAKE.contains(command.getType())).build());
    }
}
