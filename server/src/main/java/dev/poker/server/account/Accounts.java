package dev.poker.server.account;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Player accounts and their balances. Chips leave a balance only through {@link #reserve} (a buy-in
 * or top-up, moved to the table's ledger account at once) and come back through a cash-out, which the
 * event store posts in the same transaction as the event that caused it, or through {@link #release}
 * when a reserved buy-in was not used. So balances plus chips on tables plus rake stay equal to the
 * chips issued. Methods may block on a database: call them off event loops and actors.
 */
public interface Accounts {

    /** Creates a guest account with the configured starting balance. */
    Account createGuest(String name);

    Optional<Account> find(String accountId);

    /**
     * Moves {@code amount} from the player's balance to the table, recorded under {@code ref}; completes
     * with false (nothing moved) when the balance does not cover it.
     */
    CompletableFuture<Boolean> reserve(String accountId, long amount, String tableId, String ref);

    /** Gives back a reservation that was not used (the seat was taken meanwhile, say). */
    CompletableFuture<Void> release(String accountId, long amount, String tableId, String ref);

    /** Chips ever issued to accounts (starting balances). */
    long chipsIssued();

    /** Sum of all balances. */
    long totalBalances();
}
