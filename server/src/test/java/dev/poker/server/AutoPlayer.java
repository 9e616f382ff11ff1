package dev.poker.server;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client that plays by itself: whenever it gets the turn it picks a legal action (mostly
 * check or call, sometimes a raise, sometimes a fold), and it tops up and sits in again when busted.
 *
 * <p>Concurrency: decisions run on the client's receiving thread; the random source is used only there.
 */
final class AutoPlayer implements AutoCloseable {
    private static final AtomicInteger ACTIONS = new AtomicInteger();
    final WsTestClient client;
    private final SplittableRandom random;
    volatile boolean stopped;

    AutoPlayer(int port, String name, long seed) {
        this.client = WsTestClient.guest(port, name);
        this.random = new SplittableRandom(seed);
        client.onMessage(this::onMessage);
    }

    private void onMessage(ServerMessage m) {
        if (stopped) {
            return;
        }
        if (m instanceof ServerMessage.YourTurn t) {
            String action;
            Long amount = null;
            int roll = random.nextInt(100);
            if ((t.actions().contains("raise") || t.actions().contains("bet")) && roll < 15) {
                action = t.actions().contains("raise") ? "raise" : "bet";
                amount = t.minTo() + (t.maxTo() > t.minTo() ? random.nextLong(Math.min(t.maxTo() - t.minTo(), 400) + 1) : 0);
            } else if (t.actions().contains("all_in") && roll < 17) {
                action = "all_in";
            } else if (t.actions().contains("check")) {
                action = "check";
            } else if (roll < 85) {
                action = "call";
            } else {
                action = "fold";
            }
            client.sendAsync(new ClientMessage.Act("auto" + ACTIONS.incrementAndGet(), t.table(), t.hand(), action,
                    amount, "act-" + ACTIONS.get()));
        } else if (m instanceof ServerMessage.Event e && e.event() instanceof GameEvent.SatOut out
                && "busted".equals(out.reason()) && isMine(out.seat(), e.table())) {
            client.sendAsync(new ClientMessage.TopUp("top" + ACTIONS.incrementAndGet(), e.table(), 1_000L));
            client.sendAsync(new ClientMessage.SitIn("in" + ACTIONS.incrementAndGet(), e.table(), false));
        }
    }

    private volatile int mySeat = -1;

    void sit(String table, int seat, long buyIn) {
        client.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
        mySeat = seat;
        client.request(new ClientMessage.Sit(WsTestClient.nextId(), table, seat, buyIn, null), ServerMessage.Ack.class);
    }

    private boolean isMine(int seat, String table) {
        return seat == mySeat;
    }

    @Override
    public void close() {
        stopped = true;
        client.close();
    }
}
