package dev.poker.load.bot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small plain-{@code ws://} WebSocket client for many connections on a few threads, presenting each
 * connection as a {@link java.net.http.WebSocket} so the bot library's {@link PokerClient} and the load
 * generator's tap use it exactly like the JDK's client.
 *
 * <p>Why: the JDK's client runs every connection's reads through one selector thread, hands each message
 * to a cached thread pool (a hundred threads for a thousand players) and allocates a good deal per frame;
 * on a small machine that shares its cores with the node it measures, the generator's own CPU then weighs
 * on the figures. This client runs {@code threads} selector loops; each connection belongs to one loop,
 * which reads it, parses frames and calls its {@link WebSocket.Listener} (so a connection's callbacks never
 * overlap, and listeners must not block). Sends write straight to the socket from the calling thread when
 * nothing is queued, and otherwise leave the rest to the loop.
 *
 * <p>What it does: the HTTP/1.1 upgrade with a subprotocol (the {@code Sec-WebSocket-Accept} is checked),
 * masked client frames, fragmented server messages (delivered whole, {@code last == true}), ping (answered
 * with a pong automatically, as the JDK does), the close handshake (a received close is answered once
 * {@link WebSocket.Listener#onClose} has returned), a connect timeout ({@link HttpConnectTimeoutException}),
 * and a maximum message size (a larger message closes the connection with 1009). It does not do TLS
 * ({@code wss://}), extensions, or flow control: {@link WebSocket#request} is a no-op and every message is
 * delivered as it comes (the bot library asks for one message at a time and always asks for the next).
 * {@link WebSocket#abort()} drops the connection and calls nothing more. A connection lost without a close
 * frame reports {@link WebSocket.Listener#onError} with an {@link IOException}.
 *
 * <p>Concurrency: thread-safe. {@link #close()} stops the loops and drops every connection.
 */
public final class NioWebSocketClient implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int READ_BUFFER = 64 * 1024;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final int maxMessageBytes;
    private volatile boolean closed;

    /**
     * @param threads         selector loops (one thread each)
     * @param threadName      prefix of the loop threads' names
     * @param maxMessageBytes a larger message (all its fragments) closes the connection with 1009
     */
    public NioWebSocketClient(int threads, String threadName, int maxMessageBytes) throws IOException {
        if (threads < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("threads and maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(Selector.open());
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(loops[i], threadName + "-" + (i + 1));
            t.setDaemon(true);
            loops[i].thread = t;
            t.start();
        }
    }

    /** One loop per available processor, 16 MiB messages. */
    public static NioWebSocketClient create(String threadName) throws IOException {
        return new NioWebSocketClient(Math.max(1, Runtime.getRuntime().availableProcessors()), threadName, 16 << 20);
    }

    /** A {@link PokerClient.Connector} opening connections with this client (subprotocol {@code poker.v1}). */
    public PokerClient.Connector connector(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        return (uri, listener) -> connect(uri, "poker.v1", connectTimeout, listener);
    }

    /**
     * Opens a WebSocket to {@code uri} (plain {@code ws://}); the future completes after
     * {@link WebSocket.Listener#onOpen} was called, on the connection's loop thread, and fails when the connection
     * or the upgrade fails or takes longer than {@code connectTimeout}.
     *
     * @param subprotocol asked for in {@code Sec-WebSocket-Protocol}; null for none
     */
    public CompletableFuture<WebSocket> connect(URI uri, String subprotocol, Duration connectTimeout,
            WebSocket.Listener listener) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("client closed"));
        }
        if (!"ws".equalsIgnoreCase(uri.getScheme())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("plain ws:// only, not " + uri));
        }
        Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        Conn c = new Conn(loop, uri, subprotocol, listener,
                System.nanoTime() + Math.max(1, connectTimeout.toNanos()));
        loop.submit(c::start);
        return c.opened;
    }

    @Override
    public void close() {
        closed = true;
        for (Loop l : loops) {
            l.stop();
        }
    }

    // ------------------------------------------------------------------ loops

    private final class Loop implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final ArrayDeque<Conn> connecting = new ArrayDeque<>();
        final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
        volatile Thread thread;
        volatile boolean stopping;

        Loop(Selector selector) {
            this.selector = selector;
        }

        boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        void submit(Runnable r) {
            tasks.add(r);
            selector.wakeup();
        }

        void stop() {
            stopping = true;
            selector.wakeup();
        }

        @Override
        public void run() {
            long nextSweep = System.nanoTime() + SWEEP_NANOS;
            try {
                while (!stopping) {
                    selector.select(100);
                    Runnable r;
                    while ((r = tasks.poll()) != null) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            // a task's own failure; the loop goes on
                        }
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Conn c = (Conn) k.attachment();
                        try {
                            if (!k.isValid()) {
                                continue;
                            }
                            if (k.isConnectable()) {
                                c.finishConnect();
                            } else {
                                if (k.isWritable()) {
                                    c.flushFromLoop();
                                }
                                if (k.isValid() && k.isReadable()) {
                                    c.read();
                                }
                            }
                        } catch (CancelledKeyException e) {
                            // closed meanwhile
                        } catch (IOException | RuntimeException e) {
                            c.broken(e);
                        }
                    }
                    long now = System.nanoTime();
                    if (now - nextSweep >= 0) {
                        nextSweep = now + SWEEP_NANOS;
                        sweep(now);
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // the selector is gone: fall through and drop everything
            } finally {
                for (SelectionKey k : new java.util.ArrayList<>(selector.keys())) {
                    if (k.attachment() instanceof Conn c) {
                        c.drop(new IOException("client closed"));
                    }
                }
                for (Conn c : connecting) {
                    c.drop(new IOException("client closed"));
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // nothing more to do
                }
            }
        }

        private void sweep(long now) {
            for (Iterator<Conn> it = connecting.iterator(); it.hasNext();) {
                Conn c = it.next();
                if (c.state != State.CONNECTING && c.state != State.UPGRADING) {
                    it.remove();
                } else if (now - c.deadline >= 0) {
                    it.remove();
                    c.drop(new HttpConnectTimeoutException("WebSocket connect timed out: " + c.uri));
                }
            }
        }
    }

    // ------------------------------------------------------------------ connections

    private enum State { CONNECTING, UPGRADING, OPEN, CLOSED }

    private final class Conn implements WebSocket {
        final Loop loop;
        final URI uri;
        final String subprotocol;
        final Listener listener;
        final long deadline;
        final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>(); // guarded by out
        SocketChannel ch;
        SelectionKey key;
        String key64;
        volatile State state = State.CONNECTING;
        volatile boolean outputClosed;
        volatile boolean inputClosed;
        volatile boolean aborted;
        boolean closeDelivered; // loop only: onClose was called
        volatile String acceptedSubprotocol = "";
        boolean writeInterest; // guarded by out
        boolean sendingFragments; // guarded by out: a text message sent with last == false is unfinished
        ByteBuffer pending; // loop only: bytes of an unfinished frame (write mode)
        ByteArrayOutputStream fragments; // loop only: an unfinished fragmented message
        int fragmentOpcode;

        Conn(Loop loop, URI uri, String subprotocol, Listener listener, long deadline) {
            this.loop = loop;
            this.uri = uri;
            this.subprotocol = subprotocol;
            this.listener = listener;
            this.deadline = deadline;
        }

        // ---- opening (loop thread)

        void start() {
            try {
                if (closed) {
                    throw new IOException("client closed");
                }
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.socket().setTcpNoDelay(true);
                int port = uri.getPort() > 0 ? uri.getPort() : 80;
                boolean done = ch.connect(new InetSocketAddress(uri.getHost(), port));
                key = ch.register(loop.selector, done ? 0 : SelectionKey.OP_CONNECT, this);
                loop.connecting.add(this);
                if (done) {
                    upgrade();
                }
            } catch (IOException | RuntimeException e) {
                drop(e);
            }
        }

        void finishConnect() throws IOException {
            if (ch.finishConnect()) {
                upgrade();
            }
        }

        private void upgrade() throws IOException {
            state = State.UPGRADING;
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            key64 = Base64.getEncoder().encodeToString(nonce);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + (port == 80 ? "" : ":" + port)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key64
                    + "\r\nSec-WebSocket-Version: 13\r\n"
                    + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
            key.interestOps(SelectionKey.OP_READ);
            enqueue(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }

        /** Reads the HTTP answer to the upgrade; false while it is incomplete. */
        private boolean readUpgrade(ByteBuffer src) throws IOException {
            int end = -1;
            for (int i = src.position(); i + 3 < src.limit(); i++) {
                if (src.get(i) == '\r' && src.get(i + 1) == '\n' && src.get(i + 2) == '\r' && src.get(i + 3) == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                if (src.remaining() > 16 * 1024) {
                    throw new IOException("HTTP answer to the upgrade too long");
                }
                return false;
            }
            byte[] head = new byte[end - src.position()];
            src.get(head);
            src.position(end + 4);
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            int code = status.length >= 2 ? parseStatus(status[1]) : -1;
            if (code != 101) {
                throw new UpgradeRefusedException(code, lines[0]);
            }
            String accept = null;
            String protocol = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("sec-websocket-accept")) {
                    accept = value;
                } else if (name.equals("sec-websocket-protocol")) {
                    protocol = value;
                }
            }
            if (!expectedAccept(key64).equals(accept)) {
                throw new IOException("bad Sec-WebSocket-Accept in the upgrade answer");
            }
            if (subprotocol != null && !subprotocol.equals(protocol)) {
                throw new IOException("the server did not agree to subprotocol " + subprotocol);
            }
            acceptedSubprotocol = protocol == null ? "" : protocol;
            state = State.OPEN;
            listener.onOpen(this);
            opened.complete(this);
            return true;
        }

        // ---- reading (loop thread)

        void read() throws IOException {
            ByteBuffer buf = loop.readBuffer;
            while (state == State.UPGRADING || state == State.OPEN) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    eof();
                    return;
                }
                if (n == 0) {
                    return;
                }
                buf.flip();
                ByteBuffer src;
                if (pending != null && pending.position() > 0) {
                    if (pending.remaining() < buf.remaining()) {
                        ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2,
                                pending.position() + buf.remaining()));
                        pending.flip();
                        bigger.put(pending);
                        pending = bigger;
                    }
                    pending.put(buf);
                    pending.flip();
                    src = pending;
                } else {
                    src = buf;
                }
                if (state == State.UPGRADING && !readUpgrade(src)) {
                    keep(src);
                    continue;
                }
                parse(src);
                keep(src);
                if (n < buf.capacity()) {
                    return;
                }
            }
        }

        /** Keeps the unparsed rest of {@code src} in {@link #pending} (write mode). */
        private void keep(ByteBuffer src) {
            if (src == pending) {
                pending.compact();
                if (pending.position() == 0 && pending.capacity() > READ_BUFFER) {
                    pending = null; // do not hold on to a big message's buffer
                }
            } else if (src.hasRemaining()) {
                pending = ByteBuffer.allocate(Math.max(4096, src.remaining() * 2));
                pending.put(src);
            }
        }

        private void parse(ByteBuffer src) throws IOException {
            while (state == State.OPEN && !inputClosed) {
                WsFrames.Header h = WsFrames.peek(src);
                if (h == null) {
                    return;
                }
                long len = h.length();
                long held = fragments == null ? 0 : fragments.size();
                if (len < 0 || len + held > maxMessageBytes) {
                    tooBig();
                    return;
                }
                if (src.limit() < h.frameEnd()) {
                    return; // the rest comes with the next read (keep() holds this part)
                }
                int start = h.payloadAt();
                int length = (int) len;
                src.position(start + length);
                byte[] arr = src.array();
                int off = src.arrayOffset() + start;
                if (h.masked()) {
                    for (int i = 0; i < length; i++) {
                        arr[off + i] ^= src.get(h.maskAt() + (i & 3));
                    }
                }
                onFrame(h.fin(), h.opcode(), arr, off, length);
            }
        }

        private void onFrame(boolean fin, int opcode, byte[] arr, int off, int len) throws IOException {
            switch (opcode) {
                case 0x1, 0x2 -> {
                    if (fin && fragments == null) {
                        message(opcode, arr, off, len);
                    } else {
                        fragments = new ByteArrayOutputStream(Math.max(256, len * 2));
                        fragmentOpcode = opcode;
                        fragments.write(arr, off, len);
                    }
                }
                case 0x0 -> {
                    if (fragments == null) {
                        throw new IOException("continuation frame without a message");
                    }
                    fragments.write(arr, off, len);
                    if (fin) {
                        byte[] whole = fragments.toByteArray();
                        fragments = null;
                        message(fragmentOpcode, whole, 0, whole.length);
                    }
                }
                case 0x8 -> {
                    int code = len >= 2 ? ((arr[off] & 0xFF) << 8) | (arr[off + 1] & 0xFF) : 1005;
                    String reason = len > 2 ? new String(arr, off + 2, len - 2, StandardCharsets.UTF_8) : "";
                    inputClosed = true;
                    closeDelivered = true;
                    if (!aborted) {
                        listener.onClose(this, code, reason);
                    }
                    if (!outputClosed) {
                        sendCloseFrame(code == 1005 || code == 1006 ? 1000 : code, "");
                    }
                    finish();
                }
                case 0x9 -> {
                    byte[] payload = java.util.Arrays.copyOfRange(arr, off, off + len);
                    if (!outputClosed) {
                        enqueue(frame(0xA, payload, true));
                    }
                    if (!aborted) {
                        listener.onPing(this, ByteBuffer.wrap(payload).asReadOnlyBuffer());
                    }
                }
                case 0xA -> {
                    if (!aborted) {
                        listener.onPong(this, ByteBuffer.wrap(arr, off, len).slice().asReadOnlyBuffer());
                    }
                }
                default -> throw new IOException("unknown WebSocket opcode " + opcode);
            }
        }

        private void message(int opcode, byte[] arr, int off, int len) {
            if (aborted) {
                return;
            }
            if (opcode == 0x1) {
                listener.onText(this, new String(arr, off, len, StandardCharsets.UTF_8), true);
            } else {
                listener.onBinary(this, ByteBuffer.wrap(arr, off, len).slice().asReadOnlyBuffer(), true);
            }
        }

        private void tooBig() {
            inputClosed = true;
            if (!outputClosed) {
                sendCloseFrame(1009, "message too big");
            }
            drop(new IOException("message larger than " + maxMessageBytes + " bytes"));
        }

        private void eof() {
            if (state == State.UPGRADING) {
                drop(new IOException("connection closed during the WebSocket upgrade"));
            } else {
                drop(new IOException("connection closed without a close frame"));
            }
        }

        /** Both sides have closed: drop the socket once the close frame is written. */
        private void finish() {
            synchronized (out) {
                if (!out.isEmpty()) {
                    return; // flushFromLoop() finishes once the queue is empty
                }
            }
            closeChannel();
            state = State.CLOSED;
        }

        void broken(Exception e) {
            drop(e instanceof IOException io ? io : new IOException(e));
        }

        /** Ends the connection: fails the open future, or reports the error (once), and closes the socket. */
        void drop(Throwable e) {
            State was = state;
            if (was == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            inputClosed = true;
            outputClosed = true;
            closeChannel();
            if (was == State.OPEN) {
                if (!aborted && !closeDelivered) {
                    listener.onError(this, e);
                }
            } else {
                opened.completeExceptionally(e);
            }
        }

        private void closeChannel() {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            synchronized (out) {
                out.clear();
            }
        }

        // ---- writing (any thread)

        private CompletableFuture<WebSocket> enqueue(ByteBuffer frame) {
            synchronized (out) {
                out.add(frame);
                if (writeInterest) {
                    return CompletableFuture.completedFuture(this);
                }
                try {
                    flushLocked();
                } catch (IOException e) {
                    out.clear();
                    loop.submit(() -> drop(e));
                    return CompletableFuture.failedFuture(e);
                }
            }
            return CompletableFuture.completedFuture(this);
        }

        /** Writes what the socket takes; asks the loop for a write event when something is left. */
        private void flushLocked() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer b = out.peek();
                ch.write(b);
                if (b.hasRemaining()) {
                    if (!writeInterest) {
                        writeInterest = true;
                        if (loop.inLoop()) {
                            setWriteInterest(true);
                        } else {
                            loop.submit(() -> setWriteInterest(true));
                        }
                    }
                    return;
                }
                out.poll();
            }
            if (writeInterest) {
                writeInterest = false;
                if (loop.inLoop()) {
                    setWriteInterest(false);
                } else {
                    loop.submit(() -> setWriteInterest(false));
                }
            }
        }

        private void setWriteInterest(boolean on) {
            SelectionKey k = key;
            if (k == null || !k.isValid()) {
                return;
            }
            synchronized (out) {
                if (on != writeInterest) {
                    return; // changed again meanwhile
                }
                int ops = SelectionKey.OP_READ | (on ? SelectionKey.OP_WRITE : 0);
                if (k.interestOps() != ops) {
                    k.interestOps(ops);
                }
            }
        }

        void flushFromLoop() throws IOException {
            boolean empty;
            synchronized (out) {
                flushLocked();
                empty = out.isEmpty();
            }
            if (empty && inputClosed && outputClosed && state == State.OPEN) {
                closeChannel();
                state = State.CLOSED;
            }
        }

        private void sendCloseFrame(int code, String reason) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + Math.min(r.length, 123)];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(r, 0, payload, 2, payload.length - 2);
            outputClosed = true;
            enqueue(frame(0x8, payload, true));
        }

        // ---- java.net.http.WebSocket

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            Objects.requireNonNull(data, "data");
            byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                if (outputClosed || state != State.OPEN) {
                    return CompletableFuture.failedFuture(new IOException("output closed"));
                }
                int opcode = sendingFragments ? 0x0 : 0x1;
                sendingFragments = !last;
                return enqueue(frame(opcode, payload, last));
            }
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            byte[] payload = new byte[data.remaining()];
            data.get(payload);
            synchronized (out) {
                if (outputClosed || state != State.OPEN) {
                    return CompletableFuture.failedFuture(new IOException("output closed"));
                }
                return enqueue(frame(0x2, payload, last));
            }
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            byte[] payload = new byte[message.remaining()];
            message.get(payload);
            synchronized (out) {
                if (outputClosed || state != State.OPEN) {
                    return CompletableFuture.failedFuture(new IOException("output closed"));
                }
                return enqueue(frame(0x9, payload, true));
            }
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            byte[] payload = new byte[message.remaining()];
            message.get(payload);
            synchronized (out) {
                if (outputClosed || state != State.OPEN) {
                    return CompletableFuture.failedFuture(new IOException("output closed"));
                }
                return enqueue(frame(0xA, payload, true));
            }
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            synchronized (out) {
                if (outputClosed || state != State.OPEN) {
                    return CompletableFuture.failedFuture(new IOException("output closed"));
                }
                sendCloseFrame(statusCode, reason == null ? "" : reason);
            }
            if (inputClosed) {
                loop.submit(this::finish);
            }
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("request(" + n + ")");
            }
            // every message is delivered as it comes (see the class comment)
        }

        @Override
        public String getSubprotocol() {
            return acceptedSubprotocol;
        }

        @Override
        public boolean isOutputClosed() {
            return outputClosed;
        }

        @Override
        public boolean isInputClosed() {
            return inputClosed;
        }

        @Override
        public void abort() {
            aborted = true;
            inputClosed = true;
            outputClosed = true;
            if (loop.inLoop()) {
                drop(new IOException("aborted"));
            } else {
                closeChannel(); // the loop notices the closed channel; nothing more is delivered
                loop.submit(() -> drop(new IOException("aborted")));
            }
        }

        @Override
        public String toString() {
            return "ws " + uri;
        }
    }

    /** A masked client frame. */
    static ByteBuffer frame(int opcode, byte[] payload, boolean fin) {
        return WsFrames.clientFrame(opcode, payload, fin);
    }

    static String expectedAccept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The server answered the upgrade with something other than 101. */
    public static final class UpgradeRefusedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UpgradeRefusedException(int status, String statusLine) {
            super("WebSocket upgrade refused: " + statusLine);
            this.status = status;
        }

        /** The HTTP status, or -1 when the answer was not HTTP. */
        public int status() {
            return status;
        }
    }
}
