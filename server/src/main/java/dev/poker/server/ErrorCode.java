package dev.poker.server;

/**
 * Error codes the node adds to the engine's rejection codes. Stable: clients match on them, and
 * protocol/README.md lists every one.
 */
public final class ErrorCode {
    private ErrorCode() {}

    public static final String BAD_JSON = "BAD_JSON";
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    public static final String INVALID_MESSAGE = "INVALID_MESSAGE";
    public static final String NOT_AUTHENTICATED = "NOT_AUTHENTICATED";
    public static final String ALREADY_AUTHENTICATED = "ALREADY_AUTHENTICATED";
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String TABLE_NOT_FOUND = "TABLE_NOT_FOUND";
    public static final String TABLE_CLOSED = "TABLE_CLOSED";
    public static final String TOO_MANY_TABLES = "TOO_MANY_TABLES";
    public static final String NOT_SEATED = "NOT_SEATED";
    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
    public static final String DRAINING = "DRAINING";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** The table is between owners (failover, drain); retry in a moment. */
    public static final String TABLE_MOVING = "TABLE_MOVING";
    /** The node that runs the table did not answer a forwarded request in time; retry. */
    public static final String NODE_UNREACHABLE = "NODE_UNREACHABLE";
    /** Redis is unreachable: tables on other nodes and new placements are unavailable; retry. */
    public static final String REGISTRY_UNAVAILABLE = "REGISTRY_UNAVAILABLE";
    /** Between nodes only: the node asked does not run the table (any more). */
    public static final String NOT_OWNER = "NOT_OWNER";
}
