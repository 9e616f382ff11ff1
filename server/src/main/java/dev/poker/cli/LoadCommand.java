package dev.poker.cli;

import dev.poker.load.gen.LoadCli;
import java.io.PrintStream;

/**
 * {@code ./poker load <scenario>}: load-tests a node or a cluster with simulated players (capacity,
 * throughput, storm, failover) and writes a text, JSON and HTML report. The work is done by
 * {@link LoadCli} in the load module; this only plugs it into the command line.
 *
 * <p>Concurrency: runs on the main thread (see {@link LoadCli} for its threads).
 */
final class LoadCommand implements Main.Subcommand {

    @Override
    public String summary() {
        return LoadCli.summary();
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return LoadCli.run(args, out, err);
    }
}
