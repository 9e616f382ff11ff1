package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.NodeHarness;
import dev.poker.server.WsTestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped HAProxy configuration (deploy/haproxy/haproxy.cfg) with a real HAProxy in front of a
 * node: WebSocket play goes through it, and a node whose /health turns 503 (draining) gets no new
 * connections while the ones it has keep working.
 */
class HaproxyIT {

    @Test
    void websocketsPassThroughAndADrainingNodeGetsNoNewConnections() throws Exception {
        String bin = setting("POKER_TEST_HAPROXY_BIN");
        assertThat(bin).as("POKER_TEST_HAPROXY_BIN (run with ./poker test)").isNotBlank();
        Path cfg = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/haproxy/haproxy.cfg");
        assertThat(cfg).exists();
        try (NodeHarness node = new NodeHarness(Map.of())) {
            int lb = freePort();
            ProcessBuilder pb = new ProcessBuilder(bin, "-db", "-f", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("haproxy", ".log").toFile());
            pb.environment().put("POKER_LB_BIND", "127.0.0.1:" + lb);
            pb.environment().put("POKER_NODE1", "127.0.0.1:" + node.port());
            pb.environment().put("POKER_NODE2", "127.0.0.1:" + freePort()); // nobody listens: marked down
            pb.environment().put("POKER_NODE3", "127.0.0.1:" + freePort());
            Process haproxy = pb.start();
            recordPid(haproxy);
            try {
                HttpClient http = HttpClient.newHttpClient();
                waitFor(() -> status(http, lb) == 200, "HAProxy serves /health from the node");
                try (WsTestClient player = WsTestClient.guest(lb, "through-haproxy")) {
                    String table = NodeHarness.createTable(player, 2, 1, 2, 40, 200);
                    player.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
                    player.request(new ClientMessage.Ping("p1", 1L), ServerMessage.Pong.class);

                    node.node.status().drain();
                    // the node answers 503 at once; HAProxy's checks then take it out (its own 503 page)
                    waitFor(() -> body(http, lb).contains("No server is available"),
                            "HAProxy took the draining node out of rotation");
                    assertThatThrownBy(() -> WsTestClient.connect(lb)).as("no new connection reaches it");
                    player.request(new ClientMessage.Ping("p2", 2L), ServerMessage.Pong.class);
                }
            } finally {
                haproxy.destroy();
                haproxy.waitFor(5, TimeUnit.SECONDS);
                haproxy.destroyForcibly();
            }
        }
    }

    private static String body(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int status(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void recordPid(Process p) throws IOException {
        String dir = setting("POKER_TEST_PID_DIR");
        if (dir != null && !dir.isEmpty()) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "haproxy-" + p.pid() + ".pid"), Long.toString(p.pid()));
        }
    }

    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null && !v.isEmpty() ? v : System.getenv(name);
    }
}
