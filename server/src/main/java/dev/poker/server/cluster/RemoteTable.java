package dev.poker.server.cluster;

import dev.poker.protocol.ErrorCode;
import dev.poker.registry.Lease;
import dev.poker.registry.RegistryUnavailableException;
import dev.poker.server.logging.LogKeys;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.CatchUpQuery;
import dev.poker.server.table.Mailbox;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableHandle;
import dev.poker.server.table.TableRequest;
import dev.poker.server.trace.TraceSpan;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A table another node owns, as seen from this one: requests and catch-ups go to the owner over the
 * bus and its typed answers come back. The owner is looked up in the registry and remembered until it
 * stops answering for the table. A request the owner does not answer within the forward timeout gets a
 * retryable error: it may or may not have been applied, and a retry with the same action id gets the
 * original answer, never a second effect. A traced request's trip to the owner is a {@code poker.forward}
 * span whose context travels in the bus message. An accepted request's ack reaches the requester inside the
 * table's batch stream (the owner only says it was accepted), so it never overtakes its events.
 *
 * <p>Concurrency: requests run one at a time on the proxy's mailbox (a worker may block on the
 * registry), so one connection's requests reach the owner in the order sent. {@link #owner} is
 * confined to the mailbox.
 */
final class RemoteTable implements TableHandle {
    /** Tries of a request whose owner said it no longer has the table (it moved meanwhile). */
    private static final int TRIES = 3;
    /** How long a catch-up waits for a table between owners (lease expiry plus takeover, with room). */
    private static final long CATCH_UP_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final long RETRY_MS = 250;
    /** How long a request waits for a table that has no owner right now (being taken over). */
    private static final long MOVING_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final String id;
    private final TableRouter router;
    private final Mailbox mailbox;
    private String owner;

    RemoteTable(String id, TableRouter router) {
        this.id = id;
        this.router = router;
        this.mailbox = new Mailbox(router.workers(), "remote table " + id);
        mailbox.logAs(() -> LogKeys.table(id, 0));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void request(TableRequest r) {
        long deadline = System.nanoTime() + MOVING_PATIENCE_NANOS;
        mailbox.execute(() -> forward(r, 1, deadline));
    }

    /**
     * Sends a request to the table's owner. While the table has no owner (it is being taken over) the
     * request waits a little and is routed again: nothing has applied it anywhere yet.
     */
    private void forward(TableRequest r, int attempt, long deadline) {
        String requestId = r.message().id();
        Route route = route();
        if (route instanceof Route.Refused refused) {
            if (refused.code() == ErrorCode.TABLE_MOVING && System.nanoTime() - deadline < 0) {
                router.scheduler().schedule(RETRY_MS, () -> mailbox.execute(() -> forward(r, attempt, deadline)));
            } else {
                r.from().reply(router.error(requestId, refused.code(), refused.message(), id));
            }
            return;
        }
        if (route instanceof Route.Local local) {
            local.table().request(r);
            return;
        }
        String node = ((Route.Remote) route).node();
        TraceSpan call = r.trace() == null ? TraceSpan.NONE : r.trace().forward(node, id);
        router.ask(node, rid -> new BusMessage.Forward(rid, router.nodeId(), id, r.account(), r.displayName(),
                r.message(), r.from().origin().connection(), r.watching(), call.traceparent()), answer -> {
                    if (answer instanceof BusMessage.Refused no) {
                        call.failed(no.code());
                    } else if (answer instanceof BusMessage.Message m) {
                        call.answered(m.message());
                    } else {
                        call.end();
                    }
                    if (answer instanceof BusMessage.Refused no && no.code() == ErrorCode.NOT_OWNER && attempt < TRIES) {
                        mailbox.execute(() -> {
                            forgetOwner(node);
                            forward(r, attempt + 1, deadline);
                        });
                    } else if (answer instanceof BusMessage.Message m) {
                        router.metrics().forwarded(System.nanoTime() - r.receivedNanos());
                        r.from().reply(m.message());
                    } else if (answer instanceof BusMessage.Accepted ok) {
                        router.metrics().forwarded(System.nanoTime() - r.receivedNanos());
                        r.from().ackInStream(id, ok.requestId(), ok.seq());
                    } else {
                        r.from().reply(router.error(requestId, ErrorCode.TABLE_MOVING,
                                "The table is moving to another node; retry.", id));
                    }
                }, () -> {
                    call.failed(ErrorCode.NODE_UNREACHABLE);
                    mailbox.execute(() -> forgetOwner(node));
                    r.from().reply(router.error(requestId, ErrorCode.NODE_UNREACHABLE,
                            "The table's node did not answer in time; retry (an action with the same actionId is"
                                    + " applied once).", id));
                });
    }

    @Override
    public void catchUp(CatchUpQuery query, Consumer<CatchUp> done) {
        long deadline = System.nanoTime() + CATCH_UP_PATIENCE_NANOS;
        mailbox.execute(() -> catchUp(query, done, deadline));
    }

    /**
     * A catch-up keeps trying while the table is between owners (its node died and the lease has not
     * expired yet, or the new owner is replaying it): a viewer that reconnects during a failover joins
     * as soon as the table runs again instead of being told to try later.
     */
    private void catchUp(CatchUpQuery query, Consumer<CatchUp> done, long deadline) {
        Runnable again = () -> {
            if (System.nanoTime() - deadline >= 0) {
                done.accept(null);
            } else {
                router.scheduler().schedule(RETRY_MS, () -> mailbox.execute(() -> catchUp(query, done, deadline)));
            }
        };
        Route route = route();
        if (route instanceof Route.Refused refused) {
            if (refused.code() == ErrorCode.TABLE_NOT_FOUND) {
                // no such table: the requester hears why
                done.accept(CatchUp.refused(router.error(query.requestId(), refused.code(), refused.message(), id)));
            } else {
                again.run(); // moving, or the registry is down: try again shortly
            }
            return;
        }
        if (route instanceof Route.Local local) {
            local.table().catchUp(query, done);
            return;
        }
        String node = ((Route.Remote) route).node();
        router.ask(node, rid -> new BusMessage.CatchUpRequest(rid, router.nodeId(), id, query), answer -> {
            if (answer instanceof BusMessage.CaughtUp c) {
                done.accept(c.catchUp());
            } else {
                mailbox.execute(() -> {
                    forgetOwner(node);
                    again.run();
                });
            }
        }, () -> mailbox.execute(() -> {
            forgetOwner(node);
            again.run();
        }));
    }

    @Override
    public void left(String account) {
        mailbox.execute(() -> {
            Optional<TableActor> local = router.local(id);
            if (local.isPresent()) {
                local.get().left(account);
            } else if (owner != null) {
                router.tell(owner, new BusMessage.Left(router.nodeId(), id, account));
            }
        });
    }

    /** Where the table runs now: here, on another node, or nowhere (with the reason). */
    private sealed interface Route {
        record Local(TableActor table) implements Route {}

        record Remote(String node) implements Route {}

        record Refused(ErrorCode code, String message) implements Route {}
    }

    private Route route() {
        Optional<TableActor> local = router.local(id);
        if (local.isPresent()) {
            return new Route.Local(local.get());
        }
        if (owner == null) {
            try {
                Optional<Lease> lease = router.owner(id);
                if (lease.isEmpty()) {
                    if (router.exists(id)) {
                        return new Route.Refused(ErrorCode.TABLE_MOVING,
                                "The table is moving to another node; retry in a moment.");
                    }
                    router.forgetProxy(id);
                    return new Route.Refused(ErrorCode.TABLE_NOT_FOUND, "There is no table '" + id + "'.");
                }
                owner = lease.get().nodeId();
            } catch (RegistryUnavailableException e) {
                return new Route.Refused(ErrorCode.REGISTRY_UNAVAILABLE,
                        "The cluster registry is unreachable, so tables on other nodes are too; retry shortly.");
            } catch (RuntimeException e) {
                return new Route.Refused(ErrorCode.STORE_UNAVAILABLE, "The table could not be found now; retry.");
            }
        }
        if (owner.equals(router.nodeId())) {
            // this node holds the lease but has not (or no longer) a running copy: it is being taken over
            owner = null;
            return new Route.Refused(ErrorCode.TABLE_MOVING, "The table is being resumed here; retry in a moment.");
        }
        return new Route.Remote(owner);
    }

    private void forgetOwner(String node) {
        if (node.equals(owner)) {
            owner = null;
        }
    }
}
