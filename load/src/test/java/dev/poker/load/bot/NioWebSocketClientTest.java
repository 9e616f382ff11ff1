package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bot library's client over {@link NioWebSocketClient} against {@link MiniWebSocketServer}. */
class NioWebSocketClientTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MiniWebSocketServer server;
    private NioWebSocketClient nio;

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (nio != null) {
            nio.close();
        }
    }

    private ClientMessage next() throws InterruptedException {
        String text = server.received.poll(5, TimeUnit.SECONDS);
        assertThat(text).as("a frame from the client").isNotNull();
        return ((Decoded.Ok) codec.decodeClient(text)).message();
    }

    private PokerClient client(List<ServerMessage> messages, List<String> lifecycle) throws Exception {
        nio = new NioWebSocketClient(2, "test-ws", 1 << 20);
        return new PokerClient(server.uri(), nio.connector(Duration.ofSeconds(5)), new PokerClient.Listener() {
            @Override
            public void onMessage(PokerClient c, ServerMessage m) {
                messages.add(m);
            }

            @Override
            public void onDisconnected(PokerClient c, int code, String reason, boolean reconnecting) {
                lifecycle.add("disconnected " + code);
            }
        }, scheduler, PokerClient.Options.defaults().withAutoReconnect(false));
    }

    @Test
    void speaksPokerV1WithFragmentedFramesAndClosesCleanly() throws Exception {
        server = new MiniWebSocketServer();
        List<ServerMessage> messages = new CopyOnWriteArrayList<>();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        PokerClient client = client(messages, lifecycle);

        client.connect().get(5, TimeUnit.SECONDS);
        assertThat(server.handshakes.get(0).get("sec-websocket-protocol")).isEqualTo("poker.v1");
        assertThat(server.handshakes.get(0).get(":request")).startsWith("GET /ws ");

        CompletableFuture<ServerMessage.Welcome> hello = client.hello("bot-1");
        ClientMessage h = next();
        assertThat(h).isInstanceOf(ClientMessage.Hello.class);
        server.sendText(codec.encode(new ServerMessage.Welcome(h.id(), "acc-1", "bot-1", 1000, "tok", null)), 5);
        assertThat(hello.get(5, TimeUnit.SECONDS).token()).isEqualTo("tok");

        // a large message in many fragments (16- and 64-bit lengths), with non-ASCII text split anywhere
        String longName = "Zoë ♠♥ ".repeat(8_000);
        CompletableFuture<String> created = client.createTable(TableTemplate.ofSeats(6).toCreate("x ♣ Zoë ♠"));
        ClientMessage ct = next();
        assertThat(((ClientMessage.CreateTable) ct).name()).startsWith("x ♣ Zoë");
        server.sendText(codec.encode(new ServerMessage.Error(null, "NOISE", longName, false, null)), 37);
        server.sendText(codec.encode(new ServerMessage.Error(null, "NOISE", longName, false, null)), 1);
        server.sendText(codec.encode(new ServerMessage.Ack(ct.id(), "T7", null)), 3);
        assertThat(created.get(5, TimeUnit.SECONDS)).isEqualTo("T7");
        assertThat(messages).hasSize(4);
        assertThat(((ServerMessage.Error) messages.get(1)).message()).isEqualTo(longName);
        assertThat(((ServerMessage.Error) messages.get(2)).message()).isEqualTo(longName);
        assertThat(client.badFrames()).isZero();

        // many requests at once from several threads keep their frames whole
        List<CompletableFuture<ServerMessage>> pings = new CopyOnWriteArrayList<>();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int k = 0; k < 50; k++) {
                    pings.add(client.request(new ClientMessage.Ping(null, (long) k)));
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < 200; i++) {
            assertThat(next()).isInstanceOf(ClientMessage.Ping.class);
        }

        client.closeAsync().get(5, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.closeCodeReceived == null && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(server.closeCodeReceived).isEqualTo(1000);
        assertThat(lifecycle).containsExactly("disconnected 1000");
    }

    @Test
    void aCloseFromTheServerIsReportedWithItsCode() throws Exception {
        server = new MiniWebSocketServer();
        List<ServerMessage> messages = new CopyOnWriteArrayList<>();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        PokerClient client = client(messages, lifecycle);
        client.connect().get(5, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.handshakes.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        server.sendClose(1001);
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lifecycle.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(lifecycle).containsExactly("disconnected 1001");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aRefusedConnectionFailsTheConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        nio = new NioWebSocketClient(1, "test-ws", 1 << 20);
        CompletableFuture<java.net.http.WebSocket> f = nio.connect(URI.create("ws://127.0.0.1:" + port + "/ws"),
                "poker.v1", Duration.ofSeconds(5), new java.net.http.WebSocket.Listener() {});
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> nio.connect(URI.create("wss://127.0.0.1:1/ws"), null, Duration.ofSeconds(1),
                new java.net.http.WebSocket.Listener() {}).get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void framesAreMaskedAndSizedForEveryLengthClass() {
        for (int len : new int[] {0, 125, 126, 65535, 65536}) {
            byte[] payload = new byte[len];
            java.nio.ByteBuffer f = NioWebSocketClient.frame(0x1, payload, true);
            int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
            assertThat(f.remaining()).isEqualTo(header + 4 + len);
            assertThat(f.get(1) & 0x80).isEqualTo(0x80);
        }
        // RFC 6455 section 1.3
        assertThat(NioWebSocketClient.expectedAccept("dGhlIHNhbXBsZSBub25jZQ=="))
                .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
}
