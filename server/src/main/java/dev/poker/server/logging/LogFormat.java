package dev.poker.server.logging;

import java.util.Locale;

/**
 * How the node writes its log: {@link #TEXT} lines for a terminal (the default), or {@link #JSON}, one JSON
 * object per line for a log collector. Each is an appender of the same name in {@code logback.xml}.
 *
 * <p>Concurrency: immutable.
 */
public enum LogFormat {
    TEXT, JSON;

    /** The name of the setting, for messages. */
    static final String SETTING = "--log-format (POKER_LOG_FORMAT)";

    /** The appender of {@code logback.xml} that writes this format. */
    public String appender() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} or {@code json}, in any case; anything else is refused with a sentence naming the setting. */
    public static LogFormat parse(String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "text", "" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(SETTING + " must be text or json, got '" + raw + "'");
        };
    }
}
