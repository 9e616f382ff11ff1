package dev.poker.server.cluster;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.TableActor;
import dev.poker.server.table.TableDirectory;
import dev.poker.server.table.TableRequest;
import dev.poker.server.table.Viewer;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import dev.poker.server.trace.Tracing;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The owner's side of forwarding: runs the requests and catch-ups other nodes send for the tables
 * this node owns, and answers them with typed {@link BusMessage.Answer}s; opens tables placement chose
 * this node for; passes messages for accounts to this node's connections; hands answers to this
 * node's own requests to {@link BusRequests}. A forwarded request that carries a trace context runs
 * under a {@code poker.forwarded} span (SERVER) that ends when the owner answers it.
 *
 * <p>Concurrency: stateless; called on the bus's dispatch threads and never blocks them.
 */
final class ForwardedRequests {

    /** Opens a table on this node for a create request forwarded by another node. */
    @FunctionalInterface
    interface CreateHandler {
        void create(ClientMessage.CreateTable c, Consumer<ServerMessage> answer);
    }

    private final String nodeId;
    private final TableDirectory tables;
    private final BusRequests requests;
    private final CreateHandler creator;
    private final BiConsumer<String, ServerMessage> toAccount;
    private final Tracing tracing;

    ForwardedRequests(String nodeId, TableDirectory tables, BusRequests requests, CreateHandler creator,
            BiConsumer<String, ServerMessage> toAccount, Tracing tracing) {
        this.tracing = tracing;
        this.nodeId = nodeId;
        this.tables = tables;
        this.requests = requests;
        this.creator = creator;
        this.toAccount = toAccount;
    }

    /** A bus message for this node. */
    void onMessage(BusMessage m) {
        if (m instanceof BusMessage.Reply r) {
            requests.answered(r);
        } else if (m instanceof BusMessage.Forward f) {
            forwarded(f);
        } else if (m instanceof BusMessage.CatchUpRequest c) {
            Optional<TableActor> t = tables.find(c.table());
            if (t.isEmpty()) {
                reply(c.from(), c.id(), new BusMessage.Refused(ErrorCode.NOT_OWNER));
            } else {
                t.get().catchUp(c.query(), up -> reply(c.from(), c.id(), up == null
                        ? new BusMessage.Refused(ErrorCode.TABLE_CLOSED) : new BusMessage.CaughtUp(up)));
            }
        } else if (m instanceof BusMessage.Left l) {
            tables.find(l.table()).ifPresent(t -> t.left(l.account()));
        } else if (m instanceof BusMessage.ToAccount a) {
            if (!nodeId.equals(a.from())) {
                toAccount.accept(a.account(), a.message());
            }
        } else if (m instanceof BusMessage.Create c) {
            creator.create(c.message(), answer -> reply(c.from(), c.id(), new BusMessage.Message(answer)));
        }
    }

    private void forwarded(BusMessage.Forward f) {
        TraceSpan span = tracing.forwarded(f.traceparent(), f.table(), f.from(), f.message());
        try (TraceScope scope = span.enter()) {
            Optional<TableActor> t = tables.find(f.table());
            if (t.isEmpty()) {
                span.failed(ErrorCode.NOT_OWNER);
                reply(f.from(), f.id(), new BusMessage.Refused(ErrorCode.NOT_OWNER));
                return;
            }
            t.get().request(new TableRequest(new ReplyTo(f, span), f.account(), f.name(), f.message(),
                    System.nanoTime(), f.watching(), span.trace()));
        }
    }

    private void reply(String node, String id, BusMessage.Answer answer) {
        requests.tell(node, new BusMessage.Reply(id, answer));
    }

    /** The requester of a forwarded request, as the owner's table sees it: its answer goes back over the bus. */
    private final class ReplyTo implements Viewer {
        private final BusMessage.Forward request;
        private final Origin origin;
        private final TraceSpan span;

        ReplyTo(BusMessage.Forward request, TraceSpan span) {
            this.request = request;
            this.span = span;
            this.origin = new Origin(request.from(), request.connection());
        }

        @Override
        public String accountId() {
            return request.account();
        }

        private void answer(BusMessage.Answer answer) {
            ForwardedRequests.this.reply(request.from(), request.id(), answer);
        }

        @Override
        public Origin origin() {
            return origin;
        }

        @Override
        public void deliver(Outbound out) {
            if (!(out instanceof Outbound.Reply r)) {
                // a forwarded request is answered once; table views reach the requester through the fan-out
                throw new IllegalStateException("a forwarded request's requester is no viewer of the table");
            }
            answer(new BusMessage.Message(r.message()));
            span.answered(r.message());
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            answer(new BusMessage.Accepted(requestId, seq));
            span.end();
        }
    }
}
