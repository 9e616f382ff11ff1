package dev.poker.server.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed session tokens: {@code accountId.expiresAtSeconds.signature}, the signature being
 * base64url(HMAC-SHA256(secret, "accountId.expiresAtSeconds")). Any node with the same secret accepts
 * the token, so a player can resume on another node.
 *
 * <p>Concurrency: thread-safe (a Mac per call).
 */
public final class SessionTokens {
    private final SecretKeySpec key;
    private final long lifetimeSeconds;

    public SessionTokens(String secret, long lifetimeSeconds) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the token secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetimeSeconds = lifetimeSeconds;
    }

    public String issue(String accountId, long nowMillis) {
        String payload = accountId + "." + (nowMillis / 1000 + lifetimeSeconds);
        return payload + "." + sign(payload);
    }

    /** The account id of a valid, unexpired token. */
    public Optional<String> verify(String token, long nowMillis) {
        if (token == null || token.length() > 256) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(token.substring(first + 1, last));
            if (expires * 1000 < nowMillis) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(token.substring(0, first));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
