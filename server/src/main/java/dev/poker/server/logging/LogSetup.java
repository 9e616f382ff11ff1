package dev.poker.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Applies the log settings of {@code ./poker serve} to logback: the format ({@code logback.xml} includes
 * {@code logback-<format>.xml}, named by the {@code POKER_LOG_FORMAT} property, read from the system properties
 * before the environment, so the flag wins; logback read earlier with another format reads it again) and the
 * {@code node} property every JSON line carries.
 *
 * <p>Concurrency: called once at start, on the main thread, before the node runs; logback's reconfiguration
 * is thread-safe for loggers in use.
 */
public final class LogSetup {
    /** The variable {@code logback.xml} reads (as a system property, else from the environment). */
    static final String PROPERTY = "POKER_LOG_FORMAT";

    private LogSetup() {}

    /**
     * Makes logback write {@code format} and tag every line with {@code nodeId}. Without logback as the SLF4J
     * binding (a test classpath with another one) there is nothing to configure.
     */
    public static void apply(LogFormat format, String nodeId) {
        System.setProperty(PROPERTY, format.appender()); // before logback's first use, which reads it
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (inEffect(context) != format) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("logback.xml could not be read again for the " + format.appender()
                        + " log format: " + e.getMessage(), e);
            }
        }
        context.putProperty(LogKeys.NODE, nodeId);
    }

    /** The format logback writes now: JSON when the appender {@code out} has the JSON encoder. */
    private static LogFormat inEffect(LoggerContext context) {
        Appender<ILoggingEvent> out = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("out");
        return out instanceof OutputStreamAppender<ILoggingEvent> o && o.getEncoder() instanceof LogstashEncoder
                ? LogFormat.JSON : LogFormat.TEXT;
    }
}
