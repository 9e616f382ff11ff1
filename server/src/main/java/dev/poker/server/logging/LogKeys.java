package dev.poker.server.logging;

import org.slf4j.MDC;

/**
 * The names under which a log line carries its context (SLF4J's MDC; JSON lines have them as fields): the
 * table and hand a table actor is working on, the account whose message a connection is handling, the error
 * code of a failure, and the OpenTelemetry trace and span ids (put there by the tracing code). {@code node}
 * is a logback context property, on every line.
 *
 * <p>Concurrency: stateless; the MDC is per thread.
 */
public final class LogKeys {
    public static final String NODE = "node";
    public static final String TABLE = "table";
    public static final String HAND = "hand";
    public static final String ACCOUNT = "account";
    public static final String ERROR_CODE = "error_code";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private LogKeys() {}

    /** Tags this thread's log lines with a table and its hand (0: between hands, left out). */
    public static void table(String tableId, long hand) {
        MDC.put(TABLE, tableId);
        if (hand > 0) {
            MDC.put(HAND, Long.toString(hand));
        } else {
            MDC.remove(HAND);
        }
    }

    /** Removes what {@link #table} put. */
    public static void noTable() {
        MDC.remove(TABLE);
        MDC.remove(HAND);
    }

    /** Tags this thread's log lines with an account (null: none yet, left out). */
    public static void account(String accountId) {
        if (accountId != null) {
            MDC.put(ACCOUNT, accountId);
        }
    }

    /** Removes what {@link #account} put. */
    public static void noAccount() {
        MDC.remove(ACCOUNT);
    }

    /** Runs {@code logging} with {@code code} (an error catalogue code) in this thread's log context. */
    public static void withErrorCode(String code, Runnable logging) {
        MDC.put(ERROR_CODE, code);
        try {
            logging.run();
        } finally {
            MDC.remove(ERROR_CODE);
        }
    }
}
