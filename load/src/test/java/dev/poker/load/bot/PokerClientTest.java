package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.protocol.TableView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PokerClientTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<FakeWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final Recording listener = new Recording();
    private final PokerClient.Connector connector = (uri, l) -> {
        FakeWebSocket ws = new FakeWebSocket(l);
        sockets.add(ws);
        l.onOpen(ws);
        return CompletableFuture.completedFuture(ws);
    };

    static final class Recording implements PokerClient.Listener {
        final List<ServerMessage> messages = new CopyOnWriteArrayList<>();
        final List<long[]> gaps = new CopyOnWriteArrayList<>();
        final List<String> lifecycle = new CopyOnWriteArrayList<>();
        final List<String> badFrames = new CopyOnWriteArrayList<>();
        final List<String> rejoinsFailed = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(PokerClient client, ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void onGap(PokerClient client, String table, long expectedSeq, long receivedSeq) {
            gaps.add(new long[] {expectedSeq, receivedSeq});
        }

        @Override
        public void onConnected(PokerClient client) {
            lifecycle.add("connected");
        }

        @Override
        public void onDisconnected(PokerClient client, int statusCode, String reason, boolean reconnecting) {
            lifecycle.add("disconnected " + statusCode + (reconnecting ? " reconnecting" : ""));
        }

        @Override
        public void onReconnected(PokerClient client, ServerMessage.Welcome welcome) {
            lifecycle.add("reconnected " + welcome.account());
        }

        @Override
        public void onRejoinFailed(PokerClient client, String table, ServerMessage.Error error) {
            rejoinsFailed.add(table + " " + error.code());
        }

        @Override
        public void onBadFrame(PokerClient client, String frame, RuntimeException error) {
            badFrames.add(frame);
        }
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private PokerClient client(PokerClient.Options options) throws Exception {
        PokerClient c = new PokerClient(URI.create("ws://fake/ws"), connector, listener, scheduler, options);
        c.connect().get(1, TimeUnit.SECONDS);
        return c;
    }

    private PokerClient client() throws Exception {
        return client(PokerClient.Options.defaults().withAutoReconnect(false));
    }

    private ClientMessage sentMessage(FakeWebSocket ws, int index) {
        Decoded d = codec.decodeClient(ws.sent.get(index));
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok) d).message();
    }

    private void send(FakeWebSocket ws, ServerMessage m, int parts) {
        ws.deliver(codec.encode(m), parts);
    }

    private static ServerMessage.Snapshot snapshot(String table, long seq) {
        TableView view = new TableView(table, "t", 6, 1, 2, 0, "none", 40, 200, 30_000, 0, null, null, List.of(),
                List.of(), null, null, null, null, List.of(), null);
        return new ServerMessage.Snapshot(table, seq, view);
    }

    private static ServerMessage.Event event(String table, long seq) {
        return new ServerMessage.Event(table, seq, 1, new GameEvent.Turn(0, 0));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void partialFramesAreAccumulatedIntoOneMessage() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        CompletableFuture<ServerMessage.Welcome> hello = c.hello("bot-1");
        ClientMessage sent = sentMessage(ws, 0);
        assertThat(sent).isInstanceOf(ClientMessage.Hello.class);
        assertThat(((ClientMessage.Hello) sent).name()).isEqualTo("bot-1");

        send(ws, new ServerMessage.Welcome(sent.id(), "acc-1", "bot-1", 10_000, "tok-1", "n1"), 7);

        assertThat(hello.get(1, TimeUnit.SECONDS).account()).isEqualTo("acc-1");
        assertThat(listener.messages).hasSize(1);
        assertThat(c.token()).isEqualTo("tok-1");
        assertThat(c.account()).isEqualTo("acc-1");

        // one character per part, then a whole frame: the buffer is reset in between
        send(ws, snapshot("t1", 3), 10_000);
        send(ws, event("t1", 4), 1);
        assertThat(listener.messages).hasSize(3);
        assertThat(listener.messages.get(1)).isEqualTo(snapshot("t1", 3));
        assertThat(listener.messages.get(2)).isEqualTo(event("t1", 4));
        assertThat(c.badFrames()).isZero();
    }

    @Test
    void answersCompleteTheRequestWithTheirId() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        CompletableFuture<List<TableSummary>> lobby = c.listTables();
        CompletableFuture<ServerMessage> create = c.request(TableTemplate.ofSeats(6).toCreate("x"));
        CompletableFuture<ServerMessage> sit = c.request(new ClientMessage.Sit(null, "t1", 2, 100L, null));
        String lobbyId = sentMessage(ws, 0).id();
        String createId = sentMessage(ws, 1).id();
        String sitId = sentMessage(ws, 2).id();
        assertThat(List.of(lobbyId, createId, sitId)).doesNotHaveDuplicates().doesNotContainNull();

        send(ws, new ServerMessage.Ack("nobody-asked", "t9", 1L), 1);
        send(ws, new ServerMessage.Ack(sitId, "t1", 7L), 2);
        send(ws, new ServerMessage.Error(createId, "INVALID_MESSAGE", "no", false, null), 3);
        TableSummary summary = new TableSummary("t1", "t", 6, 1, 1, 2, 0, 40, 200, 0);
        send(ws, new ServerMessage.Tables(lobbyId, List.of(summary)), 2);

        assertThat(sit.get(1, TimeUnit.SECONDS)).isEqualTo(new ServerMessage.Ack(sitId, "t1", 7L));
        assertThat(create.get(1, TimeUnit.SECONDS)).isInstanceOf(ServerMessage.Error.class);
        assertThat(lobby.get(1, TimeUnit.SECONDS)).containsExactly(summary);
        assertThat(listener.messages).hasSize(4);
        assertThat(c.pendingRequests()).isZero();
    }

    @Test
    void typedHelpersFailWithTheErrorCode() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        CompletableFuture<String> create = c.createTable(TableTemplate.ofSeats(6).toCreate("x"));
        send(ws, new ServerMessage.Error(sentMessage(ws, 0).id(), "RATE_LIMITED", "slow down", true, null), 1);
        assertThatThrownBy(() -> create.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PokerClient.RequestFailedException.class).hasMessageContaining("RATE_LIMITED");
    }

    @Test
    void aFreshJoinCompletesWithTheSnapshotNotTheAck() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        CompletableFuture<ServerMessage.Snapshot> join = c.join("t1");
        ClientMessage.Join sent = (ClientMessage.Join) sentMessage(ws, 0);
        assertThat(sent.table()).isEqualTo("t1");
        assertThat(sent.lastSeq()).isNull();

        send(ws, new ServerMessage.Ack(sent.id(), "t1", 12L), 1);
        assertThat(join).isNotDone();
        send(ws, snapshot("t2", 1), 1);
        assertThat(join).isNotDone();
        send(ws, snapshot("t1", 12), 1);
        assertThat(join.get(1, TimeUnit.SECONDS).seq()).isEqualTo(12);
        assertThat(c.lastSeq("t1")).isEqualTo(12L);
        assertThat(c.watched()).containsExactly("t1");
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        PokerClient c = client(PokerClient.Options.defaults().withAutoReconnect(false)
                .withRequestTimeout(Duration.ofMillis(100)));
        CompletableFuture<ServerMessage> f = c.request(new ClientMessage.Ping(null, 1L));
        assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class);
        await(() -> c.pendingRequests() == 0);
    }

    @Test
    void gapsAreCountedAndReplayedEventsDropped() throws Exception {
        PokerClient c = client();
        c.handle(snapshot("t1", 5));
        c.handle(event("t1", 6));
        c.handle(event("t1", 8)); // 7 is missing
        c.handle(event("t1", 8)); // again
        c.handle(event("t1", 7)); // late
        c.handle(event("t1", 9));
        c.handle(event("t2", 100)); // another table, never snapshotted: accepted as the start

        assertThat(c.gaps()).isEqualTo(1);
        assertThat(listener.gaps).hasSize(1);
        assertThat(listener.gaps.get(0)).containsExactly(7, 8);
        assertThat(c.duplicates()).isEqualTo(2);
        assertThat(listener.messages.stream().filter(m -> m instanceof ServerMessage.Event)
                .map(m -> ((ServerMessage.Event) m).seq())).containsExactly(6L, 8L, 9L, 100L);
        assertThat(c.lastSeq("t1")).isEqualTo(9L);

        c.handle(snapshot("t1", 50)); // a fresh snapshot resets the count
        c.handle(event("t1", 51));
        assertThat(c.gaps()).isEqualTo(1);
    }

    @Test
    void sendsNeverOverlapOnTheSocket() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        ws.manual = true;
        CompletableFuture<Void> a = c.send(new ClientMessage.Ping("a", 1L));
        CompletableFuture<Void> b = c.send(new ClientMessage.Ping("b", 2L));
        CompletableFuture<Void> d = c.send(new ClientMessage.Ping("c", 3L));
        assertThat(ws.sent).hasSize(1);
        assertThat(ws.outstanding()).isEqualTo(1);
        ws.completeOne();
        assertThat(a).isDone();
        assertThat(ws.sent).hasSize(2);
        ws.completeOne();
        ws.completeOne();
        assertThat(b).isDone();
        assertThat(d).isDone();
        assertThat(ws.overlaps.get()).isZero();
        assertThat(ws.sent).extracting(s -> ((Decoded.Ok) codec.decodeClient(s)).message().id())
                .containsExactly("a", "b", "c");
    }

    @Test
    void aReconnectMessageResumesWithTheTokenAndRejoinsFromTheLastSeq() throws Exception {
        PokerClient c = watchingClient(3);
        FakeWebSocket first = sockets.get(0);
        send(first, event("t1", 4), 1);
        CompletableFuture<ServerMessage> inFlight = c.request(new ClientMessage.Ping(null, 1L));

        send(first, new ServerMessage.Reconnect("draining"), 1);

        await(() -> sockets.size() == 2 && !sockets.get(1).sent.isEmpty());
        FakeWebSocket second = sockets.get(1);
        assertThat(first.aborted).isTrue();
        assertThatThrownBy(() -> inFlight.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(PokerClient.ConnectionClosedException.class);
        ClientMessage.Hello resume = (ClientMessage.Hello) sentMessage(second, 0);
        assertThat(resume.token()).isEqualTo("tok-1");
        assertThat(resume.name()).isNull();
        send(second, new ServerMessage.Welcome(resume.id(), "acc-1", "bot-1", 500, "tok-2", null), 3);

        await(() -> second.sent.size() == 2);
        ClientMessage.Join rejoin = (ClientMessage.Join) sentMessage(second, 1);
        assertThat(rejoin.table()).isEqualTo("t1");
        assertThat(rejoin.lastSeq()).isEqualTo(4L);
        // the server replays from 4 (an overlap) onwards
        send(second, event("t1", 4), 1);
        send(second, event("t1", 5), 1);
        assertThat(c.gaps()).isZero();
        assertThat(c.duplicates()).isEqualTo(1);
        assertThat(c.token()).isEqualTo("tok-2");
        assertThat(c.reconnects()).isEqualTo(1);
        await(() -> listener.lifecycle.contains("reconnected acc-1"));
        assertThat(listener.lifecycle).containsSubsequence("connected", "disconnected 1000 reconnecting", "connected",
                "reconnected acc-1");
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void aDroppedConnectionFailsPendingRequestsAndReconnects() throws Exception {
        PokerClient c = client(PokerClient.Options.defaults().withReconnect(3, Duration.ZERO));
        FakeWebSocket first = sockets.get(0);
        CompletableFuture<ServerMessage.Welcome> hello = c.hello("bot-1");
        send(first, new ServerMessage.Welcome(sentMessage(first, 0).id(), "acc-1", "bot-1", 500, "tok-1", null), 1);
        hello.get(1, TimeUnit.SECONDS);
        CompletableFuture<ServerMessage> ping = c.request(new ClientMessage.Ping(null, 1L));

        first.serverClose(1011, "crash");

        assertThatThrownBy(() -> ping.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(PokerClient.ConnectionClosedException.class);
        await(() -> sockets.size() == 2 && !sockets.get(1).sent.isEmpty());
        assertThat(((ClientMessage.Hello) sentMessage(sockets.get(1), 0)).token()).isEqualTo("tok-1");
        assertThat(listener.lifecycle).contains("disconnected 1011 reconnecting");
    }

    @Test
    void closeSendsACloseFrameAndDoesNotReconnect() throws Exception {
        PokerClient c = client(PokerClient.Options.defaults().withReconnect(3, Duration.ZERO));
        FakeWebSocket ws = sockets.get(0);
        CompletableFuture<ServerMessage.Welcome> hello = c.hello("bot-1");
        send(ws, new ServerMessage.Welcome(sentMessage(ws, 0).id(), "acc-1", "bot-1", 500, "tok-1", null), 1);
        hello.get(1, TimeUnit.SECONDS);
        ws.onSendClose = () -> ws.listener.onClose(ws, 1000, "bye");

        c.close();

        assertThat(ws.closeCode).isEqualTo(1000);
        assertThat(c.isOpen()).isFalse();
        Thread.sleep(50);
        assertThat(sockets).hasSize(1);
        assertThat(listener.lifecycle).containsExactly("connected", "disconnected 1000");
        assertThat(c.send(new ClientMessage.Ping(null, 1L))).isCompletedExceptionally();
    }

    @Test
    void aBadFrameIsReportedAndSkipped() throws Exception {
        PokerClient c = client();
        FakeWebSocket ws = sockets.get(0);
        ws.deliver("{\"type\":\"nonsense\"", 2);
        send(ws, new ServerMessage.Pong(null, 1L, 2L), 2);
        assertThat(c.badFrames()).isEqualTo(1);
        assertThat(listener.badFrames).hasSize(1);
        assertThat(listener.messages).containsExactly(new ServerMessage.Pong(null, 1L, 2L));
    }

    @Test
    void anOversizedMessageClosesTheConnection() throws Exception {
        PokerClient c = client(PokerClient.Options.defaults().withAutoReconnect(false).withMaxFrameChars(64));
        FakeWebSocket ws = sockets.get(0);
        ws.deliver(codec.encode(snapshot("t1", 1)), 10);
        assertThat(ws.aborted).isTrue();
        assertThat(c.isOpen()).isFalse();
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void withIdKeepsEveryOtherField() {
        ClientMessage.Act act = new ClientMessage.Act(null, "t1", 4L, "raise", 60L, "a-1");
        assertThat(PokerClient.withId(act, "9")).isEqualTo(new ClientMessage.Act("9", "t1", 4L, "raise", 60L, "a-1"));
        ClientMessage.CreateTable ct = TableTemplate.ofSeats(9).toCreate("n");
        assertThat(((ClientMessage.CreateTable) PokerClient.withId(ct, "2")).seats()).isEqualTo(9);
    }

    /** A reconnecting client with token tok-1 (account acc-1) watching t1 from a snapshot at {@code seq}. */
    private PokerClient watchingClient(long seq) throws Exception {
        PokerClient c = client(PokerClient.Options.defaults().withReconnect(3, Duration.ZERO));
        FakeWebSocket first = sockets.get(0);
        CompletableFuture<ServerMessage.Welcome> hello = c.hello("bot-1");
        send(first, new ServerMessage.Welcome(sentMessage(first, 0).id(), "acc-1", "bot-1", 500, "tok-1", null), 1);
        hello.get(1, TimeUnit.SECONDS);
        CompletableFuture<ServerMessage.Snapshot> join = c.join("t1");
        send(first, snapshot("t1", seq), 1);
        join.get(1, TimeUnit.SECONDS);
        return c;
    }

    /** A client with a token watching t1 (last seq 4), told to reconnect: returns it once the resume is sent. */
    private PokerClient resumingClient() throws Exception {
        PokerClient c = watchingClient(4);
        send(sockets.get(0), new ServerMessage.Reconnect("draining"), 1);
        await(() -> sockets.size() == 2 && !sockets.get(1).sent.isEmpty());
        return c;
    }

    @Test
    void requestsOnAResumedConnectionWaitForTheWelcomeThenFollowTheRejoinInOrder() throws Exception {
        PokerClient c = resumingClient();
        FakeWebSocket second = sockets.get(1);
        ClientMessage.Hello resume = (ClientMessage.Hello) sentMessage(second, 0);

        CompletableFuture<ServerMessage> ping = c.request(new ClientMessage.Ping("p", 1L));
        CompletableFuture<ServerMessage> sitIn = c.request(new ClientMessage.SitIn("s", "t1", false));

        assertThat(second.sent).as("only the resume before its answer").hasSize(1);
        send(second, new ServerMessage.Welcome(resume.id(), "acc-1", "bot-1", 500, "tok-2", null), 1);
        await(() -> second.sent.size() == 4);
        ClientMessage.Join rejoin = (ClientMessage.Join) sentMessage(second, 1);
        assertThat(rejoin.lastSeq()).isEqualTo(4L);
        assertThat(sentMessage(second, 2).id()).isEqualTo("p");
        assertThat(sentMessage(second, 3).id()).isEqualTo("s");
        send(second, new ServerMessage.Pong("p", 1L, 2L), 1);
        assertThat(ping.get(1, TimeUnit.SECONDS)).isInstanceOf(ServerMessage.Pong.class);
        assertThat(sitIn).isNotDone();
    }

    @Test
    void aRefusedResumeFailsTheHeldRequests() throws Exception {
        PokerClient c = resumingClient();
        FakeWebSocket second = sockets.get(1);
        CompletableFuture<ServerMessage> ping = c.request(new ClientMessage.Ping("p", 1L));

        send(second, new ServerMessage.Error(sentMessage(second, 0).id(), "INVALID_TOKEN", "unknown token", false,
                null), 1);

        assertThatThrownBy(() -> ping.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(PokerClient.ConnectionClosedException.class);
        assertThat(second.sent).as("nothing but the resume went out").hasSize(1);
    }

    @Test
    void aRetryableRefusalOfARejoinIsRetriedAndTheTableStaysWatched() throws Exception {
        PokerClient c = resumingClient();
        FakeWebSocket second = sockets.get(1);
        send(second, new ServerMessage.Welcome(sentMessage(second, 0).id(), "acc-1", "bot-1", 500, "tok-2", null), 1);
        await(() -> second.sent.size() == 2);

        ClientMessage.Join first = (ClientMessage.Join) sentMessage(second, 1);
        send(second, new ServerMessage.Error(first.id(), "TABLE_MOVING", "moving", true, "t1"), 1);
        await(() -> second.sent.size() == 3);
        ClientMessage.Join again = (ClientMessage.Join) sentMessage(second, 2);
        assertThat(again.table()).isEqualTo("t1");
        assertThat(again.lastSeq()).isEqualTo(4L);
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(c.watched()).containsExactly("t1");
        send(second, new ServerMessage.Ack(again.id(), "t1", 4L), 1);
        assertThat(listener.rejoinsFailed).isEmpty();
        assertThat(c.watched()).containsExactly("t1");
        assertThat(c.lastSeq("t1")).isEqualTo(4L);
    }

    @Test
    void aRejoinRefusedForGoodIsReported() throws Exception {
        PokerClient c = resumingClient();
        FakeWebSocket second = sockets.get(1);
        send(second, new ServerMessage.Welcome(sentMessage(second, 0).id(), "acc-1", "bot-1", 500, "tok-2", null), 1);
        await(() -> second.sent.size() == 2);

        send(second, new ServerMessage.Error(sentMessage(second, 1).id(), "NO_SUCH_TABLE", "gone", false, "t1"), 1);

        await(() -> !listener.rejoinsFailed.isEmpty());
        assertThat(listener.rejoinsFailed).containsExactly("t1 NO_SUCH_TABLE");
        assertThat(c.watched()).isEmpty();
        assertThat(second.sent).hasSize(2);
    }
}
