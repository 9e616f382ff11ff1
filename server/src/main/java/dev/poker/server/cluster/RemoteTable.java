package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.Lease;
import dev.poker.registry.RegistryUnavailableException;
import dev.poker.server.ErrorCode;
import dev.poker.server.table.LocalViewers;
import dev.poker.server.table.Mailbox;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableHandle;
import dev.poker.server.table.Viewer;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A table another node owns, as seen from this one: requests and catch-ups go to the owner over the
 * bus and its answers come back. The owner is looked up in the registry and remembered until it stops
 * answering for the table. A request the owner does not answer within the forward timeout gets a
 * retryable error: it may or may not have been applied, and a retry with the same action id gets the
 * original answer, never a second effect.
 *
 * <p>Concurrency: requests run one at a time on the proxy's mailbox (a worker may block on the
 * registry), so one connection's requests reach the owner in the order sent. {@link #owner} is
 * confined to the mailbox.
 */
final class RemoteTable implements TableHandle {
    /** Tries of a request whose owner said it no longer has the table (it moved meanwhile). */
    private static final int TRIES = 3;
    /** How long a catch-up waits for a table between owners (lease expiry plus takeover, with room). */
    private static final long CATCH_UP_PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(8);
    private static final long RETRY_MS = 250;
    /** How long a request waits for a table that has no owner right now (being taken over). */
    private static final long MOVING_PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(4);

    private final String id;
    private final TableRouter router;
    private final Mailbox mailbox;
    private String owner;

    RemoteTable(String id, TableRouter router) {
        this.id = id;
        this.router = router;
        this.mailbox = new Mailbox(router.workers(), "remote table " + id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void request(Viewer from, String accountId, String displayName, ClientMessage message,
            long receivedNanos) {
        String text = router.codec().encode(message);
        long deadline = System.nanoTime() + MOVING_PATIENCE_NANOS;
        mailbox.execute(() -> forward(from, accountId, displayName, message, text, receivedNanos, 1, deadline));
    }

    /**
     * Sends a request to the table's owner. While the table has no owner (it is being taken over) the
     * request waits a little and is routed again: nothing has applied it anywhere yet.
     */
    private void forward(Viewer from, String account, String name, ClientMessage m, String text, long received,
            int attempt, long deadline) {
        Refusal refusal = new Refusal(account);
        Route route = route(m.id(), refusal);
        if (route == null) {
            if (refusal.is(ErrorCode.TABLE_MOVING) && System.nanoTime() - deadline < 0) {
                router.scheduler().schedule(RETRY_MS, () -> mailbox.execute(
                        () -> forward(from, account, name, m, text, received, attempt, deadline)));
            } else if (refusal.frame != null) {
                refusal.count(router);
                from.send(refusal.frame);
            }
            return;
        }
        if (route.local != null) {
            route.local.request(from, account, name, m, received);
            return;
        }
        String node = route.node;
        router.ask(node, rid -> new BusMessage.Forward(rid, router.nodeId(), id, account, name, text), reply -> {
            if (ErrorCode.NOT_OWNER.equals(reply.error()) && attempt < TRIES) {
                mailbox.execute(() -> {
                    forgetOwner(node);
                    forward(from, account, name, m, text, received, attempt + 1, deadline);
                });
            } else if (reply.frames() != null) {
                router.metrics().forwarded(System.nanoTime() - received);
                router.answer(id, from, reply.frames());
            } else {
                from.send(error(m.id(), ErrorCode.TABLE_MOVING, "The table is moving to another node; retry.", true));
            }
        }, () -> {
            mailbox.execute(() -> forgetOwner(node));
            from.send(error(m.id(), ErrorCode.NODE_UNREACHABLE,
                    "The table's node did not answer in time; retry (an action with the same actionId is applied once).",
                    true));
        });
    }

    @Override
    public void catchUp(String account, Long lastSeq, String requestId, boolean joining,
            Consumer<LocalViewers.CatchUp> done) {
        long deadline = System.nanoTime() + CATCH_UP_PATIENCE_NANOS;
        mailbox.execute(() -> catchUp(account, lastSeq, requestId, joining, done, deadline));
    }

    /**
     * A catch-up keeps trying while the table is between owners (its node died and the lease has not
     * expired yet, or the new owner is replaying it): a viewer that reconnects during a failover joins
     * as soon as the table runs again instead of being told to try later.
     */
    private void catchUp(String account, Long lastSeq, String requestId, boolean joining,
            Consumer<LocalViewers.CatchUp> done, long deadline) {
        Refusal refusal = new Refusal(account);
        Route route = route(requestId, refusal);
        Runnable again = () -> {
            if (System.nanoTime() - deadline >= 0) {
                done.accept(null);
            } else {
                router.scheduler().schedule(RETRY_MS,
                        () -> mailbox.execute(() -> catchUp(account, lastSeq, requestId, joining, done, deadline)));
            }
        };
        if (route == null) {
            if (refusal.is(ErrorCode.TABLE_NOT_FOUND)) {
                refusal.count(router);
                done.accept(LocalViewers.CatchUp.refused(refusal.frame)); // no such table: the requester hears why
            } else {
                again.run(); // moving, or the registry is down: try again shortly
            }
            return;
        }
        if (route.local != null) {
            route.local.catchUp(account, lastSeq, requestId, joining, done);
            return;
        }
        String node = route.node;
        router.ask(node, rid -> new BusMessage.CatchUpRequest(rid, router.nodeId(), id, account, lastSeq, requestId,
                joining), reply -> {
                    if (reply.error() != null || reply.frames() == null || reply.at() == null) {
                        mailbox.execute(() -> {
                            forgetOwner(node);
                            again.run();
                        });
                    } else {
                        done.accept(new LocalViewers.CatchUp(reply.at(), reply.frames()));
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

    /** Holds the error {@link #route} would have sent, so the caller can decide to wait instead. */
    private static final class Refusal implements Viewer {
        private final String account;
        String frame;

        Refusal(String account) {
            this.account = account;
        }

        @Override
        public String accountId() {
            return account;
        }

        @Override
        public void sendAll(List<String> frames) {
            frame = frames.get(0);
        }

        boolean is(String code) {
            return frame != null && frame.contains("\"code\":\"" + code + "\"");
        }

        /** Counts the error in the node's metrics once it is really sent. */
        void count(TableRouter router) {
            java.util.regex.Matcher m = CODE.matcher(frame);
            if (m.find()) {
                router.metrics().error(m.group(1));
            }
        }

        private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\":\"([A-Z_]+)\"");
    }

    /** Where the table runs now: here, on another node, or nowhere (then {@code from} got an error). */
    private record Route(TableActor local, String node) {}

    private Route route(String requestId, Viewer from) {
        Optional<TableActor> local = router.local(id);
        if (local.isPresent()) {
            return new Route(local.get(), null);
        }
        if (owner == null) {
            try {
                Optional<Lease> lease = router.owner(id);
                if (lease.isEmpty()) {
                    boolean exists = router.exists(id);
                    if (!exists) {
                        router.forgetProxy(id);
                    }
                    if (from != null) {
                        from.send(exists
                                ? uncounted(requestId, ErrorCode.TABLE_MOVING,
                                        "The table is moving to another node; retry in a moment.", true)
                                : uncounted(requestId, ErrorCode.TABLE_NOT_FOUND, "There is no table '" + id + "'.", false));
                    }
                    return null;
                }
                owner = lease.get().nodeId();
            } catch (RegistryUnavailableException e) {
                if (from != null) {
                    from.send(uncounted(requestId, ErrorCode.REGISTRY_UNAVAILABLE,
                            "The cluster registry is unreachable, so tables on other nodes are too; retry shortly.",
                            true));
                }
                return null;
            } catch (RuntimeException e) {
                if (from != null) {
                    from.send(uncounted(requestId, ErrorCode.STORE_UNAVAILABLE, "The table could not be found now; retry.",
                            true));
                }
                return null;
            }
        }
        if (owner.equals(router.nodeId())) {
            // this node holds the lease but has not (or no longer) a running copy: it is being taken over
            owner = null;
            if (from != null) {
                from.send(uncounted(requestId, ErrorCode.TABLE_MOVING, "The table is being resumed here; retry in a moment.",
                        true));
            }
            return null;
        }
        return new Route(null, owner);
    }

    private void forgetOwner(String node) {
        if (node.equals(owner)) {
            owner = null;
        }
    }

    private String error(String requestId, String code, String message, boolean retryable) {
        router.metrics().error(code);
        return uncounted(requestId, code, message, retryable);
    }

    /** An error frame not yet counted in {@code poker_errors_total}: the caller may wait it out instead. */
    private String uncounted(String requestId, String code, String message, boolean retryable) {
        return router.codec().encode(new ServerMessage.Error(requestId, code, message, retryable, id));
    }
}
