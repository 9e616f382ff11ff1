package dev.poker.server.trace;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The names of the node's spans and of their attributes: OpenTelemetry's semantic conventions where one
 * applies ({@code messaging.*}, {@code db.*}, {@code error.type}), {@code poker.*} for the game's own.
 * docs/operations.md ("Traces") lists them; operators' queries depend on these strings.
 */
final class TraceKeys {
    static final String INSTRUMENTATION = "dev.poker.server";

    static final String REQUEST = "poker.request";
    static final String FORWARD = "poker.forward";
    static final String FORWARDED = "poker.forwarded";
    static final String HANDLE = "poker.table.handle";
    static final String COMMIT = "poker.commit";
    static final String PUBLISH = "poker.fanout.publish";
    static final String DELIVER = "poker.fanout.deliver";
    static final String TAKEOVER = "poker.table.takeover";
    static final String RECOVER = "poker.table.recover";

    static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("poker.message.type");
    static final AttributeKey<String> TABLE = AttributeKey.stringKey("poker.table.id");
    static final AttributeKey<String> ACCOUNT_HASH = AttributeKey.stringKey("poker.account.hash");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("poker.outcome");
    static final AttributeKey<String> NODE = AttributeKey.stringKey("poker.node");
    static final AttributeKey<String> PEER_NODE = AttributeKey.stringKey("poker.peer.node");
    static final AttributeKey<Long> BATCH_EVENTS = AttributeKey.longKey("poker.batch.events");
    static final AttributeKey<Long> BATCH_HANDS = AttributeKey.longKey("poker.batch.hands");
    static final AttributeKey<Long> EPOCH = AttributeKey.longKey("poker.table.epoch");
    static final AttributeKey<Long> EVENTS = AttributeKey.longKey("poker.table.events");
    static final AttributeKey<Long> LAST_SEQ = AttributeKey.longKey("poker.batch.last_seq");

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> MESSAGING_BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");

    /** The outcome of a request that got its answer without an error. */
    static final String OK = "ok";

    private TraceKeys() {}
}
