package dev.poker.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.TableEvent;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.registry.InProcessFanout;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.TableBatch;
import dev.poker.server.trace.RequestTrace;
import dev.poker.server.trace.TraceScope;
import dev.poker.server.trace.TraceSpan;
import dev.poker.server.trace.Traceparent;
import dev.poker.server.trace.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trace context crosses nodes inside bus messages ({@link BusCodec}, W3C traceparent) and table batches
 * ({@link BatchCodec}): what one node's span sends, the other node's span continues, as a child in the same
 * trace. Without a context nothing is written, and messages of nodes that do not trace still read.
 */
class TracePropagationTest {
    private static final String TABLE = "t0123456789ab";
    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final BatchCodec batches = new BatchCodec(new ProtocolCodec());
    private final BusCodec bus = new BusCodec(new ProtocolCodec(), batches);
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();

    private static ClientMessage.Act act() {
        return new ClientMessage.Act("r3", TABLE, 4L, "call", null, "a-1");
    }

    @Test
    void aForwardCarriesItsTraceparentAndOneWithoutItStaysAsItWas() {
        BusMessage.Forward traced = new BusMessage.Forward("n1-1", "n1", TABLE, "g-a", "Alice", act(), 12, true, PARENT);
        String wire = bus.encode(traced);
        assertThat(wire).contains("\"traceparent\":\"" + PARENT + "\"");
        assertThat(bus.decode(wire)).isEqualTo(traced);

        BusMessage.Forward plain = new BusMessage.Forward("n1-2", "n1", TABLE, "g-a", "Alice", act(), 12, true);
        assertThat(bus.encode(plain)).doesNotContain("traceparent");
        assertThat(((BusMessage.Forward) bus.decode(bus.encode(plain))).traceparent()).isNull();
        // the field is optional, not a new version: a node that traces and one that does not read each other
        assertThat(bus.encode(plain)).contains("\"v\":" + BusCodec.VERSION);
        assertThat(bus.decode(wire.replace("\"traceparent\":\"" + PARENT + "\",", "")
                .replace(",\"traceparent\":\"" + PARENT + "\"", "")))
                .isEqualTo(new BusMessage.Forward("n1-1", "n1", TABLE, "g-a", "Alice", act(), 12, true));
    }

    @Test
    void aBatchCarriesItsTraceparentOnlyWhenTraced() {
        TableBatch plain = batch();
        assertThat(batches.encode(plain)).doesNotContain("\"tp\"");
        assertThat(batches.decode(batches.encode(plain)).traceparent()).isNull();
        TableBatch traced = plain.withTraceparent(PARENT);
        assertThat(batches.decode(batches.encode(traced))).isEqualTo(traced);
        TableBatch ofEpoch = new TableBatch(TABLE, plain.events(), plain.privateTo(), plain.turn(), plain.turnAccount(),
                plain.names(), plain.receipts(), 7);
        assertThat(ofEpoch.withTraceparent(PARENT).epoch()).as("tracing keeps the epoch viewers rely on").isEqualTo(7);
    }

    @Test
    void aForwardedRequestIsOneTraceAcrossTheBus() {
        Tracing sender = Tracing.with(otel, "n1");
        Tracing owner = Tracing.with(otel, "n2");
        TraceSpan request = sender.request(act(), "g-a");
        RequestTrace trace = request.trace();
        TraceSpan forward = trace.forward("n2", TABLE);
        BusMessage.Forward sent = new BusMessage.Forward("n1-1", "n1", TABLE, "g-a", "Alice", act(), 12, true,
                forward.traceparent());

        BusMessage.Forward received = (BusMessage.Forward) bus.decode(bus.encode(sent));
        TraceSpan served = owner.forwarded(received.traceparent(), TABLE, received.from(), received.message());
        RequestTrace.handle(served.trace(), TABLE, received.message(), () -> { });
        served.end();
        forward.end();
        request.end();

        SpanData req = only("poker.request");
        SpanData fwd = only("poker.forward");
        SpanData srv = only("poker.forwarded");
        SpanData handle = only("poker.table.handle");
        assertThat(List.of(req, fwd, srv, handle)).extracting(SpanData::getTraceId).containsOnly(req.getTraceId());
        assertThat(fwd.getParentSpanId()).isEqualTo(req.getSpanId());
        assertThat(srv.getParentSpanId()).isEqualTo(fwd.getSpanId());
        assertThat(handle.getParentSpanId()).isEqualTo(srv.getSpanId());
        assertThat(List.of(req.getKind(), fwd.getKind(), srv.getKind())).containsExactly(SpanKind.SERVER,
                SpanKind.CLIENT, SpanKind.SERVER);
    }

    @Test
    void aPublishedBatchIsDeliveredInTheTraceOfTheRequestThatMadeIt() {
        Tracing owner = Tracing.with(otel, "n2");
        Tracing viewerNode = Tracing.with(otel, "n1");
        InProcessFanout<String> redis = new InProcessFanout<>(); // the wire between the nodes: encoded batches
        var publishing = owner.fanout(new EncodingFanout(redis), "redis");
        var receiving = viewerNode.fanout(new EncodingFanout(redis), "redis");
        List<String> deliveredUnder = new ArrayList<>();
        receiving.subscribe(TABLE, b -> deliveredUnder.add(Traceparent.current()));

        TraceSpan request = owner.request(act(), "g-a");
        TableBatch made;
        try (TraceScope scope = request.enter()) {
            made = batch().withTraceparent(Traceparent.current()); // what the assembler does on the actor
        }
        publishing.publish(TABLE, made);
        request.end();

        SpanData publish = only("poker.fanout.publish");
        SpanData deliver = only("poker.fanout.deliver");
        SpanData req = only("poker.request");
        assertThat(publish.getParentSpanId()).isEqualTo(req.getSpanId());
        assertThat(deliver.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(deliver.getTraceId()).isEqualTo(req.getTraceId());
        assertThat(List.of(publish.getKind(), deliver.getKind())).containsExactly(SpanKind.PRODUCER, SpanKind.CONSUMER);
        assertThat(deliveredUnder).hasSize(1);
        assertThat(deliveredUnder.get(0)).contains(deliver.getSpanId());

        publishing.publish(TABLE, batch()); // not traced: no span, delivered all the same
        assertThat(spans.getFinishedSpanItems()).hasSize(3);
        assertThat(deliveredUnder).hasSize(2);
        assertThat(deliveredUnder.get(1)).isNull();
    }

    private SpanData only(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    private static TableBatch batch() {
        return new TableBatch(TABLE, List.of(new StoredEvent(9, 3, 1_700_000_000_124L,
                new TableEvent.TurnStarted(2, 15_000), "act:g-abc/x1")), Map.of(), null, null);
    }

    /** A fan-out that carries batches as text, as Redis does between two nodes. */
    private final class EncodingFanout implements dev.poker.registry.Fanout<TableBatch> {
        private final InProcessFanout<String> wire;

        EncodingFanout(InProcessFanout<String> wire) {
            this.wire = wire;
        }

        @Override
        public void publish(String tableId, TableBatch message) {
            wire.publish(tableId, batches.encode(message));
        }

        @Override
        public Subscription subscribe(String tableId, java.util.function.Consumer<TableBatch> receiver) {
            return wire.subscribe(tableId, text -> receiver.accept(batches.decode(text)));
        }
    }
}
