package dev.poker.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web client in real browsers against a real node process: two players and a spectator (on a
 * phone-sized window) in headless Chromium play at least five hands by clicking the page. Throughout,
 * no page shows another player's hole cards before they are shown at showdown; one player reloads the
 * page in the middle of a hand and is back in it (seat, cards, decisions). Then the node restarts on the
 * same data, and the three pages reconnect by themselves and play two more hands. Last, a player tops
 * up and another reads her recent hands in the lobby. Screenshots for a person go to
 * {@code target/browser-play/}.
 *
 * <p>Without Chromium and chromedriver the test fails (the test command installs them); it never skips.
 */
class BrowserPlayIT {
    private static final int HANDS = 5;
    private static final Dimension DESKTOP = new Dimension(1280, 1000);
    private static final Dimension PHONE = new Dimension(500, 900);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void twoPlayersAndASpectatorPlayFiveHandsInChromium() throws Exception {
        Optional<Browsers> browsers = Browsers.find();
        if (browsers.isEmpty()) {
            // like every service an integration test needs: ./poker test provides it, and a test never skips
            throw new AssertionError(Browsers.missing() + ": run the integration tests with ./poker test, which"
                    + " installs Chromium and chromedriver");
        }
        Path dir = Path.of("target", "browser-play").toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>();
        env.put("POKER_DATA_DIR", Files.createTempDirectory(dir, "data-").toString());
        env.put("POKER_HAND_DELAY_MS", "700");
        env.put("POKER_TOKEN_SECRET", "browser-play-token-secret-0123456789abc");
        List<String> screenshots = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start("browser-node", NodeProcess.freePort(), env, dir)) {
            node.awaitHealthy(Duration.ofSeconds(60));
            String url = "http://127.0.0.1:" + node.port + "/";
            try (BrowserPlayer ann = BrowserPlayer.open("Ann", browsers.get(), url, dir, DESKTOP, false);
                    BrowserPlayer bob = BrowserPlayer.open("Bob", browsers.get(), url, dir, DESKTOP, false);
                    BrowserPlayer cat = BrowserPlayer.open("Cat", browsers.get(), url, dir, PHONE, true)) {
                try {
                    playAndCheck(ann, bob, cat, node, env, dir, screenshots);
                } catch (Throwable t) {
                    for (BrowserPlayer p : List.of(ann, bob, cat)) {
                        screenshots.add(p.screenshot("99-failure-" + p.name + ".png").toString());
                    }
                    throw t;
                }
            }
        } finally {
            System.out.println("browser-play screenshots: " + screenshots);
        }
    }

    private static void playAndCheck(BrowserPlayer ann, BrowserPlayer bob, BrowserPlayer cat, NodeProcess node,
            Map<String, String> env, Path dir, List<String> screenshots) throws Exception {
        ann.signIn();
        bob.signIn();
        cat.signIn();
        String table = ann.createTable("Browser table", Map.of("ct-seats", "6", "ct-sb", "1", "ct-bb", "2",
                "ct-min", "40", "ct-max", "200", "ct-clock", "20"));
        bob.openTable(table);
        screenshots.add(cat.screenshot("01-spectator-lobby-phone.png").toString());
        cat.openTable(table);
        ann.sit(0);
        bob.sit(1);
        assertThat(cat.count("button.sit")).as("a spectator may sit: the empty seats offer it").isEqualTo(4);

        PlayLog log = new PlayLog();
        play(ann, bob, cat, screenshots, log, HANDS, true);
        assertThat(log.handsEnded).as("hands played through the page").isGreaterThanOrEqualTo(HANDS);
        assertThat(log.privacyChecks).as("moments the hole cards were compared").isGreaterThan(10);
        assertThat(log.clicks).as("decisions clicked").isGreaterThanOrEqualTo(2 * HANDS);
        assertThat(log.reloaded).as("Bob reloaded mid-hand and was back").isTrue();
        assertThat(log.showdownsSeenBySpectator).as("showdowns the spectator saw").isPositive();
        screenshots.add(ann.screenshot("05-ann-after-five-hands.png").toString());

        // the node restarts on the same data: the pages reconnect by themselves and play on
        node.stop(Duration.ofSeconds(30));
        try (NodeProcess again = NodeProcess.start("browser-node-2", node.port, env, dir)) {
            again.awaitHealthy(Duration.ofSeconds(60));
            long ended = log.handsEnded;
            play(ann, bob, cat, screenshots, log, ended + 2, false);
            for (BrowserPlayer p : List.of(ann, bob, cat)) {
                assertThat(p.text("#status")).as(p.name + " reconnected").isEqualTo("connected to browser-node-2");
            }
            screenshots.add(cat.screenshot("06-spectator-after-node-restart-phone.png").toString());

            // Bob tops up; Ann goes back to the lobby and reads her recent hands from the history API
            bob.type("#topup", "10");
            bob.click("#topup-go");
            bob.awaitText("#log", "Bob adds 10 chips");
            ann.click("#back");
            ann.waiting(30).until(d -> ann.count("#hands li") >= HANDS ? true : null);
            ann.click("#hands li button");
            assertThat(ann.awaitText("#hand-text", "actions")).as("a hand's PHH history").contains("players");
            screenshots.add(ann.screenshot("07-ann-lobby-recent-hands.png").toString());
        }
    }

    /** What happened while the players played. */
    private static final class PlayLog {
        long handsEnded;
        int privacyChecks;
        int clicks;
        boolean reloaded;
        boolean turnShot;
        int showdownsSeenBySpectator;
    }

    /** Clicks through hands until {@code hands} have ended (as Ann's page counts them). */
    private static void play(BrowserPlayer ann, BrowserPlayer bob, BrowserPlayer cat, List<String> shots, PlayLog log,
            long hands, boolean reloadOnce) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long lastShowdownHand = 0;
        while (System.nanoTime() < deadline) {
            BrowserPlayer.Seen a = ann.seen();
            BrowserPlayer.Seen b = bob.seen();
            BrowserPlayer.Seen c = cat.seen();
            log.privacyChecks += checkPrivacy(a, List.of(b, c), "Ann", List.of("Bob", "Cat"));
            log.privacyChecks += checkPrivacy(b, List.of(a, c), "Bob", List.of("Ann", "Cat"));
            assertThat(c.ownCards()).as("the spectator has no seat, so no cards of its own").isEmpty();
            log.handsEnded = Math.max(log.handsEnded, a.hand() - (a.street().isEmpty() ? 0 : 1));
            if (log.handsEnded >= hands) {
                return;
            }
            if (c.shown() && c.hand() > lastShowdownHand) {
                lastShowdownHand = c.hand();
                if (log.showdownsSeenBySpectator++ == 0) {
                    shots.add(cat.screenshot("04-spectator-showdown-phone.png").toString());
                }
            }
            if (reloadOnce && !log.reloaded && b.hand() >= 2 && !b.street().isEmpty() && b.ownCards().size() == 2 && !b.shown()) {
                reloadMidHand(bob, b, shots);
                log.reloaded = true;
                continue;
            }
            if (!log.turnShot && ann.decisionOffered()) {
                shots.add(ann.screenshot("02-ann-your-turn.png").toString());
                log.turnShot = true;
            }
            if (ann.actIfAsked()) {
                log.clicks++;
            }
            if (bob.actIfAsked()) {
                log.clicks++;
            }
            Thread.sleep(60);
        }
        throw new AssertionError("only " + log.handsEnded + " of " + hands + " hands ended within 120 s; Ann sees: "
                + ann.text("#table-hand") + "; log: " + ann.text("#log"));
    }

    /**
     * Compares the owner's own hole cards with what each viewer's page holds, when both show the same
     * hand, the viewer's hand is running and nothing was shown in it yet. Returns the comparisons made.
     */
    private static int checkPrivacy(BrowserPlayer.Seen owner, List<BrowserPlayer.Seen> viewers, String ownerName,
            List<String> viewerNames) {
        if (owner.ownCards().size() != 2) {
            return 0;
        }
        int checks = 0;
        for (int i = 0; i < viewers.size(); i++) {
            BrowserPlayer.Seen v = viewers.get(i);
            if (v.hand() == owner.hand() && !v.street().isEmpty() && !v.shown()) {
                assertThat(v.allCards()).as(viewerNames.get(i) + "'s page during hand " + v.hand() + " holds none of "
                        + ownerName + "'s hole cards " + owner.ownCards()).doesNotContainAnyElementsOf(owner.ownCards());
                checks++;
            }
        }
        return checks;
    }

    /** Bob reloads; the page resumes the account from its token and the table from the tab's session. */
    private static void reloadMidHand(BrowserPlayer bob, BrowserPlayer.Seen before, List<String> shots)
            throws Exception {
        bob.reload();
        bob.waiting(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("table-view")));
        bob.waiting(30).until(d -> bob.count("#seats .seat.me[data-seat='1']") == 1);
        BrowserPlayer.Seen after = bob.waiting(30).until(d -> {
            BrowserPlayer.Seen s = bob.seen();
            return s.seq() >= before.seq() ? s : null;
        });
        assertThat(bob.count("#login:not([hidden])")).as("no new sign-in after a reload").isZero();
        if (after.hand() == before.hand() && !after.street().isEmpty()) {
            assertThat(after.ownCards()).as("Bob's own cards are back after the reload").isEqualTo(before.ownCards());
        }
        shots.add(bob.screenshot("03-bob-after-reload-mid-hand.png").toString());
    }
}
