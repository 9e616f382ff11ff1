package dev.poker.load;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * WebSocket URLs given on a command line ({@code --url}).
 *
 * <p>Concurrency: stateless.
 */
public final class WsUrls {
    private WsUrls() {}

    /** A {@code ws://} or {@code wss://} URL with a host, or an IllegalArgumentException saying what is wrong. */
    public static URI parse(String value) {
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: '" + value + "'");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("ws") || u.getScheme().equals("wss"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("--url must be ws://HOST[:PORT]/PATH or wss://..., not '" + value + "'");
        }
        return u;
    }
}
