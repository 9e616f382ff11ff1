package dev.poker.load.gen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a node's {@code GET /health} (same host and port as its WebSocket URL): whether the node still
 * answers after a storm, and what it says about itself.
 *
 * <p>Concurrency: stateless.
 */
final class HealthProbe {
    /** {@code status} is the HTTP status, or -1 with {@code error} when nothing answered. */
    record Result(int status, String body, String error) {
        boolean answered() {
            return status > 0;
        }

        /** Short: the status and what the node says of itself ({@code status}, {@code connections}). */
        String describe() {
            if (!answered()) {
                return "no answer (" + error + ")";
            }
            FrameFields f = FrameFields.scan(body);
            String state = f.status();
            long conns = f.connections(-1);
            return "HTTP " + status + (state == null ? "" : " " + state)
                    + (conns < 0 ? "" : ", " + conns + " connections");
        }
    }

    private HealthProbe() {}

    static URI healthUri(URI ws) {
        String scheme = "wss".equals(ws.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + ws.getHost() + (ws.getPort() > 0 ? ":" + ws.getPort() : "") + "/health");
    }

    static Result get(HttpClient http, URI ws) {
        return get(http, ws, Duration.ofSeconds(5));
    }

    static Result get(HttpClient http, URI ws, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(healthUri(ws)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body().strip();
            return new Result(r.statusCode(), body.length() > 300 ? body.substring(0, 300) + "..." : body, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        } catch (Exception e) {
            return new Result(-1, "", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
