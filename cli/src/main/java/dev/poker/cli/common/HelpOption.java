package dev.poker.cli.common;

import picocli.CommandLine.Option;

/**
 * The {@code -h}/{@code --help} option of an annotated command ({@code @Mixin HelpOption help;}).
 *
 * <p>Concurrency: written once by the parser, on the thread that parses.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}
