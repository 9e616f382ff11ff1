package dev.poker.server.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ServerMessage;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.InMemoryEventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Outbound;
import dev.poker.server.table.TableBatch;
import dev.poker.server.table.Viewer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The node's spans: what they say, when they end, and that tracing off (or not sampled) makes none. */
class TracingTest {
    private static final String TABLE = "t0123456789ab";
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    private Tracing tracing(Sampler sampler) {
        return Tracing.with(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .setSampler(sampler).addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build(), "n1");
    }

    private static ClientMessage.Act act() {
        return new ClientMessage.Act("r3", TABLE, 4L, "call", null, "a-1");
    }

    @Test
    void offMakesNothingAndWrapsNothing() {
        Tracing off = Tracing.off();
        assertThat(off.enabled()).isFalse();
        assertThat(off.request(act(), "g-a")).isSameAs(TraceSpan.NONE);
        Requester requester = new Requester();
        assertThat(TraceSpan.NONE.answering(requester)).isSameAs(requester);
        assertThat(TraceSpan.NONE.trace()).isNull();
        assertThat(TraceSpan.NONE.traceparent()).isNull();
        EventStore store = new InMemoryEventStore(null);
        assertThat(off.store(store, "h2")).isSameAs(store);
        InProcessFanout<TableBatch> fanout = new InProcessFanout<>();
        assertThat(off.fanout(fanout, "redis")).isSameAs(fanout);
        assertThat(off.takeover(TABLE)).isSameAs(TraceSpan.NONE);
    }

    @Test
    void aRequestNotSampledIsNotTraced() {
        Tracing t = tracing(Sampler.alwaysOff());
        assertThat(t.request(act(), "g-a")).isSameAs(TraceSpan.NONE);
        assertThat(t.forwarded(null, TABLE, "n2", act())).isSameAs(TraceSpan.NONE);
        assertThat(t.forwarded("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", TABLE, "n2", act()))
                .as("a parent that was not sampled").isSameAs(TraceSpan.NONE);
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aRequestSpanEndsWithItsAnswerAndNamesTheAccountOnlyByHash() {
        Tracing t = tracing(Sampler.alwaysOn());
        TraceSpan span = t.request(act(), "g-secret-account");
        Requester requester = new Requester();
        Viewer answering = span.answering(requester);
        span.dispatched(); // handed to the table: not the end yet
        assertThat(spans.getFinishedSpanItems()).isEmpty();

        answering.reply(ServerMessage.Error.of("r3", ErrorCode.NOT_YOUR_TURN, "Not your turn.", TABLE));
        answering.ackInStream(TABLE, "r3", 9); // a second answer does not end it again
        assertThat(requester.got).hasSize(2);
        SpanData s = spans.getFinishedSpanItems().get(0);
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        assertThat(s.getName()).isEqualTo("poker.request");
        assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(s.getAttributes().get(TraceKeys.MESSAGE_TYPE)).isEqualTo("act");
        assertThat(s.getAttributes().get(TraceKeys.TABLE)).isEqualTo(TABLE);
        assertThat(s.getAttributes().get(TraceKeys.OUTCOME)).isEqualTo("NOT_YOUR_TURN");
        assertThat(s.getAttributes().get(TraceKeys.ACCOUNT_HASH)).hasSize(16).isEqualTo(
                Tracing.accountHash("g-secret-account"));
        assertThat(s.getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("g-secret-account"));
    }

    @Test
    void aRequestAnsweredWhileDispatchedEndsThenWithOk() {
        Tracing t = tracing(Sampler.alwaysOn());
        TraceSpan span = t.request(new ClientMessage.Ping("p1", 1L), null);
        try (TraceScope scope = span.enter()) {
            assertThat(MDC.get("trace_id")).isEqualTo(span.traceparent().substring(3, 35));
            assertThat(MDC.get("span_id")).isEqualTo(span.traceparent().substring(36, 52));
        } finally {
            span.dispatched();
        }
        assertThat(MDC.get("trace_id")).isNull();
        SpanData s = spans.getFinishedSpanItems().get(0);
        assertThat(s.getAttributes().get(TraceKeys.MESSAGE_TYPE)).isEqualTo("ping");
        assertThat(s.getAttributes().get(TraceKeys.OUTCOME)).isEqualTo("ok");
        assertThat(s.getAttributes().get(TraceKeys.TABLE)).isNull();
    }

    @Test
    void anErrorAnsweredDuringDispatchIsTheOutcome() {
        Tracing t = tracing(Sampler.alwaysOn());
        TraceSpan span = t.request(act(), "g-a");
        try (TraceScope scope = span.enter()) {
            Tracing.markError(ErrorCode.TABLE_NOT_FOUND);
        } finally {
            span.dispatched();
        }
        assertThat(spans.getFinishedSpanItems().get(0).getAttributes().get(TraceKeys.OUTCOME))
                .isEqualTo("TABLE_NOT_FOUND");
    }

    @Test
    void aWriteOfATracedRequestIsACommitSpanWithItsSizeAndOtherWritesAreNot() {
        Tracing t = tracing(Sampler.alwaysOn());
        EventStore store = t.store(new InMemoryEventStore(null), "postgresql");
        List<StoredEvent> events = List.of(new StoredEvent(1, 1, 5L, new TableEvent.TurnStarted(0, 99L), null),
                new StoredEvent(2, 1, 5L, new TableEvent.TurnStarted(1, 99L), null));
        store.append(TABLE, 1, events.subList(0, 1), List.of()).join(); // a timer's write: no trace
        assertThat(spans.getFinishedSpanItems()).isEmpty();

        TraceSpan request = t.request(act(), "g-a");
        RequestTrace.handle(request.trace(), TABLE, act(), () -> store.append(TABLE, 1, events.subList(1, 2), List.of())
                .join());
        request.end();
        SpanData commit = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("poker.commit"))
                .findFirst().orElseThrow();
        SpanData handle = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("poker.table.handle"))
                .findFirst().orElseThrow();
        assertThat(commit.getParentSpanId()).isEqualTo(handle.getSpanId());
        assertThat(commit.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(commit.getAttributes().get(TraceKeys.BATCH_EVENTS)).isEqualTo(1L);
        assertThat(commit.getAttributes().get(TraceKeys.DB_SYSTEM)).isEqualTo("postgresql");
        assertThat(store.read(TABLE, 0, 10)).hasSize(2);
    }

    @Test
    void aTakeoverIsATraceOfItsOwn() {
        Tracing t = tracing(Sampler.alwaysOn());
        TraceSpan span = t.takeover(TABLE);
        span.rebuilt(4, 120);
        span.end();
        SpanData s = spans.getFinishedSpanItems().get(0);
        assertThat(s.getName()).isEqualTo("poker.table.takeover");
        assertThat(s.getParentSpanContext().isValid()).isFalse();
        assertThat(s.getAttributes().get(TraceKeys.EPOCH)).isEqualTo(4L);
        assertThat(s.getAttributes().get(TraceKeys.EVENTS)).isEqualTo(120L);
    }

    /** A requester that keeps what it gets. */
    private static final class Requester implements Viewer {
        final List<Object> got = new ArrayList<>();

        @Override
        public String accountId() {
            return "g-a";
        }

        @Override
        public Origin origin() {
            return new Origin("n1", 1);
        }

        @Override
        public void deliver(Outbound out) {
            got.add(out);
        }

        @Override
        public void ackInStream(String tableId, String requestId, long seq) {
            got.add(seq);
        }
    }
}
