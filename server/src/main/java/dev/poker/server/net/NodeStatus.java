package dev.poker.server.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What /health reports: whether the node accepts new players, and why not. Dependencies register a
 * check that says whether they are up.
 *
 * <p>Concurrency: thread-safe; every field is volatile or concurrent, and nothing here waits.
 */
public final class NodeStatus {
    private final String nodeId;
    private final long startedAt = System.currentTimeMillis();
    private final IntSupplier tables;
    private final IntSupplier connections;
    private final Map<String, java.util.function.BooleanSupplier> checks = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.BooleanSupplier> soft = new ConcurrentHashMap<>();
    private volatile java.util.function.Supplier<java.util.List<dev.poker.server.table.NotServing>> notServing =
            java.util.List::of;
    private final Liveness liveness = new Liveness();
    private volatile boolean started;
    private volatile boolean draining;

    public NodeStatus(String nodeId, IntSupplier tables, IntSupplier connections) {
        this.nodeId = nodeId;
        this.tables = tables;
        this.connections = connections;
    }

    public void check(String dependency, java.util.function.BooleanSupplier up) {
        checks.put(dependency, up);
    }

    /**
     * A dependency reported in /health whose loss degrades the node without taking it out of rotation
     * (the node still serves its own tables), for example the cluster's Redis.
     */
    public void report(String dependency, java.util.function.BooleanSupplier up) {
        soft.put(dependency, up);
    }

    /** Tables of this node that do not serve players now (paused or stopped), listed with their reasons. */
    public void tablesNotServing(java.util.function.Supplier<java.util.List<dev.poker.server.table.NotServing>> list) {
        this.notServing = list;
    }

    /** The executors {@code /health/live} checks (event loops, the table actors' pool). */
    public Liveness liveness() {
        return liveness;
    }

    public void started() {
        started = true;
    }

    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public String nodeId() {
        return nodeId;
    }

    public int connections() {
        return connections.getAsInt();
    }

    /** Dependencies that are down, by name. */
    public Map<String, String> down() {
        Map<String, String> down = new LinkedHashMap<>();
        checks.forEach((name, up) -> {
            if (!up.getAsBoolean()) {
                down.put(name, "down");
            }
        });
        return down;
    }

    /** Whether new players are welcome: started, not draining, every dependency up. */
    public boolean accepting() {
        return started && !draining && down().isEmpty();
    }

    /** The /health document. */
    public String json() {
        Map<String, String> down = down();
        Map<String, String> softDown = new LinkedHashMap<>();
        soft.forEach((name, up) -> {
            if (!up.getAsBoolean()) {
                softDown.put(name, "down");
            }
        });
        String status = !started ? "starting" : draining ? "draining"
                : !down.isEmpty() || !softDown.isEmpty() ? "degraded" : "up";
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"status\":\"").append(status).append("\",\"node\":\"").append(escape(nodeId))
                .append("\",\"tables\":").append(tables.getAsInt())
                .append(",\"connections\":").append(connections.getAsInt())
                .append(",\"uptimeSeconds\":").append((System.currentTimeMillis() - startedAt) / 1000)
                .append(",\"draining\":").append(draining)
                .append(",\"accepting\":").append(accepting())
                .append(",\"checks\":{");
        boolean first = true;
        for (String name : checks.keySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(escape(name)).append("\":\"").append(down.containsKey(name) ? "down" : "up")
                    .append('"');
        }
        for (String name : soft.keySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(escape(name)).append("\":\"").append(softDown.containsKey(name) ? "down" : "up")
                    .append('"');
        }
        sb.append("},\"tablesNotServing\":[");
        first = true;
        for (dev.poker.server.table.NotServing t : notServing.get()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"table\":\"").append(escape(t.tableId())).append("\",\"state\":\"").append(t.state())
                    .append("\",\"reason\":\"").append(escape(t.reason())).append("\",\"since\":")
                    .append(t.sinceMs()).append('}');
        }
        return sb.append("]}").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
