package dev.poker.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What a node announces in its heartbeat: where clients and other nodes reach it, its load and
 * whether it is draining (a draining node takes no new tables).
 *
 * <p>Concurrency: immutable.
 *
 * @param nodeId      the node's id, unique in the cluster
 * @param address     where the node is reached, for example {@code 10.0.1.10:8080}
 * @param tables      tables the node runs
 * @param connections client connections the node holds
 * @param draining    true while the node hands its tables off before shutting down
 * @param updatedAt   when the node produced this record (its own clock; informational)
 */
public record NodeInfo(String nodeId, String address, int tables, int connections, boolean draining,
        Instant updatedAt) {

    public NodeInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        if (tables < 0 || connections < 0) {
            throw new IllegalArgumentException("tables and connections must not be negative");
        }
    }

    /**
     * The heartbeat value: {@code address|tables|connections|draining|updatedAtMillis}. The node id is
     * the key's suffix, not part of the value. The address may itself contain {@code |}: the four
     * numeric fields are read from the right.
     */
    String encode() {
        return address + '|' + tables + '|' + connections + '|' + (draining ? '1' : '0') + '|'
                + updatedAt.toEpochMilli();
    }

    /**
     * Reads {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException when {@code value} is not in that form
     */
    static NodeInfo decode(String nodeId, String value) {
        if (value == null) {
            throw new IllegalArgumentException("no heartbeat value for node " + nodeId);
        }
        int[] bars = new int[4];
        int end = value.length();
        for (int i = 3; i >= 0; i--) {
            int bar = value.lastIndexOf('|', end - 1);
            if (bar < 0) {
                throw new IllegalArgumentException("malformed heartbeat of node " + nodeId + ": " + value);
            }
            bars[i] = bar;
            end = bar;
        }
        try {
            String address = value.substring(0, bars[0]);
            int tables = Integer.parseInt(value.substring(bars[0] + 1, bars[1]));
            int connections = Integer.parseInt(value.substring(bars[1] + 1, bars[2]));
            String drainingText = value.substring(bars[2] + 1, bars[3]);
            if (!drainingText.equals("0") && !drainingText.equals("1")) {
                throw new IllegalArgumentException("draining must be 0 or 1");
            }
            long updated = Long.parseLong(value.substring(bars[3] + 1));
            return new NodeInfo(nodeId, address, tables, connections, drainingText.equals("1"),
                    Instant.ofEpochMilli(updated));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed heartbeat of node " + nodeId + ": " + value, e);
        }
    }
}
