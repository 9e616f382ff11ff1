package dev.poker.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds {@code N} idle, authenticated WebSocket connections to a node for {@code S} seconds (each
 * says hello as a guest and then stays silent), for measuring a node's memory per idle connection
 * with {@code bench/run-idle-memory.sh}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.poker.bench.IdleConnections ws://127.0.0.1:8080/ws N S}
 *
 * <p>Concurrency: JDK WebSocket threads count down a latch; the main thread waits.
 */
public final class IdleConnections {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        CountDownLatch welcomed = new CountDownLatch(n);
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            sockets.add(http.newWebSocketBuilder().subprotocols("poker.v1").buildAsync(uri, new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket ws) {
                    ws.sendText("{\"type\":\"hello\",\"id\":\"h\",\"name\":\"idle" + id + "\"}", true);
                    ws.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    if (data.toString().contains("\"welcome\"")) {
                        welcomed.countDown();
                    }
                    ws.request(1);
                    return null;
                }
            }));
            if (i % 200 == 199) {
                Thread.sleep(200); // stay under the node's handshake backlog
            }
        }
        boolean all = welcomed.await(120, TimeUnit.SECONDS);
        System.out.println((n - welcomed.getCount()) + " of " + n + " connections welcomed" + (all ? "" : " (timed out)"));
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        for (CompletableFuture<WebSocket> f : sockets) {
            f.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        }
        Thread.sleep(1_000);
    }
}
