package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.load.bot.NettyWebSocketClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The storm's connections against a scripted server on a real socket. */
class StormClientTest {

    /** Serves connections in order: the first is shed with 503, the second served, the third closed early. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> received = new CopyOnWriteArrayList<>();
        final Thread thread = new Thread(this::serve, "scripted-ws");

        ScriptedServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
        }

        private void serve() {
            for (int n = 0; n < 3 && !server.isClosed(); n++) {
                try {
                    Socket s = server.accept();
                    int which = n;
                    Thread t = new Thread(() -> handle(s, which));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void handle(Socket s, int which) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                String head = readHead(in);
                received.add(head);
                if (which == 0) {
                    out.write(("HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\n"
                            + "retry").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: poker.v1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                DataInputStream din = new DataInputStream(in);
                String hello = readText(din);
                received.add(hello);
                text(out, "{\"type\":\"welcome\",\"id\":\"h\",\"account\":\"a1\",\"name\":\"x\",\"balance\":1,\"token\":\"t\"}");
                if (which == 2) {
                    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xF1}); // close 1009
                    out.flush();
                    return;
                }
                received.add(readText(din));
                received.add(readText(din));
                // the answers, the second one fragmented
                text(out, "{\"type\":\"pong\",\"id\":\"p\",\"t\":1,\"serverTime\":2}");
                byte[] tables = "{\"type\":\"tables\",\"id\":\"t\",\"tables\":[]}".getBytes(StandardCharsets.UTF_8);
                out.write(new byte[] {0x01, 10});
                out.write(tables, 0, 10);
                out.write(new byte[] {(byte) 0x80, (byte) (tables.length - 10)});
                out.write(tables, 10, tables.length - 10);
                out.flush();
                readFrame(din); // the client's close at the end
            } catch (Exception e) {
                // the test checks what the client saw
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                String s = b.toString(StandardCharsets.US_ASCII);
                if (s.endsWith("\r\n\r\n")) {
                    return s;
                }
            }
            throw new IOException("eof");
        }

        private static String readText(DataInputStream in) throws IOException {
            return new String(readFrame(in), StandardCharsets.UTF_8);
        }

        private static byte[] readFrame(DataInputStream in) throws IOException {
            in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            assertThat(b1 & 0x80).as("client frames are masked").isNotZero();
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] p = new byte[(int) len];
            in.readFully(p);
            for (int i = 0; i < p.length; i++) {
                p[i] ^= mask[i & 3];
            }
            return p;
        }

        private static void text(OutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {(byte) 0x81, (byte) b.length});
            out.write(b);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void shedServedAndDroppedConnectionsAreToldApart() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer();
                NettyWebSocketClient ws = new NettyWebSocketClient(1, "test-storm", 1 << 20)) {
            long now = System.nanoTime();
            // one at a time, so that the server sees them in order
            StormClient client = new StormClient(ws, server.uri(), new int[] {0, 1, 2},
                    new long[] {now, now + TimeUnit.MILLISECONDS.toNanos(300), now + TimeUnit.MILLISECONDS.toNanos(600)},
                    new StormClient.Events() {
                        @Override
                        public void started(int i, long t) {
                            events.add(i + " started");
                        }

                        @Override
                        public void opened(int i, long t) {
                            events.add(i + " opened");
                        }

                        @Override
                        public void refused(int i, int status, long t) {
                            events.add(i + " refused " + status);
                        }

                        @Override
                        public void connectFailed(int i, String detail, long t) {
                            events.add(i + " failed " + detail);
                        }

                        @Override
                        public void served(int i, long t) {
                            events.add(i + " served");
                        }

                        @Override
                        public void errorAnswer(int i, String code, boolean retryable, long t) {
                            events.add(i + " error " + code);
                        }

                        @Override
                        public void noAnswer(int i, long t) {
                            events.add(i + " no answer");
                        }

                        @Override
                        public void closed(int i, int code, long t) {
                            events.add(i + " closed " + code);
                        }
                    });
            Thread loop = new Thread(client);
            loop.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!(events.contains("1 served") && events.contains("2 closed 1009"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            client.closeAll();
            loop.join(5_000);
            assertThat(events).containsSubsequence("0 started", "0 refused 503");
            assertThat(events).containsSubsequence("1 started", "1 opened", "1 served");
            assertThat(events).containsSubsequence("2 started", "2 opened", "2 closed 1009");
            assertThat(events).doesNotContain("2 served", "0 opened");
            // header names are case-insensitive (Netty writes them in lower case)
            assertThat(server.received.get(0)).startsWith("GET /ws HTTP/1.1\r\n");
            assertThat(server.received.get(0).toLowerCase(java.util.Locale.ROOT))
                    .contains("sec-websocket-protocol: poker.v1", "upgrade: websocket", "sec-websocket-version: 13");
            assertThat(server.received).anyMatch(m -> m.startsWith("{\"type\":\"hello\",\"id\":\"h\",\"name\":\"storm2\"}"));
            assertThat(server.received).contains("{\"type\":\"list_tables\",\"id\":\"t\"}");
            assertThat(server.received).anyMatch(m -> m.startsWith("{\"type\":\"ping\",\"id\":\"p\",\"t\":"));
        }
    }
}
