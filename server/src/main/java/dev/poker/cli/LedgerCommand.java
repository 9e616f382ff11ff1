package dev.poker.cli;

import dev.poker.server.NodeConfig;
import dev.poker.server.NodeConfigParser;
import dev.poker.server.store.Database;
import dev.poker.server.store.LedgerCheck;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code ./poker ledger check}: verifies the chip ledger against balances and tables, prints every
 * discrepancy, and exits 1 when there is any. Uses the same database settings as {@code serve}.
 *
 * <p>Concurrency: main thread.
 */
final class LedgerCommand implements Main.Subcommand {

    @Override
    public String summary() {
        return "verify the chip ledger against balances and tables (ledger check)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println("""
                    usage: ./poker ledger check [--db-url URL --db-user U --db-password P | --data-dir DIR]

                    Verifies that every ledger transaction balances, that every balance matches the ledger,
                    that each table's ledger account matches the chips its events put on it, that the rake
                    account matches the rake taken, and that balances + tables + rake = chips issued.
                    Prints each discrepancy; exits 1 when there is any. Reads POKER_DB_URL, POKER_DB_USER,
                    POKER_DB_PASSWORD and POKER_DATA_DIR like ./poker serve.""");
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("check")) {
            err.println("poker ledger: unknown subcommand '" + args[0] + "' (try: ./poker ledger check)");
            return 2;
        }
        NodeConfig config;
        try {
            config = NodeConfigParser.parse(Arrays.copyOfRange(args, 1, args.length), System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("poker ledger check: " + e.getMessage());
            return 2;
        }
        try (Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir(), 2)) {
            LedgerCheck.Report r = new LedgerCheck(db).run();
            for (String p : r.problems()) {
                out.println("DISCREPANCY: " + p);
            }
            out.printf("issued %d = balances %d + on tables %d + reserved %d + rake %d: %s%n", r.issued(),
                    r.balances(), r.onTables(), r.reservedUnseated(), r.rake(),
                    r.clean() ? "ledger OK" : r.problems().size() + " discrepancies");
            return r.clean() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("poker ledger check: cannot read the database: " + e.getMessage());
            return 1;
        }
    }
}
