package dev.poker.load.cli;

import dev.poker.cli.common.CommandLines;
import dev.poker.cli.common.HelpOption;
import dev.poker.load.gen.LoadCli;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load tools' command line, {@code load/target/poker-load.jar}: {@code ./poker bots} and
 * {@code ./poker load <scenario>}, which the launcher runs from this jar, apart from the node's
 * {@code poker.jar}. Same conventions as the node's commands ({@link CommandLines}).
 *
 * <p>Concurrency: runs once on the main thread.
 */
@Command(name = "./poker", synopsisHeading = "usage: ",
        customSynopsis = "./poker bots|load [arguments]   (./poker bots --help, ./poker load --help)",
        optionListHeading = "%n", commandListHeading = "%nCommands of the load tools' jar (load/target/poker-load.jar):%n")
public final class LoadTools implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command the arguments name; the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLines.execute(commandLine(out, err), args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandSpec root = CommandSpec.forAnnotatedObject(new LoadTools());
        root.addSubcommand("bots", new CommandLine(new BotsCommand(out, err).spec()));
        root.addSubcommand("load", new CommandLine(new LoadCli(out, err).spec()));
        root.addSubcommand("help", new CommandLine(new HelpCommand()));
        return CommandLines.create(root, out, err);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which command? bots or load");
    }
}
