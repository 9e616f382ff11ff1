package dev.poker.server.account;

import java.util.Optional;

/**
 * Player accounts and their balances. Chips leave a balance only through {@link #tryDebit} (buy-in,
 * top-up) and come back through {@link #credit} (cash-out), so balances plus chips on tables stay equal
 * to the chips issued.
 */
public interface Accounts {

    /** Creates a guest account with the configured starting balance. */
    Account createGuest(String name);

    Optional<Account> find(String accountId);

    /** Takes {@code amount} from the balance if it is there; false (and nothing taken) otherwise. */
    boolean tryDebit(String accountId, long amount);

    /** Adds {@code amount} to the balance. */
    void credit(String accountId, long amount);

    /** Chips ever issued to accounts (starting balances). */
    long chipsIssued();

    /** Sum of all balances. */
    long totalBalances();
}
