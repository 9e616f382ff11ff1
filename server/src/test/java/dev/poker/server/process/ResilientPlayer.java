package dev.poker.server.process;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One player as a real WebSocket client that survives its node being killed: it plays as soon as it is
 * its turn, and when the connection drops it reconnects (to whatever node listens on the port now),
 * resumes its account with its session token, re-joins its table with the last seq it saw, and resends
 * an unanswered {@code act} with the same {@code actionId}. It records every decision it made and how it
 * was answered, for the test to check against the database.
 *
 * <p>Protocol handling follows protocol/README.md: answers are matched by request id; a decision has one
 * {@code actionId} however often it is sent; a retryable error or a lost connection means "send the same
 * decision again"; a non-retryable error means "this decision is refused" (a new prompt needs a new
 * decision).
 *
 * <p>Concurrency: frames arrive on the JDK WebSocket's thread; reconnects run on a shared executor; all
 * state is guarded by {@code this}. Sends are chained so that at most one is outstanding per WebSocket.
 */
final class ResilientPlayer implements AutoCloseable {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    /** What became of one decision ({@code actionId}). */
    static final class Decision {
        final String actionId;
        final String table;
        final long hand;
        final int seat;
        final String action;
        final Long amount;
        /** The node generation it was first sent to. */
        final int firstSentGen;
        int sends;
        /** The final answer: "ack" or an error code; null while unanswered. */
        String outcome;
        long ackSeq = -1;
        /** The node generation that answered. */
        int answeredGen = -1;
        long answeredNanos;
        /** The seq of this player's own action event received while this decision was unanswered, or -1. */
        long liveActionSeq = -1;
        /** Retryable errors and resends after lost connections. */
        int retries;
        /** The connection it was last sent on, and the node generation of that connection. */
        int sentOnConn = -1;
        int lastSentGen = -1;
        /** Wall-clock time of the first send, and the node (welcome.node) of the last send. */
        long firstSentAtMs;
        String lastSentNode;
        /** Resends because a send had no answer at all within the answer timeout. */
        int unansweredResends;

        Decision(String actionId, String table, long hand, int seat, String action, Long amount, int gen) {
            this.actionId = actionId;
            this.table = table;
            this.hand = hand;
            this.seat = seat;
            this.action = action;
            this.amount = amount;
            this.firstSentGen = gen;
        }

        /** Sent again to a later node after the node it was sent to was killed. */
        boolean resentAfterKill() {
            return lastSentGen > firstSentGen;
        }

        /** Its node was killed before it was answered: it may have been written without an ack. */
        boolean inFlightAtKill() {
            return outcome == null || resentAfterKill() || answeredGen != firstSentGen;
        }

        ClientMessage.Act message(String requestId) {
            return new ClientMessage.Act(requestId, table, hand, action, amount, actionId);
        }

        @Override
        public String toString() {
            return actionId + "{hand " + hand + " seat " + seat + " " + action + (amount == null ? "" : " " + amount)
                    + " sent to gen " + firstSentGen + " x" + sends + " -> " + outcome
                    + (ackSeq >= 0 ? " seq " + ackSeq : "") + " by gen " + answeredGen + ", first sent at "
                    + java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(firstSentAtMs),
                            java.time.ZoneId.systemDefault()) + ", last to " + lastSentNode + "}";
        }
    }

    /** A your_turn, valid until an event moves the action on. */
    private static final class Prompt {
        final ServerMessage.YourTurn turn;
        boolean decided;

        Prompt(ServerMessage.YourTurn turn) {
            this.turn = turn;
        }
    }

    final String name;
    private final IntSupplier port;
    private final IntSupplier generation;
    private final ExecutorService reconnector;
    private final Random random;
    private final HttpClient http;

    private WebSocket ws;
    /** The current connection (a counter of this player's connections), and the node generation it reached. */
    private int connId;
    private int nodeGen = -1;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private final Map<String, CompletableFuture<ServerMessage>> requests = new HashMap<>();
    private final Map<String, Decision> actRequests = new HashMap<>();
    private boolean reconnecting;
    private boolean closed;
    private boolean stopping;
    /** A join with lastSeq is being answered: its replay may hold your_turns that are no longer current. */
    private boolean joining;
    /** An act with no answer at all after this long is sent again (same actionId); 0: never. */
    private volatile long answerTimeoutMs;

    volatile String account;
    volatile String token;
    /** The node that answered the last {@code hello} (its {@code welcome.node}). */
    volatile String node;
    volatile String table;
    volatile int seat = -1;
    private long lastSeq;
    private Prompt prompt;
    private Decision pending;

    final List<Decision> decisions = new ArrayList<>();
    /** Every event seen, by seq: kind and the fields the test compares with the log. */
    final Map<Long, String> seen = new LinkedHashMap<>();
    /** Every event seen, by seq, re-encoded whole as the protocol carries it (ProtocolCodec#encode). */
    final Map<Long, String> frames = new LinkedHashMap<>();
    long gaps;
    long duplicates;
    long rateLimited;
    int reconnects;
    volatile long rejoinedNanos;
    volatile int rejoinedGen = -1;
    boolean leftSeen;
    final List<String> problems = new ArrayList<>();
    /** Decisions sent again because a send got no answer at all within the answer timeout. */
    final List<String> unanswered = new ArrayList<>();

    ResilientPlayer(String name, IntSupplier port, IntSupplier generation, ExecutorService reconnector, long seed,
            HttpClient http) {
        this.name = name;
        this.port = port;
        this.generation = generation;
        this.reconnector = reconnector;
        this.random = new Random(seed);
        this.http = http;
    }

    // ---- connecting ---------------------------------------------------------------------------------

    /**
     * Sends an act again (same actionId) when it has had no answer at all for {@code ms}: in a cluster a
     * table request may rarely get none (protocol/README.md, section 1), and the client resends it.
     */
    void resendUnansweredAfter(long ms) {
        answerTimeoutMs = ms;
    }

    /** Connects and opens a new guest account. */
    void connectAsGuest() throws Exception {
        open();
        ServerMessage m = request(new ClientMessage.Hello(nextId(), name, null)).get(10, TimeUnit.SECONDS);
        if (!(m instanceof ServerMessage.Welcome w)) {
            throw new AssertionError(name + ": hello answered with " + m);
        }
        account = w.account();
        token = w.token();
        node = w.node();
    }

    private void open() throws Exception {
        int gen = generation.getAsInt();
        int id;
        synchronized (this) {
            id = ++connId;
            ws = null;
            nodeGen = -1;
        }
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2))
                .subprotocols(ProtocolCodec.SUBPROTOCOL)
                .buildAsync(URI.create("ws://127.0.0.1:" + port.getAsInt() + "/ws"), new Listener(id))
                .get(5, TimeUnit.SECONDS);
        synchronized (this) {
            if (id != connId || closed) {
                socket.abort();
                throw new IllegalStateException("superseded");
            }
            ws = socket;
            nodeGen = gen;
            sendChain = CompletableFuture.completedFuture(null);
        }
    }

    /** Creates a table (this player must be connected); returns its id. */
    String createTable(String tableName) throws Exception {
        ServerMessage m = request(new ClientMessage.CreateTable(nextId(), tableName, 6, 5, 10, null, null, 1_000,
                20_000, 8_000L, 0L, 500, 10L)).get(10, TimeUnit.SECONDS);
        if (!(m instanceof ServerMessage.Ack a)) {
            throw new AssertionError(name + ": create_table answered with " + m);
        }
        return a.table();
    }

    /** Watches the table and takes the seat. */
    void sit(String tableId, int seatNo, long buyIn) throws Exception {
        synchronized (this) {
            table = tableId;
            seat = seatNo;
        }
        ServerMessage j = untilNotRetryable(() -> new ClientMessage.Join(nextId(), tableId, null));
        if (!(j instanceof ServerMessage.Ack)) {
            throw new AssertionError(name + ": join answered with " + j);
        }
        ServerMessage s = untilNotRetryable(() -> new ClientMessage.Sit(nextId(), tableId, seatNo, buyIn, null));
        if (!(s instanceof ServerMessage.Ack)) {
            throw new AssertionError(name + ": sit answered with " + s);
        }
    }

    /**
     * Sends the request (a new id each time) until its answer is not a retryable error, at most ten times
     * 200 ms apart (a table may move between nodes while players sit down: TABLE_MOVING).
     */
    private ServerMessage untilNotRetryable(java.util.function.Supplier<ClientMessage> request) throws Exception {
        ServerMessage answer = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            answer = request(request.get()).get(10, TimeUnit.SECONDS);
            if (!(answer instanceof ServerMessage.Error e && e.retryable())) {
                return answer;
            }
            Thread.sleep(200);
        }
        return answer;
    }

    /** The connection is gone (node killed): reconnect until a node answers, then resume. */
    private void connectionLost(int conn) {
        synchronized (this) {
            if (closed || conn != connId || reconnecting) {
                return;
            }
            reconnecting = true;
            ws = null;
            requests.values().forEach(f -> f.completeExceptionally(new java.io.IOException("connection lost")));
            requests.clear();
            actRequests.clear();
            prompt = null;
        }
        reconnector.execute(this::reconnectLoop);
    }

    private void reconnectLoop() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (closed) {
                    reconnecting = false;
                    return;
                }
            }
            try {
                resume();
                synchronized (this) {
                    reconnecting = false;
                    reconnects++;
                }
                return;
            } catch (Exception e) {
                synchronized (this) {
                    WebSocket dead = ws;
                    ws = null;
                    connId++; // frames of the failed attempt are ignored from now on
                    if (dead != null) {
                        dead.abort();
                    }
                }
                sleep(50 + random.nextInt(50));
            }
        }
        synchronized (this) {
            problems.add(name + ": could not reconnect within 60 s");
            reconnecting = false;
        }
    }

    /** hello {token}, join {lastSeq}, then the unanswered decision again with the same actionId. */
    private void resume() throws Exception {
        open();
        ServerMessage m = request(new ClientMessage.Hello(nextId(), null, token)).get(5, TimeUnit.SECONDS);
        if (!(m instanceof ServerMessage.Welcome w)) {
            throw new AssertionError(name + ": hello with token answered with " + m);
        }
        if (!w.account().equals(account)) {
            synchronized (this) {
                problems.add(name + ": token resumed account " + w.account() + " instead of " + account);
            }
        }
        token = w.token();
        node = w.node();
        long last;
        synchronized (this) {
            last = lastSeq;
        }
        if (table == null) {
            return;
        }
        synchronized (this) {
            // the catch-up replays your_turns where they were sent: only the last one, if still current
            // when the ack arrives, is a turn to decide on (protocol/README.md, section 8)
            joining = true;
        }
        ServerMessage j = request(new ClientMessage.Join(nextId(), table, last > 0 ? last : null))
                .get(5, TimeUnit.SECONDS);
        if (!(j instanceof ServerMessage.Ack)) {
            throw new IllegalStateException(name + ": join answered with " + j);
        }
        synchronized (this) {
            joining = false;
            rejoinedNanos = System.nanoTime();
            rejoinedGen = nodeGen;
            if (pending != null && pending.sentOnConn != connId) {
                pending.retries++;
                sendDecision(pending);
            } else {
                maybeDecide();
            }
        }
    }

    // ---- playing ------------------------------------------------------------------------------------

    private synchronized void onMessage(int conn, ServerMessage m) {
        if (conn != connId || m == null) {
            return;
        }
        int gen = nodeGen;
        if (m instanceof ServerMessage.Event e) {
            onEvent(e);
        } else if (m instanceof ServerMessage.Snapshot s) {
            if (s.table().equals(table)) {
                lastSeq = s.seq();
                prompt = null; // a your_turn follows if it is ours
            }
        } else if (m instanceof ServerMessage.YourTurn t) {
            if (t.table().equals(table) && t.seat() == seat) {
                prompt = new Prompt(t);
                if (!joining) {
                    maybeDecide();
                }
            }
        } else if (m instanceof ServerMessage.Error err && err.id() == null) {
            if ("RATE_LIMITED".equals(err.code())) {
                rateLimited++;
                if (pending != null) {
                    Decision d = pending;
                    later(200, () -> resendIfPending(d));
                }
            }
        } else {
            String id = m instanceof ServerMessage.Ack a ? a.id() : m instanceof ServerMessage.Error x ? x.id()
                    : m instanceof ServerMessage.Welcome w ? w.id() : null;
            if (id == null) {
                return;
            }
            Decision d = actRequests.remove(id);
            if (d != null) {
                onDecisionAnswer(d, m, gen);
                return;
            }
            CompletableFuture<ServerMessage> f = requests.remove(id);
            if (f != null) {
                f.complete(m);
            }
        }
    }

    private void onEvent(ServerMessage.Event e) {
        if (!e.table().equals(table)) {
            return;
        }
        if (e.seq() <= lastSeq) {
            duplicates++;
            return;
        }
        if (lastSeq > 0 && e.seq() != lastSeq + 1) {
            gaps++;
            problems.add(name + ": event seq " + e.seq() + " after " + lastSeq);
        }
        lastSeq = e.seq();
        frames.put(e.seq(), CODEC.encode(e));
        GameEvent ev = e.event();
        if (ev instanceof GameEvent.ActionTaken a) {
            seen.put(e.seq(), "ActionTaken hand " + e.hand() + " seat " + a.seat() + " " + a.action()
                    + (a.auto() ? " auto" : ""));
            if (a.seat() == seat && !a.auto() && pending != null && sameAction(pending, a)) {
                if (pending.liveActionSeq >= 0) {
                    problems.add(name + ": two actions of its own (seq " + pending.liveActionSeq + " and " + e.seq()
                            + ") for one decision " + pending);
                }
                pending.liveActionSeq = e.seq();
            }
        } else if (ev instanceof GameEvent.HandEnded h) {
            seen.put(e.seq(), "HandEnded hand " + h.hand());
        } else if (ev instanceof GameEvent.HandStarted h) {
            seen.put(e.seq(), "HandStarted hand " + h.hand());
        } else if (ev instanceof GameEvent.Left l) {
            seen.put(e.seq(), "PlayerLeft seat " + l.seat() + " chips " + l.chips());
            if (l.seat() == seat) {
                leftSeen = true;
                notifyAll();
            }
        } else if (ev != null) {
            seen.put(e.seq(), ev.getClass().getSimpleName());
        }
        // anything that moves the action on ends the current prompt; a new your_turn follows if it is ours
        if (ev instanceof GameEvent.ActionTaken || ev instanceof GameEvent.Turn || ev instanceof GameEvent.TimeBank
                || ev instanceof GameEvent.HandEnded || ev instanceof GameEvent.HandStarted) {
            prompt = null;
        }
    }

    /**
     * Whether an action event can be the pending decision's: an action of ours from an earlier decision
     * may arrive after that decision's ack (a cluster relays events apart from answers).
     */
    private static boolean sameAction(Decision d, GameEvent.ActionTaken a) {
        return switch (d.action) {
            case "bet", "raise" -> ("bet".equals(a.action()) || "raise".equals(a.action()) || "all_in".equals(a.action()))
                    && d.amount != null && a.betTo() == d.amount;
            default -> d.action.equals(a.action());
        };
    }

    /** Decides on the current prompt, unless a decision is still unanswered or we are done playing. */
    private void maybeDecide() {
        if (stopping || closed || pending != null || prompt == null || prompt.decided || ws == null) {
            return;
        }
        prompt.decided = true;
        ServerMessage.YourTurn t = prompt.turn;
        List<String> actions = t.actions();
        String action;
        Long amount = null;
        boolean canRaise = actions.contains("raise") || actions.contains("bet");
        if (canRaise && t.minTo() > 0 && t.minTo() < t.maxTo() && random.nextInt(10) == 0) {
            action = actions.contains("raise") ? "raise" : "bet";
            amount = t.minTo();
        } else if (actions.contains("check")) {
            action = "check";
        } else if (actions.contains("call")) {
            action = "call";
        } else {
            action = "fold";
        }
        Decision d = new Decision(name + "-" + (decisions.size() + 1), t.table(), t.hand(), t.seat(), action, amount,
                nodeGen);
        decisions.add(d);
        pending = d;
        sendDecision(d);
    }

    private void sendDecision(Decision d) {
        if (ws == null) {
            return; // the reconnect sends it again
        }
        String id = nextId();
        d.sends++;
        d.sentOnConn = connId;
        d.lastSentGen = nodeGen;
        if (d.sends == 1) {
            d.firstSentAtMs = System.currentTimeMillis();
        }
        d.lastSentNode = node;
        actRequests.put(id, d);
        send(d.message(id));
        long timeout = answerTimeoutMs;
        if (timeout > 0) {
            int sendNo = d.sends;
            later(timeout, () -> noAnswer(d, sendNo, id, timeout));
        }
    }

    /** A send of the pending decision had no answer at all: send it again (the same actionId). */
    private synchronized void noAnswer(Decision d, int sendNo, String requestId, long timeout) {
        if (pending != d || d.sends != sendNo || closed || actRequests.remove(requestId) == null) {
            return; // answered, resent meanwhile, or the connection was lost (the reconnect resends it)
        }
        d.unansweredResends++;
        d.retries++;
        unanswered.add(name + ": " + d + " had no answer within " + timeout + " ms; sent again");
        sendDecision(d);
    }

    private void onDecisionAnswer(Decision d, ServerMessage m, int gen) {
        if (d != pending) {
            return; // an answer to an earlier send of a decision already settled
        }
        if (m instanceof ServerMessage.Ack a) {
            d.outcome = "ack";
            d.ackSeq = a.seq();
        } else if (m instanceof ServerMessage.Error err) {
            if (err.retryable()) {
                d.retries++;
                later(50L << Math.min(4, d.retries), () -> resendIfPending(d));
                return;
            }
            d.outcome = err.code();
        } else {
            problems.add(name + ": act " + d.actionId + " answered with " + m);
            d.outcome = "?";
        }
        d.answeredGen = gen;
        d.answeredNanos = System.nanoTime();
        pending = null;
        notifyAll();
        maybeDecide();
    }

    private synchronized void resendIfPending(Decision d) {
        if (pending == d && !closed) {
            sendDecision(d);
        }
    }

    // ---- stopping -----------------------------------------------------------------------------------

    /** Makes no more decisions (a decision already sent is still seen through). */
    synchronized void stopDeciding() {
        stopping = true;
    }

    /** Waits until the last decision is answered. */
    synchronized void awaitLastDecision(long timeoutMs) throws InterruptedException {
        stopping = true;
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (pending != null && System.currentTimeMillis() < deadline) {
            wait(100);
        }
        if (pending != null) {
            problems.add(name + ": decision " + pending + " still unanswered " + timeoutMs + " ms after play stopped");
        }
    }

    /** Leaves the table and waits for its own {@code left} event (chips back to the balance). */
    void leave(long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                ServerMessage m = request(new ClientMessage.Leave(nextId(), table)).get(5, TimeUnit.SECONDS);
                if (m instanceof ServerMessage.Ack || (m instanceof ServerMessage.Error e && !e.retryable())) {
                    break;
                }
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        synchronized (this) {
            while (!leftSeen && System.currentTimeMillis() < deadline) {
                wait(100);
            }
            if (!leftSeen) {
                throw new AssertionError(name + " did not see its own 'left' event");
            }
        }
    }

    /**
     * Every player stops deciding, sees its decision in flight through, then all leave at once (one thread
     * each; a player without a table has nothing to leave); returns what went wrong while leaving (empty
     * when everybody left).
     */
    static List<Throwable> windDown(List<ResilientPlayer> players, long decisionTimeoutMs, long leaveTimeoutMs)
            throws InterruptedException {
        for (ResilientPlayer p : players) {
            p.stopDeciding();
        }
        for (ResilientPlayer p : players) {
            p.awaitLastDecision(decisionTimeoutMs);
        }
        List<Thread> leaving = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (ResilientPlayer p : players) {
            if (p.table == null) {
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    p.leave(leaveTimeoutMs);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "leave-" + p.name);
            t.start();
            leaving.add(t);
        }
        for (Thread t : leaving) {
            t.join(leaveTimeoutMs + 10_000);
        }
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** A line for failure messages: where this player is and what it waits for. */
    synchronized String status() {
        List<String> recent = new ArrayList<>();
        seen.entrySet().stream().skip(Math.max(0, seen.size() - 4)).forEach(e -> recent.add(e.getKey() + " " + e.getValue()));
        return name + " (" + account + ") table " + table + " seat " + seat + (ws != null ? " connected" : " disconnected")
                + (reconnecting ? " reconnecting" : "") + " node gen " + nodeGen + ", last seq " + lastSeq + ", "
                + decisions.size() + " decisions, pending " + pending + ", prompt "
                + (prompt == null ? "none" : "hand " + prompt.turn.hand() + (prompt.decided ? " decided" : " open"))
                + ", last events " + recent + (problems.isEmpty() ? "" : ", problems " + problems);
    }

    synchronized boolean isConnected() {
        return ws != null && !reconnecting;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized List<Decision> decisions() {
        return new ArrayList<>(decisions);
    }

    @Override
    public void close() {
        WebSocket socket;
        synchronized (this) {
            closed = true;
            socket = ws;
            ws = null;
            notifyAll();
        }
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private CompletableFuture<ServerMessage> request(ClientMessage m) {
        CompletableFuture<ServerMessage> f = new CompletableFuture<>();
        synchronized (this) {
            if (ws == null) {
                f.completeExceptionally(new java.io.IOException("not connected"));
                return f;
            }
            requests.put(m.id(), f);
            send(m);
        }
        return f;
    }

    private synchronized void send(ClientMessage m) {
        WebSocket socket = ws;
        if (socket == null) {
            return;
        }
        String text = CODEC.encode(m);
        sendChain = sendChain.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
    }

    private void later(long ms, Runnable r) {
        CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS, reconnector).execute(r);
    }

    private static String nextId() {
        return "q" + REQUEST_IDS.incrementAndGet();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection's listener: frames of an old connection are ignored once a new one is open. */
    private final class Listener implements WebSocket.Listener {
        private final int conn;
        private final StringBuilder partial = new StringBuilder();

        Listener(int conn) {
            this.conn = conn;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                ServerMessage m;
                try {
                    m = CODEC.decodeServer(text);
                } catch (RuntimeException e) {
                    synchronized (ResilientPlayer.this) {
                        problems.add(name + ": undecodable frame " + text);
                    }
                    m = null;
                }
                onMessage(conn, m);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            connectionLost(conn);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connectionLost(conn);
        }
    }
}
