package dev.poker.server.trace;

import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.Viewer;

/**
 * A requester as a traced request's table sees it: everything passes to the real requester, and the
 * first answer ends the request's span with its outcome.
 *
 * <p>Concurrency: as thread-safe as the requester it wraps; the span ends once ({@link TraceSpan}).
 */
final class AnsweringViewer implements Viewer {
    private final Viewer requester;
    private final TraceSpan span;

    AnsweringViewer(Viewer requester, TraceSpan span) {
        this.requester = requester;
        this.span = span;
    }

    @Override
    public String accountId() {
        return requester.accountId();
    }

    @Override
    public Origin origin() {
        return requester.origin();
    }

    @Override
    public void deliver(Outbound out) {
        requester.deliver(out);
        if (out instanceof Outbound.Reply r) {
            span.answered(r.message());
        }
    }

    @Override
    public void ackInStream(String tableId, String requestId, long seq) {
        requester.ackInStream(tableId, requestId, seq);
        span.end();
    }
}
