package dev.poker.registry;

/**
 * The cluster registry (Redis) could not be reached in time, so the operation did not happen; it is
 * safe to retry later. Tables this node already runs are not affected: only new placements, claims,
 * lookups and membership reads fail with this exception while Redis is down.
 *
 * <p>Concurrency: immutable.
 */
public final class RegistryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String operation, Throwable cause) {
        super("the registry (Redis) is unavailable, " + operation + " failed; retry later: "
                + (cause == null ? "no cause" : cause.getMessage()), cause);
    }

    /** Always true: the operation had no effect that a retry could duplicate harmfully. */
    public boolean retryable() {
        return true;
    }
}
