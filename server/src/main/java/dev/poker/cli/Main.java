package dev.poker.cli;

import dev.poker.cli.common.CommandLines;
import dev.poker.cli.common.HelpOption;
import dev.poker.server.NodeConfigParser;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The node's command line, {@code poker.jar}: {@code ./poker serve|phh|ledger [args]}. Each command prints its
 * generated usage on {@code --help} and one sentence (exit status 2) on wrong arguments
 * ({@link CommandLines}). The bots and the load generator are another jar ({@code poker-load.jar}), which the
 * launcher runs for {@code ./poker bots} and {@code ./poker load}.
 *
 * <p>Concurrency: runs once on the main thread.
 */
@Command(name = "./poker", synopsisHeading = "usage: ",
        customSynopsis = "./poker <command> [arguments]   (./poker <command> --help for details)",
        optionListHeading = "%n", commandListHeading = "%nCommands of the node's jar (server/target/poker.jar):%n",
        subcommands = {ServeCommand.class, PhhCommand.class, LedgerCommand.class, HelpCommand.class},
        footerHeading = "%n", footer = {
            "Run by the launcher script: ./poker test (every test), ./poker cluster (a local cluster),",
            "./poker bots and ./poker load (load/target/poker-load.jar, which the launcher builds on demand)."})
public final class Main implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command the arguments name, with the node settings' environment {@code env}; the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return CommandLines.execute(commandLine(out, err, env), args);
    }

    /** The command line with every command and every node setting as an option. */
    static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = CommandLines.create(new Main(), out, err);
        NodeConfigParser.addOptions(cl.getSubcommands().get("serve").getCommandSpec(), NodeConfigParser.SETTINGS,
                env);
        NodeConfigParser.addOptions(cl.getSubcommands().get("ledger").getSubcommands().get("check")
                .getCommandSpec(), NodeConfigParser.DATABASE, env);
        return cl;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which command? serve, phh or ledger");
    }
}
