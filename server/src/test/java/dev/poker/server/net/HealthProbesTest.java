package dev.poker.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ProtocolCodec;
import dev.poker.registry.InProcessTableRegistry;
import dev.poker.server.metrics.PokerMetrics;
import dev.poker.server.table.TableDirectory;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code /health/live} and {@code /health/ready}: liveness ignores draining; readiness follows /health. */
class HealthProbesTest {
    final AtomicBoolean storeUp = new AtomicBoolean(true);
    final NodeStatus status = new NodeStatus("n1", () -> 0, () -> 0);
    final TableDirectory tables = new TableDirectory(new InProcessTableRegistry(), null, "n1", null,
            Runnable::run, null, null);
    final HttpRouter handler = HttpRouter.forNode(status, new PokerMetrics(() -> 0, () -> 0, () -> 0),
            tables::lobby, new ProtocolCodec(), Runnable::run, 10, null, new AdminApi("", () -> {}));

    HealthProbesTest() {
        status.check("store", storeUp::get);
    }

    /** The response, waiting for one written later from another thread (the live check's). */
    private String[] get(String uri) throws InterruptedException {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
        FullHttpResponse res = null;
        for (int i = 0; i < 1_000 && res == null; i++) {
            ch.runPendingTasks();
            res = ch.readOutbound();
            if (res == null) {
                Thread.sleep(10);
            }
        }
        assertThat(res).as("an answer to " + uri).isNotNull();
        String body = res.content().toString(StandardCharsets.UTF_8);
        String code = Integer.toString(res.status().code());
        res.release();
        ch.finishAndReleaseAll();
        return new String[] {code, body};
    }

    @Test
    void liveWhenEveryProbedExecutorRunsATaskEvenWhileStartingOrDraining() throws Exception {
        status.liveness().probe("actor-pool", Runnable::run);
        status.liveness().probe("event-loop-1", Runnable::run);
        status.drain();
        String[] live = get("/health/live");
        assertThat(live[0]).isEqualTo("200");
        assertThat(live[1]).isEqualTo(
                "{\"status\":\"live\",\"node\":\"n1\",\"checks\":{\"actor-pool\":\"up\",\"event-loop-1\":\"up\"}}");
    }

    @Test
    void stuckWhenAnExecutorDoesNotRunItsTaskWithinTheBound() throws Exception {
        status.liveness().probe("actor-pool", task -> {}); // takes the task and never runs it
        status.liveness().probe("event-loop-1", Runnable::run);
        status.started();
        String[] live = get("/health/live");
        assertThat(live[0]).isEqualTo("503");
        assertThat(live[1]).contains("\"status\":\"stuck\"", "\"actor-pool\":\"stuck\"", "\"event-loop-1\":\"up\"");
    }

    @Test
    void readyOnlyWhenStartedNotDrainingAndTheStoreIsUp() throws Exception {
        assertThat(get("/health/ready")[0]).isEqualTo("503");
        assertThat(get("/health/ready")[1]).contains("\"status\":\"starting\"");
        status.started();
        assertThat(get("/health/ready")[0]).isEqualTo("200");
        storeUp.set(false);
        assertThat(get("/health/ready")).containsExactly("503", status.json());
        storeUp.set(true);
        status.drain();
        assertThat(get("/health/ready")[1]).contains("\"status\":\"draining\"");
        assertThat(get("/health/ready")[0]).isEqualTo("503");
    }
}
