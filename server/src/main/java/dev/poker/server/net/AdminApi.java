package dev.poker.server.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operator endpoints: {@code POST /admin/drain} with {@code Authorization: Bearer <POKER_ADMIN_TOKEN>}
 * starts a drain (the node stops taking players, hands its tables to the other nodes at their next
 * hand boundary, tells its clients to reconnect, then exits) and answers 202 at once. Without a
 * configured token every admin request is refused (403); a wrong or missing token gets 401.
 *
 * <p>Concurrency: thread-safe; {@code drain} is started at most once.
 */
public final class AdminApi {
    /** What to answer: status and JSON body. */
    public record Answer(int status, String body) {}

    private final byte[] token;
    private final Runnable drain;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param drain starts the drain on its own thread and returns at once */
    public AdminApi(String token, Runnable drain) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.drain = drain;
    }

    Answer handle(String method, String path, String authorization) {
        if (token.length == 0) {
            return error(403, "ADMIN_DISABLED", "Admin endpoints are off: set POKER_ADMIN_TOKEN to enable them.");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !MessageDigest.isEqual(token, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return error(401, "UNAUTHORIZED", "Send Authorization: Bearer <POKER_ADMIN_TOKEN>.");
        }
        if (!path.equals("/admin/drain")) {
            return error(404, "NOT_FOUND", "There is no admin endpoint " + path + ".");
        }
        if (!method.equals("POST")) {
            return error(405, "METHOD_NOT_ALLOWED", "Use POST /admin/drain.");
        }
        if (started.compareAndSet(false, true)) {
            drain.run();
        }
        return new Answer(202, "{\"status\":\"draining\"}");
    }

    private static Answer error(int status, String code, String message) {
        return new Answer(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
