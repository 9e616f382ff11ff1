package dev.poker.server.table;

import dev.poker.server.account.Accounts;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Chips a command brings to the table (a buy-in, a top-up) are reserved from the player's balance
 * before the command runs: the reservation goes to the accounts off the table's thread (it may touch
 * the database), and the player's later requests wait until it is settled, so they keep their order.
 * A reservation the command no longer uses is given back.
 *
 * <p>Concurrency: confined to the table's mailbox; the accounts' answers are handed back to it.
 */
final class Reservations {

    /** What to do once the accounts answered (on the mailbox): {@code ok} false means too small a balance. */
    interface Settlement {
        void settle(String ref, Boolean ok, Throwable failure);
    }

    private final String tableId;
    private final Accounts accounts;
    private final Executor mailbox;
    private final Map<String, ArrayDeque<Runnable>> held = new HashMap<>();

    Reservations(String tableId, Accounts accounts, Executor mailbox) {
        this.tableId = tableId;
        this.accounts = accounts;
        this.mailbox = mailbox;
    }

    /** Queues {@code request} when a reservation of {@code account} is pending; false: run it now. */
    boolean deferred(String account, Runnable request) {
        ArrayDeque<Runnable> waiting = held.get(account);
        if (waiting == null) {
            return false;
        }
        waiting.add(request);
        return true;
    }

    /** Reserves {@code amount} of {@code account}'s chips for this table; {@code then} runs on the mailbox. */
    void reserve(String account, long amount, Settlement then) {
        String ref = "r" + tableId + "-" + UUID.randomUUID();
        held.put(account, new ArrayDeque<>());
        CompletableFuture<Boolean> reserved;
        try {
            reserved = accounts.reserve(account, amount, tableId, ref);
        } catch (RuntimeException e) {
            mailbox.execute(() -> release(account)); // a bug: nothing is pending, the player's requests go on
            throw e;
        }
        reserved.whenComplete((ok, failure) -> mailbox.execute(() -> {
            try {
                then.settle(ref, ok, failure);
            } finally {
                release(account);
            }
        }));
    }

    /** Gives back a reservation that no command used. */
    void giveBack(String account, long amount, String ref) {
        accounts.release(account, amount, tableId, ref);
    }

    /** Runs the requests a player sent while their reservation was pending, in order. */
    private void release(String account) {
        ArrayDeque<Runnable> waiting = held.remove(account);
        while (waiting != null && !waiting.isEmpty()) {
            ArrayDeque<Runnable> again = held.get(account);
            if (again != null) {
                again.addAll(waiting); // a new reservation started: the rest waits for it
                return;
            }
            waiting.poll().run();
        }
    }
}
