package dev.poker.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.ErrorCode;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.cluster.BusMessage.Accepted;
import dev.poker.server.cluster.BusMessage.Answer;
import dev.poker.server.cluster.BusMessage.CaughtUp;
import dev.poker.server.cluster.BusMessage.Message;
import dev.poker.server.cluster.BusMessage.Refused;
import dev.poker.server.table.CatchUp;
import dev.poker.server.table.CatchUpQuery;
import dev.poker.server.table.TableBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BusMessage}s as versioned JSON: {@code {"v":2,"k":KIND,...}}. Client and server messages
 * inside keep their protocol form ({@link ProtocolCodec}), table batches their fan-out form
 * ({@link BatchCodec}), error codes their catalogue names. A forwarded request may carry its trace context
 * ({@code traceparent}, W3C): an optional field, so nodes with and without it read each other (no new
 * version). A message of another version, or one that
 * does not decode, is dropped by the caller (the sender times out and retries).
 *
 * <p>Concurrency: thread-safe (Jackson's mapper is, once configured; the codecs are).
 */
final class BusCodec {
    /** The version this node writes and reads; a rolling upgrade that changes it drains nodes first. */
    static final int VERSION = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final ProtocolCodec protocol;
    private final BatchCodec batches;

    BusCodec(ProtocolCodec protocol, BatchCodec batches) {
        this.protocol = protocol;
        this.batches = batches;
    }

    String encode(BusMessage m) {
        ObjectNode n = json.createObjectNode().put("v", VERSION);
        if (m instanceof BusMessage.Forward f) {
            n.put("k", "forward").put("id", f.id()).put("from", f.from()).put("table", f.table())
                    .put("account", f.account()).put("name", f.name()).put("message", protocol.encode(f.message()))
                    .put("connection", f.connection()).put("watching", f.watching());
            if (f.traceparent() != null) {
                n.put("traceparent", f.traceparent()); // optional: a node that does not trace ignores it
            }
        } else if (m instanceof BusMessage.CatchUpRequest c) {
            n.put("k", "catch_up").put("id", c.id()).put("from", c.from()).put("table", c.table())
                    .put("account", c.query().account()).put("requestId", c.query().requestId())
                    .put("joining", c.query().joining());
            if (c.query().lastSeq() != null) {
                n.put("lastSeq", c.query().lastSeq());
            }
        } else if (m instanceof BusMessage.Left l) {
            n.put("k", "left").put("from", l.from()).put("table", l.table()).put("account", l.account());
        } else if (m instanceof BusMessage.Reply r) {
            n.put("k", "reply").put("id", r.id());
            answer(n.putObject("answer"), r.answer());
        } else if (m instanceof BusMessage.ToAccount a) {
            n.put("k", "to_account").put("from", a.from()).put("account", a.account())
                    .put("message", protocol.encode(a.message()));
        } else if (m instanceof BusMessage.Create c) {
            n.put("k", "create").put("id", c.id()).put("from", c.from()).put("message", protocol.encode(c.message()));
        }
        return n.toString();
    }

    private void answer(ObjectNode n, Answer a) {
        if (a instanceof Message m) {
            n.put("k", "message").put("message", protocol.encode(m.message()));
        } else if (a instanceof Accepted ok) {
            n.put("k", "accepted").put("requestId", ok.requestId()).put("seq", ok.seq());
        } else if (a instanceof Refused r) {
            n.put("k", "refused").put("code", r.code().name());
        } else if (a instanceof CaughtUp c) {
            CatchUp up = c.catchUp();
            n.put("k", "caught_up").put("at", up.at());
            up.missed().forEach(b -> n.withArray("missed").add(batches.encode(b)));
            putMessage(n, "snapshot", up.snapshot());
            putMessage(n, "ack", up.ack());
            putMessage(n, "turn", up.turn());
            putMessage(n, "refusal", up.refusal());
        }
    }

    private void putMessage(ObjectNode n, String field, ServerMessage m) {
        if (m != null) {
            n.put(field, protocol.encode(m));
        }
    }

    /** The message, or null when {@code text} is not one of this version. */
    BusMessage decode(String text) {
        try {
            JsonNode n = json.readTree(text);
            if (n.path("v").asInt() != VERSION) {
                return null;
            }
            return switch (n.path("k").asText()) {
                case "forward" -> new BusMessage.Forward(str(n, "id"), str(n, "from"), str(n, "table"),
                        str(n, "account"), str(n, "name"), client(str(n, "message")), n.path("connection").asLong(),
                        n.path("watching").asBoolean(), str(n, "traceparent"));
                case "catch_up" -> new BusMessage.CatchUpRequest(str(n, "id"), str(n, "from"), str(n, "table"),
                        new CatchUpQuery(str(n, "account"), n.hasNonNull("lastSeq") ? n.get("lastSeq").asLong() : null,
                                str(n, "requestId"), n.path("joining").asBoolean()));
                case "left" -> new BusMessage.Left(str(n, "from"), str(n, "table"), str(n, "account"));
                case "reply" -> new BusMessage.Reply(str(n, "id"), answer(n.get("answer")));
                case "to_account" -> new BusMessage.ToAccount(str(n, "from"), str(n, "account"),
                        protocol.decodeServer(str(n, "message")));
                case "create" -> client(str(n, "message")) instanceof ClientMessage.CreateTable c
                        ? new BusMessage.Create(str(n, "id"), str(n, "from"), c) : null;
                default -> null;
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private Answer answer(JsonNode n) {
        return switch (n.path("k").asText()) {
            case "message" -> new Message(protocol.decodeServer(str(n, "message")));
            case "accepted" -> new Accepted(str(n, "requestId"), n.path("seq").asLong());
            case "refused" -> new Refused(ErrorCode.valueOf(str(n, "code")));
            case "caught_up" -> {
                List<TableBatch> missed = new ArrayList<>();
                n.path("missed").forEach(b -> missed.add(batches.decode(b.asText())));
                yield new CaughtUp(new CatchUp(n.path("at").asLong(), missed,
                        (ServerMessage.Snapshot) message(n, "snapshot"), (ServerMessage.Ack) message(n, "ack"),
                        (ServerMessage.YourTurn) message(n, "turn"), (ServerMessage.Error) message(n, "refusal")));
            }
            default -> throw new IllegalArgumentException("unknown answer " + n.path("k").asText());
        };
    }

    private ServerMessage message(JsonNode n, String field) {
        return n.hasNonNull(field) ? protocol.decodeServer(n.get(field).asText()) : null;
    }

    private ClientMessage client(String text) {
        Decoded d = protocol.decodeClient(text);
        if (d instanceof Decoded.Ok ok) {
            return ok.message();
        }
        throw new IllegalArgumentException("not a client message: " + ((Decoded.Bad) d).message());
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
