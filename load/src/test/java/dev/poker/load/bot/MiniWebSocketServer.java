package dev.poker.load.bot;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Just enough of RFC 6455 to test the client over a real socket: one connection at a time, the
 * handshake (echoing the {@code poker.v1} subprotocol), masked client frames in, unmasked and optionally
 * fragmented text frames out, and the close handshake.
 */
final class MiniWebSocketServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    volatile Integer closeCodeReceived;
    private final ServerSocket server;
    private volatile Socket socket;
    private volatile OutputStream out;
    private final Thread acceptor;

    MiniWebSocketServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "mini-ws");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                socket = s;
                InputStream in = s.getInputStream();
                out = s.getOutputStream();
                Map<String, String> headers = readHeaders(in);
                handshakes.add(headers);
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.US_ASCII)));
                String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n"
                        + (headers.containsKey("sec-websocket-protocol") ? "Sec-WebSocket-Protocol: poker.v1\r\n" : "")
                        + "\r\n";
                synchronized (this) {
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                readFrames(new DataInputStream(in));
            } catch (Exception e) {
                // connection over; accept the next one
            }
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("eof in handshake");
            }
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : 0;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = buf.toString(StandardCharsets.US_ASCII).split("\r\n");
        headers.put(":request", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private void readFrames(DataInputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 0x8) {
                closeCodeReceived = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                writeFrame(true, 0x8, payload);
                return;
            } else if (opcode == 0x9) {
                writeFrame(true, 0xA, payload);
            } else if (opcode == 0x1 || opcode == 0x0) {
                message.write(payload);
                if (fin) {
                    received.add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        }
    }

    /** Sends {@code text} as one text message split into {@code fragments} frames. */
    void sendText(String text, int fragments) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.max(1, Math.min(fragments, bytes.length));
        int size = (bytes.length + n - 1) / n;
        synchronized (this) {
            for (int i = 0, k = 0; i < bytes.length || k == 0; i += size, k++) {
                int end = Math.min(bytes.length, i + size);
                byte[] part = java.util.Arrays.copyOfRange(bytes, i, end);
                writeFrame(end >= bytes.length, k == 0 ? 0x1 : 0x0, part);
                out.flush(); // separate TCP segments where possible
            }
        }
    }

    /** Closes the connection from the server's side with a close frame. */
    void sendClose(int code) throws IOException {
        writeFrame(true, 0x8, new byte[] {(byte) (code >> 8), (byte) code});
    }

    private synchronized void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        OutputStream o = out;
        o.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            o.write(payload.length);
        } else if (payload.length < 65536) {
            o.write(126);
            o.write(payload.length >> 8);
            o.write(payload.length);
        } else {
            o.write(127);
            for (int i = 7; i >= 0; i--) {
                o.write((int) (((long) payload.length) >> (8 * i)));
            }
        }
        o.write(payload);
        o.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
