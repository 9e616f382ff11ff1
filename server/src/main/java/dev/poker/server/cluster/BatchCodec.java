package dev.poker.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poker.protocol.AuditCodec;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.table.Origin;
import dev.poker.server.table.Receipt;
import dev.poker.server.table.TableBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableBatch} as published on a table's Redis channel: the events in the audit log's
 * form, which account may see each private event, the your_turn prompt, new players' names and the
 * acks of the requests the events answer (addressed to the requesting connections), and the trace
 * context of a traced batch ({@code tp}, W3C traceparent; optional). The
 * channel is between nodes only; what reaches clients is filtered per viewer on the receiving node.
 *
 * <p>Concurrency: thread-safe.
 */
public final class BatchCodec {
    private final ObjectMapper json = new ObjectMapper();
    private final AuditCodec audit = new AuditCodec();
    private final ProtocolCodec protocol;

    public BatchCodec(ProtocolCodec protocol) {
        this.protocol = protocol;
    }

    public String encode(TableBatch b) {
        ObjectNode root = json.createObjectNode();
        root.put("t", b.tableId());
        ArrayNode events = root.putArray("e");
        for (StoredEvent e : b.events()) {
            ObjectNode n = events.addObject();
            n.put("s", e.seq()).put("h", e.hand()).put("a", e.at()).put("k", AuditCodec.kind(e.event()))
                    .put("p", audit.payload(e.event()));
            if (e.ref() != null) {
                n.put("r", e.ref());
            }
        }
        if (!b.privateTo().isEmpty()) {
            ObjectNode p = root.putObject("pv");
            b.privateTo().forEach((seq, account) -> p.put(Long.toString(seq), account));
        }
        if (b.turn() != null) {
            root.put("turn", protocol.encode(b.turn())).put("ta", b.turnAccount());
        }
        if (!b.names().isEmpty()) {
            ObjectNode n = root.putObject("n");
            b.names().forEach(n::put);
        }
        if (b.epoch() > 0) {
            root.put("ep", b.epoch());
        }
        if (!b.receipts().isEmpty()) {
            ArrayNode rc = root.putArray("rc");
            for (Receipt r : b.receipts()) {
                rc.addObject().put("n", r.to().node()).put("c", r.to().connection()).put("q", r.requestId())
                        .put("s", r.seq());
            }
        }
        if (b.traceparent() != null) {
            root.put("tp", b.traceparent()); // optional, ignored by a node that does not trace
        }
        return root.toString();
    }

    /** The batch; throws on anything else (the fan-out drops it, and viewers catch up). */
    public TableBatch decode(String text) {
        try {
            JsonNode root = json.readTree(text);
            List<StoredEvent> events = new ArrayList<>();
            for (JsonNode n : root.get("e")) {
                events.add(new StoredEvent(n.get("s").asLong(), n.get("h").asLong(), n.get("a").asLong(),
                        audit.event(n.get("k").asText(), n.get("p").asText()),
                        n.has("r") ? n.get("r").asText() : null));
            }
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a batch without events");
            }
            Map<Long, String> privateTo = Map.of();
            if (root.has("pv")) {
                privateTo = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = root.get("pv").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    privateTo.put(Long.parseLong(f.getKey()), f.getValue().asText());
                }
            }
            ServerMessage.YourTurn turn = null;
            String turnAccount = null;
            if (root.has("turn")) {
                turn = (ServerMessage.YourTurn) protocol.decodeServer(root.get("turn").asText());
                turnAccount = root.get("ta").asText();
            }
            Map<String, String> names = Map.of();
            if (root.has("n")) {
                names = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = root.get("n").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    names.put(f.getKey(), f.getValue().asText());
                }
            }
            List<Receipt> receipts = new ArrayList<>();
            for (JsonNode r : root.path("rc")) {
                receipts.add(new Receipt(new Origin(r.get("n").asText(), r.get("c").asLong()),
                        r.hasNonNull("q") ? r.get("q").asText() : null, r.get("s").asLong()));
            }
            return new TableBatch(root.get("t").asText(), List.copyOf(events), privateTo, turn, turnAccount, names,
                    List.copyOf(receipts), root.has("ep") ? root.get("ep").asLong() : 0,
                    root.hasNonNull("tp") ? root.get("tp").asText() : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a table batch: " + e.getMessage(), e);
        }
    }
}
