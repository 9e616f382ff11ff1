package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: the node must not buffer for it without bound. It asks for large
 * answers (the lobby of many tables) and never reads them; once its outbound queue stays over the
 * high-water mark for the grace period, the node closes the connection.
 */
class SlowReaderTest {

    @Test
    void aClientThatDoesNotReadIsDisconnected() throws Exception {
        try (NodeHarness n = new NodeHarness(Map.of("POKER_WRITE_HIGH_WATER_MARK", "65536",
                "POKER_SLOW_READER_GRACE_MS", "300", "POKER_RATE_LIMIT", "100000", "POKER_RATE_BURST", "100000"));
             WsTestClient owner = WsTestClient.guest(n.port(), "owner")) {
            for (int i = 0; i < 300; i++) {
                NodeHarness.createTable(owner, 6, 1, 2, 40, 200);
            }
            try (Socket s = new Socket("127.0.0.1", n.port())) {
                s.setReceiveBufferSize(4096);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
                out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: poker.v1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readHeaders(in);
                long registered = System.nanoTime() + 5_000_000_000L;
                while (n.node.status().connections() < 2 && System.nanoTime() < registered) {
                    Thread.sleep(5); // the session opens just after the 101 response is written
                }
                assertThat(n.node.status().connections()).isEqualTo(2);
                byte[] frame = maskedText("{\"type\":\"list_tables\",\"id\":\"x\"}");
                long deadline = System.nanoTime() + 20_000_000_000L;
                // keep asking and never read: the answers pile up on the node
                while (n.node.status().connections() > 1 && System.nanoTime() < deadline) {
                    try {
                        for (int i = 0; i < 20; i++) {
                            out.write(frame);
                        }
                        out.flush();
                    } catch (java.io.IOException closed) {
                        break;
                    }
                    Thread.sleep(20);
                }
                long waitEnd = System.nanoTime() + 5_000_000_000L;
                while (n.node.status().connections() > 1 && System.nanoTime() < waitEnd) {
                    Thread.sleep(20);
                }
                assertThat(n.node.status().connections()).as("the slow reader was disconnected").isEqualTo(1);
            }
            // the well-behaved client is unaffected
            owner.request(new ClientMessage.Ping("still-here", 1L), dev.poker.protocol.ServerMessage.Pong.class);
        }
    }

    private static void readHeaders(InputStream in) throws java.io.IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("handshake closed");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** A client-to-server text frame (clients must mask). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
