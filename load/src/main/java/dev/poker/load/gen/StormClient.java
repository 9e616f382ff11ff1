package dev.poker.load.gen;

import dev.poker.load.bot.WsFrames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Many plain {@code ws://} connections on one selector thread, for the storm: each connection is started at
 * its slot of the arrival schedule, does the HTTP upgrade (subprotocol {@code poker.v1}), says
 * {@code hello}, then asks {@code list_tables} and {@code ping}, and stays open until {@link #closeAll}.
 *
 * <p>Why not the bot library's client: the JDK's WebSocket client costs a few milliseconds of CPU per
 * handshake, so on a small load machine it manages a few hundred handshakes a second and the generator,
 * not the node, would be what a storm measures. This client does only what the storm needs (RFC 6455
 * masking, fragments, ping/pong and close; no TLS, so no {@code wss://}) and keeps up with thousands of
 * connections a second.
 *
 * <p>Concurrency: everything runs on the thread of {@link #run()}; {@link #closeAll} and {@link #stop} may
 * be called from any thread (they only set flags). The {@link Events} are called on the loop thread.
 */
final class StormClient implements Runnable {
    static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What happens to connection {@code i}; times are {@link System#nanoTime()}. */
    interface Events {
        void started(int i, long now);

        void opened(int i, long now);

        /** The handshake got an HTTP answer other than 101. */
        void refused(int i, int status, long now);

        /** No HTTP answer: refused, reset, or timed out ({@code detail} says which). */
        void connectFailed(int i, String detail, long now);

        /** welcome, tables and pong have all come. */
        void served(int i, long now);

        void errorAnswer(int i, String code, boolean retryable, long now);

        void noAnswer(int i, long now);

        /** The connection ended without us closing it (after opening); {@code code} 1006 when without a close frame. */
        void closed(int i, int code, long now);
    }

    private enum State { CONNECTING, UPGRADING, OPEN, DONE }

    private final class Conn {
        final int i;
        final SocketChannel ch;
        final long startedAt;
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        ByteBuffer in = ByteBuffer.allocate(4096);
        final ByteArrayOutputStream message = new ByteArrayOutputStream();
        State state = State.CONNECTING;
        String key;
        long waitingSince;
        boolean welcomed;
        boolean tables;
        boolean pong;
        boolean served;
        SelectionKey sk;
        boolean upgraded;
        IOException writeFailed;

        Conn(int i, SocketChannel ch, long startedAt) {
            this.i = i;
            this.ch = ch;
            this.startedAt = startedAt;
        }
    }

    private final URI uri;
    private final InetSocketAddress address;
    private final int count;
    private final int[] ids;
    private final long[] slots;
    private final Events events;
    private final Selector selector;
    private final ArrayDeque<Conn> all = new ArrayDeque<>();
    private volatile boolean closeRequested;
    private volatile boolean stopRequested;
    private int next;

    /**
     * @param ids   the connections' numbers (as the {@link Events} report them)
     * @param slots when each connection is due ({@link System#nanoTime()} values, ascending)
     */
    StormClient(URI uri, int[] ids, long[] slots, Events events) throws IOException {
        if (!"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the storm speaks plain ws:// only, not " + uri);
        }
        this.uri = uri;
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
        if (ids.length != slots.length) {
            throw new IllegalArgumentException("one slot per id");
        }
        this.count = slots.length;
        this.ids = ids.clone();
        this.slots = slots.clone();
        this.events = events;
        this.selector = Selector.open();
    }

    /** Ends every connection (close frame, then the socket) and the loop. */
    void closeAll() {
        closeRequested = true;
        selector.wakeup();
    }

    /** Stops starting new connections (the run is over). */
    void stop() {
        stopRequested = true;
        selector.wakeup();
    }

    /** Connections started so far (read from any thread: approximate). */
    int started() {
        return next;
    }

    @Override
    public void run() {
        long lastSweep = System.nanoTime();
        try {
            while (!closeRequested) {
                long now = System.nanoTime();
                while (!stopRequested && next < count && slots[next] - now <= 0) {
                    start(ids[next++], now);
                    now = System.nanoTime();
                }
                if (now - lastSweep > TimeUnit.MILLISECONDS.toNanos(100)) {
                    sweep(now);
                    lastSweep = now;
                }
                long waitNanos = TimeUnit.MILLISECONDS.toNanos(100);
                if (!stopRequested && next < count) {
                    waitNanos = Math.min(waitNanos, slots[next] - now);
                }
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    try {
                        if (k.isValid() && k.isConnectable()) {
                            finishConnect(c);
                        }
                        if (k.isValid() && k.isWritable()) {
                            flush(c);
                        }
                        if (k.isValid() && k.isReadable()) {
                            read(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        broken(c, e);
                    }
                }
            }
        } catch (IOException e) {
            // the selector failed: nothing more can be done; the scenario counts what is unfinished
        } finally {
            for (Conn c : all) {
                if (c.upgraded && c.ch.isOpen()) {
                    try {
                        c.out.add(frame(0x8, new byte[] {0x03, (byte) 0xE8})); // 1000
                        flush(c);
                    } catch (IOException | RuntimeException e) {
                        // closing anyway
                    }
                }
                quietClose(c);
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    private void start(int i, long now) {
        events.started(i, now);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.socket().setTcpNoDelay(true);
            Conn c = new Conn(i, ch, now);
            all.add(c);
            if (ch.connect(address)) {
                c.sk = ch.register(selector, SelectionKey.OP_READ, c);
                upgrade(c);
            } else {
                c.sk = ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            events.connectFailed(i, describe(e), System.nanoTime());
        }
    }

    private void finishConnect(Conn c) throws IOException {
        if (c.ch.finishConnect()) {
            c.sk.interestOps(SelectionKey.OP_READ);
            upgrade(c);
        }
    }

    private void upgrade(Conn c) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        c.key = Base64.getEncoder().encodeToString(nonce);
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String req = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + c.key + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: poker.v1\r\n\r\n";
        c.state = State.UPGRADING;
        c.waitingSince = System.nanoTime();
        send(c, ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Queues and writes; a failed write is kept for after the frames already read (a close may be among them). */
    private void send(Conn c, ByteBuffer b) {
        if (c.writeFailed != null) {
            return;
        }
        c.out.add(b);
        try {
            flush(c);
        } catch (IOException e) {
            c.writeFailed = e;
        }
    }

    private void sendText(Conn c, String text) throws IOException {
        send(c, frame(0x1, text.getBytes(StandardCharsets.UTF_8)));
    }

    private void flush(Conn c) throws IOException {
        while (!c.out.isEmpty()) {
            ByteBuffer b = c.out.peek();
            c.ch.write(b);
            if (b.hasRemaining()) {
                c.sk.interestOps(c.sk.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
            c.out.poll();
        }
        if (c.sk != null && c.sk.isValid() && (c.sk.interestOps() & SelectionKey.OP_WRITE) != 0) {
            c.sk.interestOps(c.sk.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** A masked client frame. */
    static ByteBuffer frame(int opcode, byte[] payload) {
        return WsFrames.clientFrame(opcode, payload, true);
    }

    private void read(Conn c) throws IOException {
        if (!c.in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
            c.in.flip();
            bigger.put(c.in);
            c.in = bigger;
        }
        int n = c.ch.read(c.in);
        if (n < 0) {
            ended(c, 1006);
            return;
        }
        c.in.flip();
        try {
            if (c.state == State.UPGRADING) {
                readUpgrade(c);
            }
            while (c.ch.isOpen() && (c.state == State.OPEN || c.state == State.DONE)) {
                if (!readFrame(c)) {
                    break;
                }
            }
        } finally {
            if (c.ch.isOpen()) {
                c.in.compact();
            }
        }
        if (c.writeFailed != null && c.ch.isOpen()) {
            throw c.writeFailed;
        }
    }

    private void readUpgrade(Conn c) throws IOException {
        int end = indexOf(c.in, "\r\n\r\n");
        if (end < 0) {
            return; // more to come
        }
        byte[] head = new byte[end + 4];
        c.in.get(head);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int status = -1;
        String[] first = text.substring(0, Math.max(0, text.indexOf("\r\n"))).split(" ");
        if (first.length >= 2) {
            try {
                status = Integer.parseInt(first[1]);
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        long now = System.nanoTime();
        if (status != 101) {
            events.refused(c.i, status, now);
            quietClose(c);
            c.state = State.DONE;
            return;
        }
        c.state = State.OPEN;
        c.upgraded = true;
        events.opened(c.i, now);
        c.waitingSince = now;
        sendText(c, "{\"type\":\"hello\",\"id\":\"h\",\"name\":\"storm" + (c.i + 1) + "\"}");
    }

    /** Reads one frame if it is complete; false when more bytes are needed or the connection ended. */
    private boolean readFrame(Conn c) throws IOException {
        ByteBuffer in = c.in;
        WsFrames.Header h = WsFrames.peek(in);
        if (h == null) {
            return false;
        }
        long len = h.length();
        if (len < 0 || len > 16L << 20) {
            throw new IOException("frame too large: " + len);
        }
        if (in.limit() < h.frameEnd()) {
            return false;
        }
        boolean fin = h.fin();
        int opcode = h.opcode();
        byte[] payload = new byte[(int) len];
        in.position(h.payloadAt());
        in.get(payload);
        if (h.masked()) {
            for (int j = 0; j < payload.length; j++) {
                payload[j] ^= in.get(h.maskAt() + (j & 3));
            }
        }
        switch (opcode) {
            case 0x0, 0x1 -> {
                c.message.write(payload, 0, payload.length);
                if (fin) {
                    String text = c.message.toString(StandardCharsets.UTF_8);
                    c.message.reset();
                    onText(c, text);
                }
            }
            case 0x9 -> send(c, frame(0xA, payload));
            case 0x8 -> {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                ended(c, code);
                return false;
            }
            default -> {
                // pong, binary: nothing to do
            }
        }
        return true;
    }

    private void onText(Conn c, String text) throws IOException {
        String type = FrameScan.type(text);
        String id = FrameScan.string(text, "id");
        long now = System.nanoTime();
        if ("error".equals(type)) {
            if (c.state != State.DONE) {
                c.state = State.DONE;
                events.errorAnswer(c.i, String.valueOf(FrameScan.string(text, "code")),
                        FrameScan.bool(text, "retryable", false), now);
            }
            return;
        }
        if ("welcome".equals(type) && "h".equals(id) && !c.welcomed) {
            c.welcomed = true;
            c.waitingSince = now;
            sendText(c, "{\"type\":\"list_tables\",\"id\":\"t\"}");
            sendText(c, "{\"type\":\"ping\",\"id\":\"p\",\"t\":" + System.currentTimeMillis() + "}");
        } else if ("tables".equals(type) && "t".equals(id)) {
            c.tables = true;
        } else if ("pong".equals(type) && "p".equals(id)) {
            c.pong = true;
        }
        if (c.welcomed && c.tables && c.pong && !c.served && c.state == State.OPEN) {
            c.served = true;
            c.state = State.DONE;
            events.served(c.i, now);
        }
    }

    private void sweep(long now) {
        for (Conn c : all) {
            if (c.state == State.CONNECTING && now - c.startedAt > CONNECT_TIMEOUT_NANOS) {
                c.state = State.DONE;
                quietClose(c);
                events.connectFailed(c.i, "CONNECT_TIMEOUT", now);
            } else if (c.state == State.UPGRADING && now - c.waitingSince > CONNECT_TIMEOUT_NANOS) {
                c.state = State.DONE;
                quietClose(c);
                events.connectFailed(c.i, "HANDSHAKE_TIMEOUT", now);
            } else if (c.state == State.OPEN && now - c.waitingSince > ANSWER_TIMEOUT_NANOS) {
                c.state = State.DONE;
                events.noAnswer(c.i, now);
            }
        }
        all.removeIf(c -> !c.ch.isOpen());
    }

    private void broken(Conn c, Exception e) {
        State was = c.state;
        c.state = State.DONE;
        quietClose(c);
        long now = System.nanoTime();
        if (was == State.CONNECTING || was == State.UPGRADING) {
            events.connectFailed(c.i, describe(e), now);
        } else {
            events.closed(c.i, 1006, now);
        }
    }

    private void ended(Conn c, int code) {
        State was = c.state;
        c.state = State.DONE;
        quietClose(c);
        long now = System.nanoTime();
        if (was == State.CONNECTING || was == State.UPGRADING) {
            events.connectFailed(c.i, "CLOSED_DURING_HANDSHAKE", now);
        } else {
            events.closed(c.i, code, now);
        }
    }

    private static void quietClose(Conn c) {
        try {
            c.ch.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static int indexOf(ByteBuffer b, String s) {
        outer:
        for (int i = b.position(); i <= b.limit() - s.length(); i++) {
            for (int j = 0; j < s.length(); j++) {
                if (b.get(i + j) != s.charAt(j)) {
                    continue outer;
                }
            }
            return i - b.position();
        }
        return -1;
    }

    static String describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "CONNECTION_REFUSED";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("reset")) {
            return "CONNECTION_RESET";
        }
        if (m.contains("broken pipe")) {
            return "BROKEN_PIPE";
        }
        return e.getClass().getSimpleName();
    }
}
