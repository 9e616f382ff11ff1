package dev.poker.cli;

import dev.poker.cli.common.HelpOption;
import dev.poker.server.NodeConfigParser;
import dev.poker.server.store.Database;
import dev.poker.server.store.Durability;
import dev.poker.server.store.LedgerCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./poker ledger check}: verifies the chip ledger against balances and tables, prints every
 * discrepancy, and exits 1 when there is any. Uses the database settings of {@code serve} (flags or
 * {@code POKER_DB_*}, {@code POKER_DATA_DIR}).
 *
 * <p>Concurrency: main thread.
 */
@Command(name = "ledger", synopsisHeading = "usage: ",
        customSynopsis = "./poker ledger check [--db-url URL --db-user U --db-password P | --data-dir DIR]",
        description = "verify the chip ledger against balances and tables (ledger check)",
        subcommands = {LedgerCommand.Check.class, HelpCommand.class})
final class LedgerCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which subcommand? check");
    }

    @Command(name = "check", synopsisHeading = "usage: ",
            customSynopsis = "./poker ledger check [--db-url URL --db-user U --db-password P | --data-dir DIR]",
            description = {"Verifies that every ledger transaction balances, that every balance matches the ledger,",
                "that each table's ledger account matches the chips its events put on it, that the rake",
                "account matches the rake taken, and that balances + tables + rake = chips issued.",
                "Prints each discrepancy; exits 1 when there is any."},
            descriptionHeading = "%n", optionListHeading = "%n", sortOptions = false)
    static final class Check implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(NodeConfigParser.text(spec, "POKER_DB_URL"),
                    NodeConfigParser.text(spec, "POKER_DB_USER"), NodeConfigParser.text(spec, "POKER_DB_PASSWORD"),
                    NodeConfigParser.text(spec, "POKER_DATA_DIR"), 2, Durability.NOT_WRITING)) {
                LedgerCheck.Report r = new LedgerCheck(db).run();
                for (String p : r.problems()) {
                    out.println("DISCREPANCY: " + p);
                }
                out.printf("issued %d = balances %d + on tables %d + reserved %d + rake %d: %s%n", r.issued(),
                        r.balances(), r.onTables(), r.reservedUnseated(), r.rake(),
                        r.clean() ? "ledger OK" : r.problems().size() + " discrepancies");
                return r.clean() ? 0 : 1;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("poker ledger check: cannot read the database: " + e.getMessage());
                return 1;
            }
        }
    }
}
