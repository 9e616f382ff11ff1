package dev.poker.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The product's command line: {@code ./poker <command> [args]}. Each command prints its usage on
 * {@code --help} and a clear message (exit status 2) on wrong arguments.
 *
 * <p>Concurrency: runs once on the main thread.
 */
public final class Main {
    private Main() {}

    /** A subcommand: runs with its own arguments and returns the process exit status. */
    interface Subcommand {
        String summary();

        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    static Map<String, Subcommand> commands() {
        Map<String, Subcommand> commands = new LinkedHashMap<>();
        commands.put("serve", new ServeCommand());
        commands.put("phh", new PhhCommand());
        commands.put("bots", new BotsCommand());
        commands.put("ledger", new LedgerCommand());
        commands.put("load", new LoadCommand());
        return commands;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Subcommand> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Subcommand command = commands.get(args[0]);
        if (command == null) {
            err.println("poker: unknown command '" + args[0] + "'");
            usage(commands, err);
            return 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private static void usage(Map<String, Subcommand> commands, PrintStream to) {
        to.println("usage: ./poker <command> [arguments]   (./poker <command> --help for details)");
        to.println();
        to.println("  test" + " ".repeat(12) + "run every test (handled by the launcher script)");
        commands.forEach((name, c) -> to.println("  " + name + " ".repeat(Math.max(1, 16 - name.length())) + c.summary()));
    }
}
