package dev.poker.load.bot;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A WebSocket without a socket: records what the client sends (or hands it to a server callback) and lets
 * a test deliver text to the client's listener in as many parts as it likes. With {@code manual} sends,
 * each send stays outstanding until the test completes it, and overlapping sends (which the JDK forbids)
 * are counted.
 */
final class FakeWebSocket implements WebSocket {
    final WebSocket.Listener listener;
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger overlaps = new AtomicInteger();
    final Deque<CompletableFuture<WebSocket>> outstanding = new ArrayDeque<>();
    volatile Consumer<String> onSend = s -> {};
    volatile Runnable onSendClose = () -> {};
    volatile boolean manual;
    volatile boolean outputClosed;
    volatile boolean aborted;
    volatile Integer closeCode;
    private int inFlight;

    FakeWebSocket(WebSocket.Listener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        if (inFlight > 0) {
            overlaps.incrementAndGet();
        }
        if (outputClosed) {
            return CompletableFuture.failedFuture(new java.io.IOException("output closed"));
        }
        sent.add(data.toString());
        if (manual) {
            inFlight++;
            CompletableFuture<WebSocket> f = new CompletableFuture<>();
            outstanding.add(f);
            return f;
        }
        onSend.accept(data.toString());
        return CompletableFuture.completedFuture(this);
    }

    /** Completes the oldest outstanding manual send. */
    void completeOne() {
        CompletableFuture<WebSocket> f;
        synchronized (this) {
            f = outstanding.poll();
            if (f == null) {
                throw new IllegalStateException("nothing outstanding");
            }
            inFlight--;
        }
        f.complete(this);
    }

    synchronized int outstanding() {
        return outstanding.size();
    }

    /** Delivers {@code text} to the client in {@code parts} pieces. */
    void deliver(String text, int parts) {
        if (text.isEmpty()) {
            listener.onText(this, "", true);
            return;
        }
        int n = Math.max(1, Math.min(parts, text.length()));
        int size = (text.length() + n - 1) / n;
        for (int i = 0; i < text.length(); i += size) {
            int end = Math.min(text.length(), i + size);
            listener.onText(this, text.substring(i, end), end == text.length());
        }
    }

    /** The server closes the connection. */
    void serverClose(int code, String reason) {
        outputClosed = true;
        listener.onClose(this, code, reason);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        closeCode = statusCode;
        outputClosed = true;
        onSendClose.run();
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void request(long n) {}

    @Override
    public String getSubprotocol() {
        return "poker.v1";
    }

    @Override
    public boolean isOutputClosed() {
        return outputClosed;
    }

    @Override
    public boolean isInputClosed() {
        return aborted;
    }

    @Override
    public void abort() {
        aborted = true;
        outputClosed = true;
    }
}
