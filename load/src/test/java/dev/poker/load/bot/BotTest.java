package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.ClientMessage;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bots and fleets against {@link FakePokerServer}: no socket, the real client and bot logic. */
class BotTest {
    private final FakePokerServer server = new FakePokerServer();
    private BotFleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.stop();
        }
        server.shutdown();
    }

    private BotFleet fleet(int players, int seats, BotConfig bot) {
        BotFleet.Config config = BotFleet.Config.of(URI.create("ws://fake/ws"), players).withRampPerSecond(0)
                .withSeed(11).withBot(bot.withTemplate(TableTemplate.ofSeats(seats)));
        fleet = new BotFleet(config, server, null);
        return fleet;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** {@code bot} reconnecting quickly: 5 attempts from 20 ms. */
    private static BotConfig reconnecting(BotConfig bot) {
        return bot.withClient(PokerClient.Options.defaults().withReconnect(5, Duration.ofMillis(20)));
    }

    private void awaitIdleTables() throws InterruptedException {
        await("idle tables", () -> {
            try {
                return server.idle();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void assertOnlyErrors(Map<String, Long> errors, Set<String> allowed) {
        assertThat(errors.keySet()).as("errors %s", errors).isSubsetOf(allowed);
    }

    @Test
    void aFleetFillsTablesPlaysAndStopsCleanly() throws Exception {
        server.maxHandsPerTable = 15;
        BotFleet f = fleet(4, 2, BotConfig.defaults());
        f.start();
        await("4 bots seated", () -> f.stats().seated() == 4);
        await("30 hands", () -> server.handsDealt.get() == 30);
        awaitIdleTables();

        BotStats.Report r = f.report();
        assertThat(server.tableCount()).as("two heads-up tables for four bots").isEqualTo(2);
        assertThat(r.tablesCreated()).isEqualTo(2);
        assertThat(r.connectionsOpen()).isEqualTo(4);
        assertThat(r.seated()).isEqualTo(4);
        assertThat(r.botsStarted()).isEqualTo(4);
        assertThat(r.botsFailed()).isZero();
        assertThat(r.handsPlayed()).isEqualTo(30);
        assertThat(r.handsSeen()).isEqualTo(60);
        assertThat(r.actionsSent()).isPositive();
        assertThat(r.total().count()).as("one latency per action").isEqualTo(r.actionsSent());
        assertThat(r.total().maxMs()).isGreaterThanOrEqualTo(r.total().p50Ms());
        assertThat(server.illegalActs.get()).isZero();
        assertOnlyErrors(r.errorsByCode(), Set.of("SEAT_TAKEN"));
        for (Bot b : f.bots()) {
            assertThat(b.state()).isEqualTo(Bot.State.SEATED);
            assertThat(b.client().gaps()).isZero();
            assertThat(b.client().listenerFailures()).as("listener failures: %s", b.client().lastListenerFailure())
                    .isZero();
        }
        Set<String> names = new HashSet<>();
        f.bots().forEach(b -> names.add(b.name()));
        assertThat(names).containsExactlyInAnyOrder("bot-1", "bot-2", "bot-3", "bot-4");

        f.stop();
        for (Bot b : f.bots()) {
            assertThat(b.state()).isEqualTo(Bot.State.STOPPED);
            assertThat(server.from(b.account(), ClientMessage.Leave.class)).hasSize(1);
        }
        assertThat(f.stats().connectionsOpen()).isZero();
        assertThat(f.stats().seated()).isZero();
    }

    @Test
    void aBustedBotTopsUpAndSitsInAgain() throws Exception {
        server.maxHandsPerTable = 0; // nobody plays: the test busts a bot by hand
        BotFleet f = fleet(2, 2, BotConfig.defaults());
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);

        server.bust(bot.account());

        await("top-up and sit-in", () -> server.from(bot.account(), ClientMessage.SitIn.class).size() == 1);
        ClientMessage.TopUp topUp = (ClientMessage.TopUp) server.from(bot.account(), ClientMessage.TopUp.class).get(0);
        assertThat(topUp.amount()).isEqualTo(200); // 100 big blinds of 2, within 40..200
        await("seated again", () -> bot.state() == Bot.State.SEATED);
        assertThat(f.report().topUps()).isEqualTo(1);
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN"));
    }

    @Test
    void aKickedBotReconnectsResumesAndKeepsPlaying() throws Exception {
        server.maxHandsPerTable = 12;
        BotFleet f = fleet(2, 2, reconnecting(BotConfig.defaults()));
        f.start();
        await("3 hands", () -> server.handsDealt.get() >= 3);
        Bot bot = f.bots().get(0);

        server.kick(bot.account());

        await("12 hands", () -> server.handsDealt.get() == 12);
        await("reconnected", () -> f.stats().reconnects.sum() == 1);
        assertThat(bot.client().reconnects()).isEqualTo(1);
        assertThat(server.connections.get()).isEqualTo(3);
        assertThat(server.received).filteredOn(r -> r.message() instanceof ClientMessage.Hello h && h.token() != null)
                .hasSize(1);
        assertThat(server.from(bot.account(), ClientMessage.Join.class)).anySatisfy(
                j -> assertThat(((ClientMessage.Join) j).lastSeq()).isNotNull());
        for (Bot b : f.bots()) {
            assertThat(b.client().gaps()).isZero();
            assertThat(b.state()).isEqualTo(Bot.State.SEATED);
        }
        assertThat(f.stats().connectionsOpen()).isEqualTo(2);
        assertThat(server.illegalActs.get()).isZero();
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN", "DISCONNECTED"));
    }

    @Test
    void anActionLostWithTheConnectionIsRepeatedOnceWithTheSameActionId() throws Exception {
        server.maxHandsPerTable = 6;
        BotFleet f = fleet(2, 2, reconnecting(BotConfig.defaults()));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);
        server.dropActAndKick = bot.account();

        await("6 hands", () -> server.handsDealt.get() == 6);
        awaitIdleTables();
        assertThat(server.dropActAndKick).isNull();
        assertThat(bot.client().reconnects()).isEqualTo(1);
        assertThat(f.stats().actionRetries.sum()).isEqualTo(1);
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN", "DISCONNECTED"));
        assertThat(f.stats().errorsByCode()).containsEntry("DISCONNECTED", 1L);
        BotStats.Report r = f.report();
        assertThat(r.total().count()).isEqualTo(r.actionsSent());
    }

    @Test
    void aBotWhoseTableIsGoneAfterAReconnectFindsAnotherSeat() throws Exception {
        server.maxHandsPerTable = 0;
        BotFleet f = fleet(2, 2, reconnecting(BotConfig.defaults()));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);
        assertThat(bot.table()).isEqualTo("T1");

        server.forget("T1");
        server.kick(bot.account());

        await("seated elsewhere", () -> "T2".equals(bot.table()) && bot.state() == Bot.State.SEATED);
        assertThat(f.stats().seated()).isEqualTo(2);
        assertThat(bot.client().watched()).containsExactly("T2");
    }

    @Test
    void aBotWhoseTokenIsRefusedStartsOverAsANewGuest() throws Exception {
        server.maxHandsPerTable = 0;
        BotFleet f = fleet(2, 2, reconnecting(BotConfig.defaults()));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);
        String before = bot.account();

        server.forgetTokens();
        server.forget("T1");
        server.kick(bot.account());

        await("seated again as someone else", () -> bot.state() == Bot.State.SEATED && "T2".equals(bot.table()));
        assertThat(bot.account()).isNotEqualTo(before);
        assertThat(bot.client().watched()).containsExactly("T2");
        assertThat(f.stats().seated()).isEqualTo(2);
        assertThat(f.stats().connectionsOpen()).isEqualTo(2);
        // the allocator still knew T1: one refused join, then a new table
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN", "DISCONNECTED", "INVALID_TOKEN", "NO_SUCH_TABLE"));
        assertThat(f.stats().errorsByCode()).containsEntry("DISCONNECTED", 1L).containsEntry("INVALID_TOKEN", 1L);
        assertThat(f.stats().errorsByCode().getOrDefault("NO_SUCH_TABLE", 0L)).isLessThanOrEqualTo(1L);
    }

    @Test
    void thinkTimeDelaysActionsButNotTheirLatency() throws Exception {
        server.maxHandsPerTable = 3;
        BotFleet f = fleet(2, 2, BotConfig.defaults().withThinkTime(Duration.ofMillis(40), Duration.ofMillis(60)));
        long start = System.nanoTime();
        f.start();
        await("3 hands", () -> server.handsDealt.get() == 3);
        awaitIdleTables();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        BotStats.Report r = f.report();
        assertThat(r.actionsSent()).isPositive();
        // one table: the actions happen one after another, each after at least 40 ms of thought
        assertThat(elapsedMs).isGreaterThanOrEqualTo(40 * r.actionsSent());
        assertThat(r.total().count()).isEqualTo(r.actionsSent());
        assertThat(r.total().p50Ms()).as("latency runs from sending, after the thinking").isLessThan(40);
    }

    @Test
    void aBurstOfBotsCreatesJustEnoughTables() throws Exception {
        server.maxHandsPerTable = 0;
        BotFleet f = fleet(30, 6, BotConfig.defaults());
        f.start();
        await("30 bots seated", () -> f.stats().seated() == 30);
        assertThat(server.tableCount()).isEqualTo(5);
        assertThat(f.report().tablesCreated()).isEqualTo(5);
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN"));
    }

    @Test
    void aBotAloneCreatesItsTableAndWaits() throws Exception {
        BotFleet f = fleet(1, 6, BotConfig.defaults());
        f.start();
        await("seated", () -> f.stats().seated() == 1);
        Bot b = f.bots().get(0);
        assertThat(b.table()).isEqualTo("T1");
        assertThat(b.seat()).isBetween(0, 5);
        await("balance after the buy-in", () -> b.balance() == 10_000 - 200);
        assertThat(server.from(b.account(), ClientMessage.CreateTable.class)).hasSize(1);
    }

    @Test
    void aDecisionMadeWhileTheResumeIsUnansweredWaitsForTheWelcome() throws Exception {
        server.maxHandsPerTable = 2;
        BotFleet f = fleet(2, 2, reconnecting(
                BotConfig.defaults().withThinkTime(Duration.ofMillis(300), Duration.ofMillis(300))));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        await("someone's turn", () -> {
            try {
                return server.turnAccount("T1") != null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String thinker = server.turnAccount("T1");
        Bot bot = f.bots().stream().filter(b -> thinker.equals(b.account())).findFirst().orElseThrow();
        long decided = f.stats().actionsSent.sum();
        server.holdResumes = true;

        server.kick(thinker); // while the bot thinks; it decides on the new socket before the resume is answered

        await("the decision taken", () -> f.stats().actionsSent.sum() == decided + 1);
        await("the resume sent", () -> server.received.stream()
                .anyMatch(r -> r.message() instanceof ClientMessage.Hello h && h.token() != null));
        server.releaseResumes();
        await("2 hands played", () -> server.handsDealt.get() == 2);
        awaitIdleTables();
        assertThat(server.received).as("nothing but the resume before the welcome")
                .filteredOn(r -> r.account() == null).allMatch(r -> r.message() instanceof ClientMessage.Hello);
        assertOnlyErrors(f.stats().errorsByCode(), Set.of("SEAT_TAKEN", "DISCONNECTED"));
        Map<Long, Set<String>> decisionsByHand = new HashMap<>();
        for (ClientMessage m : server.from(thinker, ClientMessage.Act.class)) {
            ClientMessage.Act a = (ClientMessage.Act) m;
            decisionsByHand.computeIfAbsent(a.hand(), h -> new HashSet<>()).add(a.actionId());
        }
        assertThat(decisionsByHand).as("one decision per hand, never changed").isNotEmpty()
                .allSatisfy((hand, ids) -> assertThat(ids).hasSize(1));
        assertThat(bot.state()).isEqualTo(Bot.State.SEATED);
    }

    @Test
    void aRetryableRefusalOfTheRejoinIsRetriedNotAnsweredBySittingElsewhere() throws Exception {
        server.maxHandsPerTable = 0;
        BotFleet f = fleet(2, 2, reconnecting(BotConfig.defaults()));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);
        assertThat(bot.table()).isEqualTo("T1");
        server.refuseRejoins.set(3);

        server.kick(bot.account());

        await("rejoined after three refusals", () -> server.from(bot.account(), ClientMessage.Join.class).stream()
                .filter(j -> ((ClientMessage.Join) j).lastSeq() != null).count() == 4);
        await("reconnected", () -> f.stats().reconnects.sum() == 1);
        assertThat(server.refuseRejoins.get()).isZero();
        assertThat(bot.table()).isEqualTo("T1");
        assertThat(bot.state()).isEqualTo(Bot.State.SEATED);
        assertThat(bot.client().watched()).containsExactly("T1");
        assertThat(server.from(bot.account(), ClientMessage.Sit.class)).as("no seat taken elsewhere").hasSize(1);
        assertThat(server.tableCount()).isEqualTo(1);
        assertThat(f.stats().seated()).isEqualTo(2);
    }

    @Test
    void aBotWhoseTableKeepsRefusingTheRejoinStopsRatherThanSitElsewhere() throws Exception {
        server.maxHandsPerTable = 0;
        BotFleet f = fleet(2, 2, BotConfig.defaults().withClient(
                PokerClient.Options.defaults().withReconnect(5, Duration.ofMillis(20)).withRejoinAttempts(3)));
        f.start();
        await("2 bots seated", () -> f.stats().seated() == 2);
        Bot bot = f.bots().get(0);
        server.refuseRejoins.set(1_000);

        server.kick(bot.account());

        await("the bot gave up", () -> bot.state() == Bot.State.FAILED);
        assertThat(server.from(bot.account(), ClientMessage.Join.class).stream()
                .filter(j -> ((ClientMessage.Join) j).lastSeq() != null)).as("three re-joins").hasSize(3);
        assertThat(f.stats().errorsByCode()).containsEntry("REJOIN_FAILED", 1L);
        assertThat(server.from(bot.account(), ClientMessage.Sit.class)).as("no seat taken elsewhere").hasSize(1);
        assertThat(server.tableCount()).isEqualTo(1);
    }
}
