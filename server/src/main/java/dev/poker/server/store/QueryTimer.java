package dev.poker.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * {@code poker_database_query_duration_seconds{kind}}: the execution time of every statement jOOQ runs, by
 * kind ({@code select}, {@code insert}, {@code update}, {@code delete}, {@code batch}, {@code other}); a failed
 * statement is timed too. The start travels in the execute context, so one listener serves every thread.
 *
 * <p>Concurrency: thread-safe; the timers are created in the constructor, and each execution's start is kept
 * in its own context.
 */
final class QueryTimer implements ExecuteListener {
    /** The kinds of statement, the values of the {@code kind} label. */
    enum Kind { SELECT, INSERT, UPDATE, DELETE, BATCH, OTHER }

    private static final String START = "poker.query.start";
    private final Map<Kind, Timer> timers = new EnumMap<>(Kind.class);

    QueryTimer(MeterRegistry registry) {
        for (Kind k : Kind.values()) {
            timers.put(k, Timer.builder("poker.database.query.duration").tag("kind", k.name().toLowerCase(Locale.ROOT))
                    .description("Execution time of a database statement, by kind")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                    .maximumExpectedValue(Duration.ofSeconds(10)).register(registry));
        }
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        record(ctx);
    }

    @Override
    public void exception(ExecuteContext ctx) {
        record(ctx);
    }

    private void record(ExecuteContext ctx) {
        if (ctx.data().remove(START) instanceof Long start) {
            timers.get(kind(ctx)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static Kind kind(ExecuteContext ctx) {
        if (ctx.batchSQL().length > 1) {
            return Kind.BATCH;
        }
        return kindOf(ctx.sql());
    }

    /** The kind of a statement from its first word. */
    static Kind kindOf(String sql) {
        if (sql == null) {
            return Kind.OTHER;
        }
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k != Kind.BATCH && k != Kind.OTHER && s.startsWith(k.name().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return s.startsWith("with") ? Kind.SELECT : Kind.OTHER;
    }
}
