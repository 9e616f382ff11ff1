package dev.poker.server.store;

/** The store could not be reached or refused the transaction for a reason other than fencing; retry. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(Throwable cause) {
        super("the store is unavailable: " + cause.getMessage(), cause);
    }
}
