package dev.poker.cli;

import dev.poker.engine.deck.SecureDeckSource;
import dev.poker.server.NodeConfig;
import dev.poker.server.NodeConfigParser;
import dev.poker.server.PokerNode;
import dev.poker.server.NodeParts;
import dev.poker.server.time.SystemScheduler;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./poker serve}: runs a node until SIGTERM or Ctrl-C, then shuts it down gracefully.
 *
 * <p>Concurrency: main thread; the shutdown hook runs on its own thread.
 */
final class ServeCommand implements Main.Subcommand {

    @Override
    public String summary() {
        return "run a poker node (standalone by default; in a cluster with POKER_REDIS_URL)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("usage: ./poker serve [--port N] [--host ADDR] [...]");
            out.println();
            out.println("Runs a node: WebSocket at ws://HOST:PORT/ws (subprotocol poker.v1), /health, /metrics,");
            out.println("/api/tables. Every setting is a flag or an environment variable:");
            out.println();
            out.print(NodeConfigParser.usage());
            return 0;
        }
        NodeConfig config;
        try {
            config = NodeConfigParser.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("poker serve: " + e.getMessage());
            return 2;
        }
        SystemScheduler scheduler = new SystemScheduler();
        PokerNode node;
        try {
            node = new PokerNode(NodeParts.of(config, scheduler, new SecureDeckSource()));
            node.afterDrain(() -> System.exit(0));
            node.start();
        } catch (RuntimeException e) {
            err.println("poker serve: cannot start: " + e.getMessage());
            scheduler.close();
            return 1;
        }
        out.println("poker node " + config.nodeId() + " listening on ws://" + config.host() + ":" + node.port() + "/ws");
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
