package dev.poker.load.bot;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One simulated player. {@link #start()} connects, says hello, finds a table with a free seat (the lobby
 * and the table's snapshot; it creates a table from the template when none fits), joins it, sits with a
 * buy-in, and from then on answers every {@code your_turn} with its {@link Strategy} after a think time.
 * When it busts it tops up and sits in again; when sat out for timeouts it sits in again.
 *
 * <p>Metrics go to a {@link BotStats} (shared by a fleet): actions sent, acks, errors by code, hands seen,
 * and the latency of each action from sending {@code act} to receiving the {@code action} event for its
 * seat. Local error codes: {@code CONNECT_FAILED}, {@code DISCONNECTED}, {@code RECONNECT_FAILED},
 * {@code TIMEOUT} (a request got no answer), {@code SEQ_GAP}, {@code BAD_FRAME}, {@code TIMED_OUT} (the
 * server's clock acted for the bot), {@code ILLEGAL_DECISION} (the strategy slipped; the bot acted
 * passively instead), {@code NO_SEAT} (gave up finding a seat), {@code BROKE} (balance below a buy-in),
 * {@code REJOIN_FAILED} (after a reconnect, its table kept refusing the re-join with a retryable error
 * through every retry: the bot stops rather than sit at a second table while its first seat may stand).
 *
 * <p>Concurrency: thread-safe. State is guarded by the bot's monitor; callbacks come from the WebSocket's
 * thread, the scheduler (think time, retries) and completing futures. Nothing blocks under the lock.
 */
public final class Bot {

    /** Where the bot is in its life. */
    public enum State { NEW, CONNECTING, LOBBY, JOINING, SEATED, SITTING_OUT, BROKE, FAILED, STOPPING, STOPPED }

    private final String name;
    private final BotConfig config;
    private final Strategy strategy;
    private final ScheduledExecutorService scheduler;
    private final BotStats stats;
    private final TableAllocator allocator;
    private final PokerClient client;
    private final Random random;
    private final CompletableFuture<Void> seatedOnce = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // guarded by this
    private State state = State.NEW;
    private boolean stopping;
    private String account;
    private long balance = -1;
    private String table;
    private boolean claimHeld;
    private boolean countedSeated;
    private int seat = -1;
    private TableKnowledge knowledge;
    private ServerMessage.YourTurn turn;
    private long turnToken;
    private ScheduledFuture<?> thinkTimer;
    private ClientMessage.Act pendingAct;
    private long pendingActStart;
    private int actAttempts;
    private boolean actInFlight;
    private boolean actAcked;
    private boolean fallbackUsed;
    private boolean rejoining;
    private boolean sitInFlight;
    private boolean inOutage;

    /**
     * @param name      the guest name (1 to 32 letters, digits, spaces, '_', '.', '-')
     * @param scheduler shared by bots: think times, retries, reconnect backoff; not owned
     * @param stats     where metrics go (shared by a fleet)
     * @param allocator spreads bots over tables (shared by a fleet)
     * @param seed      seeds think times and seat choice
     */
    public Bot(String name, URI url, BotConfig config, Strategy strategy, PokerClient.Connector connector,
            ScheduledExecutorService scheduler, BotStats stats, TableAllocator allocator, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.random = new Random(seed);
        this.client = new PokerClient(url, connector, new Handler(), scheduler, config.client());
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Starts the bot; the future completes once it has a seat for the first time, and fails when it
     * cannot connect, say hello, find a seat or afford a buy-in (or is stopped first).
     */
    public CompletableFuture<Void> start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("already started");
            }
            state = State.CONNECTING;
        }
        stats.botsStarted.increment();
        begin();
        return seatedOnce;
    }

    /** Connects, says hello as a new guest and looks for a seat. */
    private void begin() {
        connect(1).thenCompose(v -> client.hello(name)).whenComplete((w, e) -> {
            if (e != null) {
                fail(null, e);
                return;
            }
            synchronized (this) {
                account = w.account();
                balance = w.balance();
                inOutage = false;
            }
            findSeat(1);
        });
    }

    /** The server no longer knows the bot's token (restarted without its accounts): start over as a new guest. */
    private void startOver() {
        synchronized (this) {
            if (stopping || state == State.FAILED || state == State.STOPPED) {
                return;
            }
            dropTableLocked();
            account = null;
            balance = -1;
            state = State.CONNECTING;
        }
        client.forgetTables();
        begin();
    }

    /** Forgets the table: no seat, no claim on it, no turn. */
    private void dropTableLocked() {
        setSeated(false);
        releaseClaim();
        table = null;
        knowledge = null;
        seat = -1;
        clearTurnLocked();
    }

    /** Completes when the bot first has a seat (the same future {@link #start()} returned). */
    public CompletableFuture<Void> seated() {
        return seatedOnce;
    }

    /**
     * Stops the bot: cancels its timers, stands up (when {@link BotConfig#leaveOnStop}) and closes the
     * connection. Idempotent; completes when the connection is closed (within a few seconds).
     */
    public CompletableFuture<Void> stop() {
        String leaveTable;
        synchronized (this) {
            if (stopping) {
                return stopped;
            }
            stopping = true;
            cancelThinkTimer();
            boolean atTable = table != null && (seat >= 0 || sitInFlight);
            leaveTable = config.leaveOnStop() && atTable && client.isOpen() ? table : null;
            if (state != State.FAILED) {
                state = State.STOPPING;
            }
        }
        seatedOnce.completeExceptionally(new IllegalStateException("bot stopped"));
        CompletableFuture<?> bye = leaveTable == null ? CompletableFuture.completedFuture(null)
                : client.request(new ClientMessage.Leave(null, leaveTable)).handle((a, e) -> null)
                        .completeOnTimeout(null, 3, TimeUnit.SECONDS);
        bye.thenCompose(x -> client.closeAsync()).whenComplete((x, e) -> {
            synchronized (this) {
                if (state != State.FAILED) {
                    state = State.STOPPED;
                }
                setSeated(false);
                releaseClaim();
            }
            stopped.complete(null);
        });
        return stopped;
    }

    private CompletableFuture<Void> connect(int attempt) {
        return client.connect().handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (isStopping()) {
                return CompletableFuture.<Void>failedFuture(PokerClient.unwrap(e));
            }
            stats.error("CONNECT_FAILED");
            if (attempt >= config.connectAttempts()) {
                return CompletableFuture.<Void>failedFuture(PokerClient.unwrap(e));
            }
            return delay(backoff(attempt)).thenCompose(x -> connect(attempt + 1));
        }).thenCompose(f -> f);
    }

    private void fail(String code, Throwable e) {
        synchronized (this) {
            if (state == State.FAILED || state == State.STOPPED) {
                return;
            }
            if (!stopping) {
                state = State.FAILED;
                stats.botsFailed.increment();
                if (code != null) {
                    stats.error(code);
                }
            }
            setSeated(false);
            releaseClaim();
        }
        seatedOnce.completeExceptionally(e != null ? PokerClient.unwrap(e) : new IllegalStateException(code));
        client.closeAsync();
    }

    // ------------------------------------------------------------------ finding a seat

    private void findSeat(int attempt) {
        synchronized (this) {
            if (stopping || state == State.BROKE || state == State.FAILED) {
                return;
            }
            state = State.LOBBY;
            table = null;
            seat = -1;
            knowledge = null;
        }
        if (attempt > config.maxSeatAttempts()) {
            fail("NO_SEAT", null);
            return;
        }
        timed(client.listTables()).thenCompose(lobby -> {
            String t = allocator.claim(lobby, this::acceptable);
            if (t != null) {
                return CompletableFuture.completedFuture(t);
            }
            return allocator.createAndClaim(this::createTable, config.template().seats());
        }).thenCompose(t -> t == null ? CompletableFuture.completedFuture(false) : joinAndSit(t))
                .whenComplete((ok, e) -> {
                    if (e == null && Boolean.TRUE.equals(ok)) {
                        return;
                    }
                    synchronized (this) {
                        if (stopping || state == State.BROKE || state == State.FAILED) {
                            return;
                        }
                    }
                    delay(backoff(attempt)).thenRun(() -> findSeat(attempt + 1));
                });
    }

    private boolean acceptable(TableSummary t) {
        return config.anyTable() ? t.players() < t.seats() : config.template().matches(t);
    }

    private CompletableFuture<String> createTable() {
        TableTemplate tt = config.template();
        return timed(client.createTable(tt.toCreate(allocator.nextName(tt.namePrefix())))).thenApply(id -> {
            stats.tablesCreated.increment();
            return id;
        });
    }

    private CompletableFuture<Boolean> joinAndSit(String t) {
        synchronized (this) {
            if (stopping) {
                allocator.release(t);
                return CompletableFuture.completedFuture(false);
            }
            table = t;
            claimHeld = true;
            knowledge = new TableKnowledge(t);
            state = State.JOINING;
        }
        return timed(client.join(t)).thenCompose(snapshot -> trySit(t, 1)).handle((ok, e) -> {
            if (e == null && ok) {
                return true;
            }
            boolean refused = e != null && PokerClient.unwrap(e) instanceof PokerClient.RequestFailedException;
            if (refused) {
                allocator.forget(t); // the join was refused: the table is gone
            }
            synchronized (this) {
                if (t.equals(table) && state != State.SEATED && state != State.SITTING_OUT) {
                    if (refused) { // not watching it, and the allocator forgot it: just drop it
                        claimHeld = false;
                        table = null;
                        knowledge = null;
                        seat = -1;
                        clearTurnLocked();
                    } else {
                        leaveTableLocked();
                    }
                }
            }
            return false;
        });
    }

    private CompletableFuture<Boolean> trySit(String t, int attempt) {
        int s;
        long buyIn;
        synchronized (this) {
            if (stopping || !t.equals(table) || knowledge == null) {
                return CompletableFuture.completedFuture(false);
            }
            Integer mine = knowledge.seatOf(account);
            if (mine != null) {
                onSeatedLocked(mine);
                return CompletableFuture.completedFuture(true);
            }
            List<Integer> free = knowledge.freeSeats();
            if (free.isEmpty()) {
                allocator.markFull(t);
                return CompletableFuture.completedFuture(false);
            }
            int hint = attempt == 1 ? allocator.seatHint(t) : -1;
            s = free.contains(hint) ? hint : free.get(random.nextInt(free.size()));
            buyIn = buyInAmount(knowledge, 0);
            if (buyIn <= 0) {
                brokeLocked();
                return CompletableFuture.completedFuture(false);
            }
            sitInFlight = true;
        }
        return timed(client.request(new ClientMessage.Sit(null, t, s, buyIn, null))).whenComplete((a, e) -> {
            synchronized (this) {
                sitInFlight = false;
            }
        }).thenCompose(a -> {
            if (a instanceof ServerMessage.Ack) {
                synchronized (this) {
                    if (!t.equals(table)) {
                        return CompletableFuture.completedFuture(false);
                    }
                    onSeatedLocked(s);
                }
                return CompletableFuture.completedFuture(true);
            }
            if (a instanceof ServerMessage.Error err) {
                switch (err.code()) {
                    case "SEAT_TAKEN":
                    case "INVALID_SEAT":
                        return attempt < 5 ? trySit(t, attempt + 1) : CompletableFuture.completedFuture(false);
                    case "ALREADY_SEATED":
                        synchronized (this) {
                            Integer mine = knowledge == null ? null : knowledge.seatOf(account);
                            if (mine != null && t.equals(table)) {
                                onSeatedLocked(mine);
                                return CompletableFuture.completedFuture(true);
                            }
                        }
                        return CompletableFuture.completedFuture(false);
                    case "INSUFFICIENT_BALANCE":
                        synchronized (this) {
                            brokeLocked();
                        }
                        return CompletableFuture.completedFuture(false);
                    default:
                        if (err.retryable() && attempt < 5) {
                            return delay(backoff(attempt)).thenCompose(x -> trySit(t, attempt + 1));
                        }
                        return CompletableFuture.completedFuture(false);
                }
            }
            return CompletableFuture.completedFuture(false);
        });
    }

    private void onSeatedLocked(int s) {
        seat = s;
        state = State.SEATED;
        setSeated(true);
        seatedOnce.complete(null);
    }

    /** Stops watching the current table and gives its claim back (not seated there). */
    private void leaveTableLocked() {
        String t = table;
        if (t != null) {
            client.unwatch(t).exceptionally(e -> null);
        }
        releaseClaim();
        table = null;
        knowledge = null;
        seat = -1;
        clearTurnLocked();
    }

    private void releaseClaim() {
        if (claimHeld && table != null) {
            allocator.release(table);
        }
        claimHeld = false;
    }

    private void setSeated(boolean on) {
        if (on != countedSeated) {
            countedSeated = on;
            if (on) {
                stats.seated.incrementAndGet();
            } else {
                stats.seated.decrementAndGet();
            }
        }
    }

    private void brokeLocked() {
        if (state == State.BROKE) {
            return;
        }
        state = State.BROKE;
        stats.error("BROKE");
        String t = table;
        if (t != null && seat >= 0) {
            client.request(new ClientMessage.Leave(null, t)).exceptionally(e -> null);
        }
        setSeated(false);
        seatedOnce.completeExceptionally(new IllegalStateException("balance " + balance + " is below a buy-in"));
    }

    /**
     * Chips to bring to the table so the stack reaches the configured buy-in (clamped to the table's
     * range and to the balance when known); 0 or less when the bot cannot reach the minimum.
     */
    private long buyInAmount(TableKnowledge k, long stack) {
        long min = Math.max(1, k.minBuyIn());
        long max = Math.max(min, k.maxBuyIn());
        long target = Math.max(min, Math.min(max, k.bigBlind() * config.buyInBigBlinds()));
        long amount = target - stack;
        if (balance >= 0) {
            amount = Math.min(amount, balance);
        }
        return stack + amount < min ? 0 : amount;
    }

    // ------------------------------------------------------------------ playing

    private void onEventLocked(ServerMessage.Event e) {
        GameEvent ev = e.event();
        if (ev instanceof GameEvent.HandStarted h) {
            if (seat >= 0 && h.dealtIn() != null && h.dealtIn().contains(seat)) {
                stats.handsSeen.increment();
                if (seat == Collections.min(h.dealtIn())) {
                    stats.handsPlayed.increment();
                }
            }
        } else if (ev instanceof GameEvent.ActionTaken a) {
            if (a.seat() == seat) {
                if (pendingAct != null && !a.auto()) {
                    stats.recordActionLatency(System.nanoTime() - pendingActStart);
                }
                clearTurnLocked();
            }
        } else if (ev instanceof GameEvent.TimedOut t) {
            if (t.seat() == seat) {
                stats.error("TIMED_OUT");
            }
        } else if (ev instanceof GameEvent.SatOut so) {
            if (so.seat() == seat && !stopping && state == State.SEATED) {
                state = State.SITTING_OUT;
                if ("busted".equals(so.reason())) {
                    if (config.topUpWhenBusted()) {
                        rejoin(true, 1);
                    }
                } else if ("timeouts".equals(so.reason())) {
                    rejoin(false, 1);
                }
            }
        } else if (ev instanceof GameEvent.Left l) {
            if (l.seat() == seat && !stopping && state != State.BROKE) {
                // stood up by the server: find another seat
                setSeated(false);
                leaveTableLocked();
                state = State.LOBBY;
                delay(backoff(1)).thenRun(() -> findSeat(1));
            }
        }
    }

    /** Tops up (when {@code topUp}) and sits in again; retries a few times. */
    private void rejoin(boolean topUp, int attempt) {
        if (rejoining || stopping || table == null || seat < 0) {
            return;
        }
        String t = table;
        long amount = 0;
        if (topUp) {
            // busted: the stack is empty, whatever the bot's bookkeeping says
            amount = knowledge == null ? 0 : buyInAmount(knowledge, 0);
            if (amount <= 0) {
                brokeLocked();
                return;
            }
        }
        rejoining = true;
        CompletableFuture<ServerMessage> first = amount > 0
                ? timed(client.request(new ClientMessage.TopUp(null, t, amount)))
                : CompletableFuture.completedFuture(null);
        first.thenCompose(a -> {
            if (a instanceof ServerMessage.Error err) {
                return CompletableFuture.completedFuture((ServerMessage) err);
            }
            if (a != null) {
                stats.topUps.increment();
            }
            return timed(client.request(new ClientMessage.SitIn(null, t, false)));
        }).whenComplete((a, e) -> {
            synchronized (this) {
                rejoining = false;
                if (stopping || !t.equals(table) || state != State.SITTING_OUT) {
                    return;
                }
                if (a instanceof ServerMessage.Ack
                        || (a instanceof ServerMessage.Error err && "NOT_SITTING_OUT".equals(err.code()))) {
                    state = State.SEATED;
                    return;
                }
                if (a instanceof ServerMessage.Error err && "INSUFFICIENT_BALANCE".equals(err.code())) {
                    brokeLocked();
                    return;
                }
                if (attempt >= 5) {
                    return; // stays sat out
                }
            }
            delay(backoff(attempt) + 500).thenRun(() -> {
                synchronized (this) {
                    if (state == State.SITTING_OUT) {
                        rejoin(topUp, attempt + 1);
                    }
                }
            });
        });
    }

    private void onYourTurnLocked(ServerMessage.YourTurn t) {
        if (stopping || table == null || !table.equals(t.table())) {
            return;
        }
        if (seat != t.seat()) {
            seat = t.seat();
        }
        if (pendingAct != null && pendingAct.hand() != null && pendingAct.hand() == t.hand() && !actAcked) {
            // asked again (after a reconnect) before the decision was answered: the answer to the request
            // in flight settles it; otherwise repeat the same decision with the same actionId
            turn = t;
            if (!actInFlight) {
                stats.actionRetries.increment();
                sendAct(pendingAct);
            }
            return;
        }
        clearTurnLocked();
        turn = t;
        long token = ++turnToken;
        long think = thinkMillis();
        if (think <= 0) {
            decideAndAct(t);
            return;
        }
        try {
            thinkTimer = scheduler.schedule(() -> {
                synchronized (this) {
                    if (turnToken == token && turn == t && !stopping) {
                        thinkTimer = null;
                        decideAndAct(t);
                    }
                }
            }, think, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            decideAndAct(t);
        }
    }

    private void decideAndAct(ServerMessage.YourTurn t) {
        Strategy.Decision d;
        try {
            d = strategy.decide(t, knowledge);
        } catch (RuntimeException e) {
            d = null;
        }
        if (!Strategy.isLegal(d, t)) {
            stats.error("ILLEGAL_DECISION");
            d = Strategy.passive(t);
            if (d == null) {
                return;
            }
        }
        String actionId = new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())
                .toString();
        ClientMessage.Act act = new ClientMessage.Act(null, t.table(), t.hand(), d.action(), d.amount(), actionId);
        pendingAct = act;
        pendingActStart = System.nanoTime();
        actAttempts = 1;
        actInFlight = false;
        actAcked = false;
        stats.actionsSent.increment();
        sendAct(act);
    }

    /** Sends (or re-sends: same actionId, new request id) {@code act}. */
    private void sendAct(ClientMessage.Act act) {
        actInFlight = true;
        ClientMessage m = PokerClient.withId(act, client.nextId());
        timed(client.request(m)).whenComplete((a, e) -> onActAnswer(act, a, e));
    }

    private synchronized void onActAnswer(ClientMessage.Act act, ServerMessage answer, Throwable e) {
        if (pendingAct != act || stopping) {
            return; // already settled (the action event came first) or superseded
        }
        actInFlight = false;
        if (e != null) {
            if (PokerClient.unwrap(e) instanceof TimeoutException && actAttempts < 3) {
                actAttempts++;
                stats.actionRetries.increment();
                sendAct(act);
            }
            // a lost connection: the act is re-sent once the client has reconnected
            return;
        }
        if (answer instanceof ServerMessage.Error err) {
            if (err.retryable() && actAttempts < 6) {
                actAttempts++;
                stats.actionRetries.increment();
                delay(backoff(actAttempts)).thenRun(() -> {
                    synchronized (this) {
                        if (pendingAct == act && !stopping) {
                            sendAct(act);
                        }
                    }
                });
                return;
            }
            pendingAct = null;
            switch (err.code()) {
                case "NOT_YOUR_TURN", "WRONG_HAND", "HAND_NOT_RUNNING", "NOT_IN_HAND" -> turn = null;
                default -> {
                    // the decision was refused: act passively instead, once per turn
                    ServerMessage.YourTurn t = turn;
                    if (!fallbackUsed && t != null && t.hand() == act.hand()) {
                        fallbackUsed = true;
                        Strategy.Decision d = Strategy.passive(t);
                        if (d != null && !(d.action().equals(act.action()) && Objects.equals(d.amount(), act.amount()))) {
                            ClientMessage.Act again = new ClientMessage.Act(null, t.table(), t.hand(), d.action(),
                                    d.amount(), UUID.randomUUID().toString());
                            pendingAct = again;
                            pendingActStart = System.nanoTime();
                            actAttempts = 1;
                            actAcked = false;
                            stats.actionRetries.increment();
                            sendAct(again);
                        }
                    }
                }
            }
        }
        if (answer instanceof ServerMessage.Ack) {
            actAcked = true; // the action event settles it (and measures the latency)
        }
    }

    private void clearTurnLocked() {
        cancelThinkTimer();
        turn = null;
        pendingAct = null;
        actInFlight = false;
        actAcked = false;
        fallbackUsed = false;
    }

    private void cancelThinkTimer() {
        if (thinkTimer != null) {
            thinkTimer.cancel(false);
            thinkTimer = null;
        }
    }

    private long thinkMillis() {
        long min = config.thinkMin().toMillis();
        long max = config.thinkMax().toMillis();
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }

    // ------------------------------------------------------------------ helpers

    private synchronized boolean isStopping() {
        return stopping;
    }

    private long backoff(int attempt) {
        int jitter;
        synchronized (this) {
            jitter = random.nextInt(100);
        }
        return Math.min(5_000L, 100L << Math.min(Math.max(attempt, 0), 6)) + jitter;
    }

    private CompletableFuture<Void> delay(long millis) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            scheduler.schedule(() -> f.complete(null), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** Counts a request that got no answer as a TIMEOUT error. */
    private <T> CompletableFuture<T> timed(CompletableFuture<T> f) {
        return f.whenComplete((v, e) -> {
            if (e != null && PokerClient.unwrap(e) instanceof TimeoutException) {
                stats.error("TIMEOUT");
            }
        });
    }

    // ------------------------------------------------------------------ accessors

    public String name() {
        return name;
    }

    public synchronized State state() {
        return state;
    }

    /** The account id from the welcome, or null before it. */
    public synchronized String account() {
        return account;
    }

    /** The table the bot is joining or sitting at, or null. */
    public synchronized String table() {
        return table;
    }

    /** The bot's seat, or -1. */
    public synchronized int seat() {
        return seat;
    }

    /** The account balance as last reported, or -1 before the welcome. */
    public synchronized long balance() {
        return balance;
    }

    public PokerClient client() {
        return client;
    }

    public BotStats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return "Bot[" + name + " " + state() + " table=" + table() + " seat=" + seat() + "]";
    }

    // ------------------------------------------------------------------ client callbacks

    private final class Handler implements PokerClient.Listener {
        @Override
        public void onMessage(PokerClient c, ServerMessage m) {
            synchronized (Bot.this) {
                if (m instanceof ServerMessage.Event e) {
                    if (knowledge != null && e.table() != null && e.table().equals(table)) {
                        knowledge.apply(e);
                        onEventLocked(e);
                    }
                } else if (m instanceof ServerMessage.YourTurn t) {
                    onYourTurnLocked(t);
                } else if (m instanceof ServerMessage.Ack) {
                    stats.acks.increment();
                } else if (m instanceof ServerMessage.Error e) {
                    if (!(stopping && "NOT_SEATED".equals(e.code()))) { // a leave racing a failed sit
                        stats.error(e.code());
                    }
                } else if (m instanceof ServerMessage.Snapshot s) {
                    if (knowledge != null && s.table() != null && s.table().equals(table)) {
                        knowledge.apply(s);
                        Integer ys = s.view() == null ? null : s.view().yourSeat();
                        if (ys != null && (state == State.SEATED || state == State.SITTING_OUT)) {
                            seat = ys;
                        }
                    }
                } else if (m instanceof ServerMessage.Balance b) {
                    balance = b.balance();
                } else if (m instanceof ServerMessage.Welcome w) {
                    account = w.account();
                    balance = w.balance();
                }
            }
        }

        @Override
        public void onGap(PokerClient c, String t, long expectedSeq, long receivedSeq) {
            stats.error("SEQ_GAP");
        }

        @Override
        public void onConnected(PokerClient c) {
            stats.connectionsOpen.incrementAndGet();
            stats.connects.increment();
        }

        @Override
        public void onDisconnected(PokerClient c, int statusCode, String reason, boolean reconnecting) {
            stats.connectionsOpen.decrementAndGet();
            boolean stoppingNow = isStopping();
            boolean firstOfOutage;
            synchronized (Bot.this) {
                firstOfOutage = !inOutage;
                inOutage = true;
            }
            if (!stoppingNow && firstOfOutage) {
                stats.error("DISCONNECTED"); // once per outage, not per failed reconnect attempt
            }
            if (!reconnecting && !stoppingNow) {
                fail(null, new PokerClient.ConnectionClosedException("disconnected: " + statusCode + " " + reason));
            }
        }

        @Override
        public void onReconnected(PokerClient c, ServerMessage.Welcome welcome) {
            stats.reconnects.increment();
            synchronized (Bot.this) {
                inOutage = false;
                if (pendingAct != null && !stopping && !actInFlight && !actAcked) {
                    stats.actionRetries.increment();
                    sendAct(pendingAct);
                }
            }
        }

        @Override
        public void onRejoinFailed(PokerClient c, String t, ServerMessage.Error error) {
            boolean stillSeated;
            synchronized (Bot.this) {
                if (stopping || !t.equals(table) || state == State.BROKE) {
                    return;
                }
                stillSeated = error.retryable() && (seat >= 0 || sitInFlight);
                if (!stillSeated) {
                    // the table is gone (or will not have us back): look for another seat
                    dropTableLocked();
                    state = State.LOBBY;
                }
            }
            if (stillSeated) {
                // the seat may still be ours: sitting somewhere else would hold two seats at once
                fail("REJOIN_FAILED", new PokerClient.RequestFailedException(error));
                return;
            }
            delay(backoff(1)).thenRun(() -> findSeat(1));
        }

        @Override
        public void onReconnectFailed(PokerClient c, Throwable lastError) {
            if (lastError instanceof PokerClient.RequestFailedException) {
                startOver(); // the token was refused (its code is already counted)
            } else {
                fail("RECONNECT_FAILED", lastError);
            }
        }

        @Override
        public void onBadFrame(PokerClient c, String frame, RuntimeException error) {
            stats.error("BAD_FRAME");
        }
    }
}
