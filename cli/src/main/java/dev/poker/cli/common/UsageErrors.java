package dev.poker.cli.common;

import java.util.Arrays;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One sentence for people for each kind of wrong argument picocli finds: {@code unknown option '--x'},
 * {@code unexpected argument 'x'}, {@code unknown subcommand 'x'}, {@code --players needs a value},
 * {@code --players is required}, {@code no PATH given}, {@code --players given twice}. A command's own
 * checks throw a {@link ParameterException} whose message is already such a sentence.
 *
 * <p>Concurrency: stateless.
 */
final class UsageErrors {
    private UsageErrors() {}

    /** The sentence for {@code e}, which came from parsing {@code args}. */
    static String sentence(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-") && first.length() > 1) {
                int eq = first.indexOf('=');
                return "unknown option '" + (eq > 0 ? first.substring(0, eq) : first) + "'";
            }
            if (u.getCommandLine().getSubcommands().isEmpty()) {
                return "unexpected argument '" + first + "'";
            }
            return (u.getCommandLine().getParent() == null ? "unknown command '" : "unknown subcommand '") + first
                    + "'";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                return o.names()[0] + (named(o, args) ? " needs a value" : " is required");
            }
            return "no " + missing.paramLabel() + " given";
        }
        if (e instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            return option.names()[0] + " given twice";
        }
        return e.getMessage();
    }

    private static boolean named(OptionSpec o, String[] args) {
        return Arrays.stream(args).anyMatch(a -> Arrays.stream(o.names())
                .anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
    }
}
