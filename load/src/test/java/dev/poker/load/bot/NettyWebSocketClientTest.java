package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot library's client over {@link NettyWebSocketClient} against {@link MiniWebSocketServer} and a TLS server. */
class NettyWebSocketClientTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MiniWebSocketServer server;
    private NettyWebSocketClient netty;

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
        if (netty != null) {
            netty.close();
        }
    }

    private ClientMessage next() throws InterruptedException {
        String text = server.received.poll(5, TimeUnit.SECONDS);
        assertThat(text).as("a frame from the client").isNotNull();
        return ((Decoded.Ok) codec.decodeClient(text)).message();
    }

    private PokerClient client(List<ServerMessage> messages, List<String> lifecycle) {
        netty = new NettyWebSocketClient(2, "test-ws", 1 << 20);
        return new PokerClient(server.uri(), netty.connector(Duration.ofSeconds(5)), new PokerClient.Listener() {
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

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
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
        await(() -> server.closeCodeReceived != null);
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
        await(() -> !server.handshakes.isEmpty());
        server.sendClose(1001);
        await(() -> !lifecycle.isEmpty());
        assertThat(lifecycle).containsExactly("disconnected 1001");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        server = new MiniWebSocketServer();
        netty = new NettyWebSocketClient(1, "test-ws", 1000);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        netty.connect(server.uri(), "poker.v1", Duration.ofSeconds(5), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                seen.add("text " + data.length());
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                seen.add("error " + error.getMessage());
            }
        }).get(5, TimeUnit.SECONDS);
        server.sendText("x".repeat(999), 1);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("text 999");
        server.sendText("y".repeat(1001), 3); // too big only once its fragments add up
        assertThat(seen.poll(5, TimeUnit.SECONDS)).startsWith("error message larger than 1000 bytes");
        await(() -> server.closeCodeReceived != null);
        assertThat(server.closeCodeReceived).isEqualTo(1009);
    }

    @Test
    void aRefusedConnectionFailsTheConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        netty = new NettyWebSocketClient(1, "test-ws", 1 << 20);
        CompletableFuture<WebSocket> f = netty.connect(URI.create("ws://127.0.0.1:" + port + "/ws"),
                "poker.v1", Duration.ofSeconds(5), new WebSocket.Listener() {});
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> netty.connect(URI.create("http://127.0.0.1:1/ws"), null, Duration.ofSeconds(1),
                new WebSocket.Listener() {}).get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpgradeAnsweredWithoutA101IsRefusedWithItsStatus() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    OutputStream out = c.getOutputStream();
                    out.write("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(500);
                } catch (Exception e) {
                    // the test checks what the client saw
                }
            });
            t.setDaemon(true);
            t.start();
            netty = new NettyWebSocketClient(1, "test-ws", 1 << 20);
            CompletableFuture<WebSocket> f = netty.connect(URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/ws"),
                    "poker.v1", Duration.ofSeconds(5), new WebSocket.Listener() {});
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(NettyWebSocketClient.UpgradeRefusedException.class,
                            e -> assertThat(e.status()).isEqualTo(503));
        }
    }

    @Test
    void anUnansweredUpgradeTimesOut() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            netty = new NettyWebSocketClient(1, "test-ws", 1 << 20);
            CompletableFuture<WebSocket> f = netty.connect(URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/ws"),
                    "poker.v1", Duration.ofMillis(200), new WebSocket.Listener() {});
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NettyWebSocketClient.HandshakeTimeoutException.class)
                    .isInstanceOf(HttpConnectTimeoutException.class);
        }
    }

    @Test
    void speaksOverTlsToAServerWithASelfSignedCertificate(@TempDir Path dir) throws Exception {
        try (TlsWebSocketServer tls = new TlsWebSocketServer(dir)) {
            netty = new NettyWebSocketClient(1, "test-wss", 1 << 20,
                    SslContextBuilder.forClient().trustManager(tls.certificate()).build());
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            WebSocket ws = netty.connect(tls.uri(), "poker.v1", Duration.ofSeconds(10), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    seen.add(data.toString());
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                    seen.add("closed " + code);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(ws.getSubprotocol()).isEqualTo("poker.v1");
            ws.sendText("{\"type\":\"ping\",\"id\":\"1\"}", true).get(5, TimeUnit.SECONDS);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"ping\",\"id\":\"1\"}");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("closed 1000");

            // the JDK's default trust does not know the self-signed certificate
            try (NettyWebSocketClient untrusting = new NettyWebSocketClient(1, "test-wss2", 1 << 20)) {
                CompletableFuture<WebSocket> f = untrusting.connect(tls.uri(), "poker.v1", Duration.ofSeconds(10),
                        new WebSocket.Listener() {});
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            }
        }
    }
}
