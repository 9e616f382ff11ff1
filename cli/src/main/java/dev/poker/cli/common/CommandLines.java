package dev.poker.cli.common;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The conventions every {@code ./poker} command line follows, on top of picocli: {@code --help} prints the
 * generated usage on standard output and exits 0; wrong arguments print one sentence ({@code poker load:
 * --players needs a whole number, not 'x'}), the usage line and a hint on standard error and exit 2; an
 * argument starting with {@code @} is an argument, not a file of arguments.
 *
 * <p>Concurrency: stateless; a {@link CommandLine} it builds belongs to one thread.
 */
public final class CommandLines {
    /** Exit status of wrong arguments. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private CommandLines() {}

    /** A command line for {@code command} (an annotated object or a {@code CommandSpec}) that writes to out and err. */
    public static CommandLine create(Object command, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setExpandAtFiles(false);
        cl.setUsageHelpWidth(110);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(CommandLines::usageError);
        return cl;
    }

    /** Runs the command the arguments name and returns its exit status. */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /**
     * Parses the arguments without running anything; wrong arguments are an IllegalArgumentException whose
     * message is one sentence for people ({@code unknown option '--x'}, {@code --players needs a value}).
     */
    public static ParseResult parse(CommandLine cl, String... args) {
        try {
            return cl.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(UsageErrors.sentence(e, args), e);
        }
    }

    /** The {@code -h}/{@code --help} option of a command built in code. */
    public static OptionSpec helpOption() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit").build();
    }

    /** An option that takes one value, kept as text for the command to check (the first name is its own). */
    public static OptionSpec textOption(String label, String description, String... names) {
        return OptionSpec.builder(names).paramLabel(label).type(String.class).arity("1").description(description)
                .build();
    }

    /**
     * The single-valued options given on the command line, by their first name, with their value (a
     * repeatable option is read with {@code ParseResult.matchedOptionValue}).
     */
    public static Map<String, String> given(ParseResult result) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : result.matchedOptions()) {
            if (!o.usageHelp() && !o.isMultiValue()) {
                values.put(o.names()[0], o.getValue());
            }
        }
        return values;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName(" ");
        err.println((command.startsWith("./") ? command.substring(2) : "poker " + command) + ": "
                + UsageErrors.sentence(e, args));
        CommandLine.Help help = cl.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("(" + command + " --help for details)");
        err.flush();
        return USAGE;
    }
}
