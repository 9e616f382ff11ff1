package dev.poker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A seated player and a spectator record every frame for many hands; no frame ever carries a card
 * that the receiver may not know yet: only the board, their own hole cards, and hands already shown.
 */
class PrivacyTest {
    private static final Pattern CARD = Pattern.compile("\"([2-9TJQKA][cdhs])\"");

    @Test
    void nobodyReceivesAnotherPlayersHoleCardsBeforeTheyAreShown() throws Exception {
        try (NodeHarness harness = new NodeHarness(Map.of("POKER_HAND_DELAY_MS", "10"))) {
            List<AutoPlayer> players = new ArrayList<>();
            WsTestClient spectator = WsTestClient.guest(harness.port(), "spectator");
            try {
                for (int i = 0; i < 4; i++) {
                    players.add(new AutoPlayer(harness.port(), "p" + i, 1000 + i));
                }
                String table = NodeHarness.createTable(players.get(0).client, 4, 5, 10, 200, 2_000);
                spectator.request(new ClientMessage.Join(WsTestClient.nextId(), table, null), ServerMessage.Ack.class);
                for (int i = 0; i < 4; i++) {
                    players.get(i).sit(table, i, 500);
                }
                playUntil(harness, spectator, 40);
                List<WsTestClient> everyone = new ArrayList<>();
                for (AutoPlayer p : players) {
                    everyone.add(p.client);
                }
                everyone.add(spectator);
                int showdowns = 0;
                for (WsTestClient c : everyone) {
                    showdowns = Math.max(showdowns, checkFrames(c));
                }
                assertThat(showdowns).as("hands that reached a showdown").isGreaterThan(3);
            } finally {
                players.forEach(AutoPlayer::close);
                spectator.close();
            }
        }
    }

    static void playUntil(NodeHarness harness, WsTestClient watcher, int hands) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (watcher.events(GameEvent.HandEnded.class).size() < hands) {
            assertThat(System.nanoTime()).as("%d hands within 30 s", hands).isLessThan(deadline);
            harness.clock.advance(10);
            Thread.sleep(2);
        }
    }

    /** Checks one client's frames in order; returns how many hands it saw shown cards in. */
    static int checkFrames(WsTestClient c) {
        List<String> raw;
        List<ServerMessage> decoded;
        synchronized (c) {
            raw = new ArrayList<>(c.raw);
            decoded = new ArrayList<>(c.messages);
        }
        Map<Long, Set<String>> allowed = new HashMap<>();
        Set<Long> showdownHands = new HashSet<>();
        long hand = 0;
        int mySeat = -1;
        for (int i = 0; i < raw.size(); i++) {
            ServerMessage m = decoded.get(i);
            Set<String> ok;
            if (m instanceof ServerMessage.Event e) {
                hand = e.hand();
                ok = allowed.computeIfAbsent(hand, h -> new HashSet<>());
                GameEvent ev = e.event();
                if (ev instanceof GameEvent.Seated s && s.account().equals(c.account)) {
                    mySeat = s.seat();
                } else if (ev instanceof GameEvent.Street s) {
                    ok.addAll(s.cards());
                } else if (ev instanceof GameEvent.HoleCards h && h.cards() != null) {
                    assertThat(h.seat()).as("hole cards sent to %s: %s", c.account, raw.get(i)).isEqualTo(mySeat);
                    ok.addAll(h.cards());
                } else if (ev instanceof GameEvent.Shown s) {
                    ok.addAll(s.cards());
                    showdownHands.add(hand);
                }
            } else if (m instanceof ServerMessage.Snapshot s) {
                hand = s.view().hand();
                ok = allowed.computeIfAbsent(hand, h -> new HashSet<>());
                ok.addAll(s.view().board());
                for (var seat : s.view().players()) {
                    if (seat.cards() != null && seat.account().equals(c.account)) {
                        ok.addAll(seat.cards());
                    }
                }
            } else {
                ok = allowed.computeIfAbsent(hand, h -> new HashSet<>());
            }
            Matcher matcher = CARD.matcher(raw.get(i));
            while (matcher.find()) {
                assertThat(ok).as("frame %d to %s may only carry cards the receiver may know: %s", i, c.account,
                        raw.get(i)).contains(matcher.group(1));
            }
        }
        return showdownHands.size();
    }
}
