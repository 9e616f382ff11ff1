package dev.poker.cli;

import dev.poker.cli.common.HelpOption;
import dev.poker.engine.deck.SecureDeckSource;
import dev.poker.server.NodeConfig;
import dev.poker.server.NodeConfigParser;
import dev.poker.server.NodeParts;
import dev.poker.server.PokerNode;
import dev.poker.server.logging.LogFormat;
import dev.poker.server.logging.LogSetup;
import dev.poker.server.time.SystemScheduler;
import dev.poker.server.trace.Tracing;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./poker serve}: runs a node until SIGTERM or Ctrl-C, then shuts it down gracefully. Its options are
 * the node settings, added by {@link NodeConfigParser#addOptions}. With {@code --log-format json} everything the
 * node writes is a JSON log line, its start and failure messages included.
 *
 * <p>Concurrency: main thread; the shutdown hook runs on its own thread.
 */
@Command(name = "serve", synopsisHeading = "usage: ", customSynopsis = "./poker serve [--port N] [--host ADDR] [...]",
        description = {"run a poker node (standalone by default; in a cluster with POKER_REDIS_URL)", "",
            "Runs a node: WebSocket at ws://HOST:PORT/ws (subprotocol poker.v1), /health, /metrics,",
            "/api/tables. Every setting is a flag or an environment variable (POKER_*); flags win."},
        descriptionHeading = "%n", optionListHeading = "%n", sortOptions = false)
final class ServeCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig config;
        LogFormat logFormat;
        boolean tracing;
        try {
            config = NodeConfigParser.read(spec);
            logFormat = LogFormat.parse(NodeConfigParser.text(spec, "POKER_LOG_FORMAT"));
            tracing = NodeConfigParser.tracing(spec);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        LogSetup.apply(logFormat, config.nodeId());
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        PrintWriter out = spec.commandLine().getOut();
        SystemScheduler scheduler = new SystemScheduler();
        PokerNode node;
        try {
            node = new PokerNode(NodeParts.of(config, scheduler, new SecureDeckSource()),
                    tracing ? Tracing.fromEnvironment(config.nodeId()) : Tracing.off());
            node.afterDrain(() -> System.exit(0));
            node.start();
        } catch (RuntimeException e) {
            if (logFormat == LogFormat.JSON) {
                log.error("poker serve: cannot start: {}", e.getMessage(), e);
            } else {
                spec.commandLine().getErr().println("poker serve: cannot start: " + e.getMessage());
            }
            scheduler.close();
            return 1;
        }
        String listening = "poker node " + config.nodeId() + " listening on ws://" + config.host() + ":" + node.port()
                + "/ws";
        if (logFormat == LogFormat.JSON) {
            log.info(listening); // every line of a JSON-logging node is JSON
        } else {
            out.println(listening);
            out.flush();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            scheduler.close();
            stopped.countDown();
        }, "poker-shutdown"));
        stopped.await();
        return 0;
    }
}
