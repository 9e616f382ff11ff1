package dev.poker.server.account;

import java.security.SecureRandom;

/**
 * Account ids: "a" followed by 16 lower-case base-32 characters (80 random bits).
 *
 * <p>Concurrency: stateless.
 */
public final class AccountIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private AccountIds() {}

    public static String next(SecureRandom random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(17).append('a');
        long bits = 0;
        int n = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xff);
            n += 8;
            while (n >= 5) {
                sb.append(ALPHABET[(int) (bits >>> (n - 5)) & 31]);
                n -= 5;
            }
        }
        return sb.toString();
    }
}
