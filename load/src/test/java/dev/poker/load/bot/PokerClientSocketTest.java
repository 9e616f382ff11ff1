package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client over a real socket ({@link NettyWebSocketClient}) against {@link MiniWebSocketServer}. */
class PokerClientSocketTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final NettyWebSocketClient ws = new NettyWebSocketClient(1, "test-ws", 1 << 20);
    private MiniWebSocketServer server;

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
        ws.close();
    }

    private ClientMessage next() throws InterruptedException {
        String text = server.received.poll(5, TimeUnit.SECONDS);
        assertThat(text).as("a frame from the client").isNotNull();
        return ((Decoded.Ok) codec.decodeClient(text)).message();
    }

    @Test
    void speaksPokerV1OverARealSocketWithFragmentedFrames() throws Exception {
        server = new MiniWebSocketServer();
        List<ServerMessage> messages = new CopyOnWriteArrayList<>();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        PokerClient client = new PokerClient(server.uri(),
                ws.connector(Duration.ofSeconds(5)),
                new PokerClient.Listener() {
                    @Override
                    public void onMessage(PokerClient c, ServerMessage m) {
                        messages.add(m);
                    }

                    @Override
                    public void onDisconnected(PokerClient c, int code, String reason, boolean reconnecting) {
                        lifecycle.add("disconnected " + code);
                    }
                }, scheduler, PokerClient.Options.defaults().withAutoReconnect(false));

        client.connect().get(5, TimeUnit.SECONDS);
        assertThat(server.handshakes.get(0).get("sec-websocket-protocol")).isEqualTo("poker.v1");
        assertThat(server.handshakes.get(0).get(":request")).startsWith("GET /ws ");

        CompletableFuture<ServerMessage.Welcome> hello = client.hello("bot-1");
        ClientMessage h = next();
        assertThat(h).isInstanceOf(ClientMessage.Hello.class);
        server.sendText(codec.encode(new ServerMessage.Welcome(h.id(), "acc-1", "bot-1", 1000, "tok", null)), 5);
        assertThat(hello.get(5, TimeUnit.SECONDS).token()).isEqualTo("tok");

        // a large message in many fragments, with non-ASCII text split anywhere
        String longName = "Zoë ♠♥ ".repeat(8_000); // under the codec's 64 Ki-character string limit
        CompletableFuture<String> created = client.createTable(TableTemplate.ofSeats(6).toCreate("x"));
        ClientMessage ct = next();
        server.sendText(codec.encode(new ServerMessage.Error(null, "NOISE", longName, false, null)), 37);
        server.sendText(codec.encode(new ServerMessage.Ack(ct.id(), "T7", null)), 3);
        assertThat(created.get(5, TimeUnit.SECONDS)).isEqualTo("T7");
        assertThat(messages).hasSize(3);
        assertThat(((ServerMessage.Error) messages.get(1)).message()).isEqualTo(longName);
        assertThat(client.badFrames()).isZero();

        client.closeAsync().get(5, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.closeCodeReceived == null && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(server.closeCodeReceived).isEqualTo(1000);
        assertThat(lifecycle).containsExactly("disconnected 1000");
    }
}
