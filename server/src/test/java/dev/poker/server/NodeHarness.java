package dev.poker.server;

import dev.poker.engine.deck.DeckSource;
import dev.poker.engine.deck.ScriptedDeckSource;
import dev.poker.engine.deck.SeededDeckSource;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import dev.poker.server.store.EventStore;
import dev.poker.server.time.Scheduler;
import java.util.HashMap;
import java.util.Map;

/**
 * A node started in the test's process on a free port, with a clock and decks the test controls.
 *
 * <p>Concurrency: test thread; the node inside is thread-safe.
 */
public final class NodeHarness implements AutoCloseable {
    public final ManualScheduler clock;
    public final ScriptedDeckSource scripted = new ScriptedDeckSource();
    public final EventStore store;
    public final PokerNode node;

    public NodeHarness(Map<String, String> settings) {
        this(settings, new ManualScheduler(1_700_000_000_000L), false);
    }

    /** A node on the database the settings name ({@code POKER_DB_URL}, or H2 in {@code POKER_DATA_DIR}) when {@code database}. */
    public NodeHarness(Map<String, String> settings, Scheduler scheduler, boolean database) {
        Map<String, String> env = new HashMap<>();
        env.put("POKER_PORT", "0");
        env.put("POKER_HOST", "127.0.0.1");
        env.put("POKER_NODE_ID", "test-node");
        env.put("POKER_TOKEN_SECRET", "test-secret-0123456789");
        env.putAll(settings);
        NodeConfig config = NodeConfigParser.parse(new String[0], env);
        this.clock = scheduler instanceof ManualScheduler m ? m : null;
        SeededDeckSource seeded = new SeededDeckSource(42);
        DeckSource decks = () -> scripted.remaining() > 0 ? scripted.next() : seeded.next();
        NodeParts parts = database ? NodeParts.of(config, scheduler, decks)
                : NodeParts.inMemory(config, scheduler, decks);
        this.store = parts.store();
        this.node = new PokerNode(parts);
        try {
            node.start();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public int port() {
        return node.port();
    }

    /** Creates a table through a client and returns its id. */
    public static String createTable(WsTestClient c, int seats, long sb, long bb, long minBuyIn, long maxBuyIn) {
        ServerMessage.Ack ack = c.request(new ClientMessage.CreateTable(WsTestClient.nextId(), "test table", seats, sb,
                bb, null, null, minBuyIn, maxBuyIn, 15_000L, 0L, null, null), ServerMessage.Ack.class);
        return ack.table();
    }

    @Override
    public void close() {
        node.close();
    }
}
