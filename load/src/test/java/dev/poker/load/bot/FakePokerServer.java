package dev.poker.load.bot;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.Decoded;
import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableSummary;
import dev.poker.protocol.TableView;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for the poker server, reached through {@link FakeWebSocket}s: guest accounts and
 * tokens, a lobby, table creation, join with snapshot or replay from {@code lastSeq}, seating with the
 * usual refusals, top-up, sit in, leave, and a toy betting game (blinds, then one orbit of actions offered
 * as the engine would: fold, check or call, bet or raise in [minTo, maxTo], all-in; the lowest live seat
 * wins). Every frame to a client is split into {@link #parts} pieces. All server logic runs on one thread.
 */
final class FakePokerServer implements PokerClient.Connector {
    record Received(String account, ClientMessage message) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger illegalActs = new AtomicInteger();
    final AtomicInteger handsDealt = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    volatile int parts = 3;
    volatile int maxHandsPerTable = Integer.MAX_VALUE;
    /** The next act from this account is lost and its connection told to reconnect and closed. */
    volatile String dropActAndKick;
    /** While set, a resuming {@code hello {token}} is not answered until {@link #releaseResumes()}. */
    volatile boolean holdResumes;
    /** This many resuming joins (with {@code lastSeq}) are refused with the retryable {@code TABLE_MOVING}. */
    final AtomicInteger refuseRejoins = new AtomicInteger();

    private final ProtocolCodec codec = new ProtocolCodec();
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-server");
        t.setDaemon(true);
        return t;
    });

    // loop-thread state
    private final Map<String, Account> byToken = new HashMap<>();
    private final Map<String, Account> byId = new HashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Conn> conns = new ArrayList<>();
    private final List<Runnable> heldResumes = new ArrayList<>();
    private int nextAccount;
    private int nextTable;

    static final class Account {
        String id;
        String name;
        String token;
        long balance = 10_000;
    }

    static final class Conn {
        FakeWebSocket ws;
        WebSocket.Listener listener;
        Account account;
        final Set<String> watching = new HashSet<>();
        boolean open = true;
    }

    static final class Player {
        int seat;
        Account account;
        long stack;
        boolean sittingOut;
    }

    final class Table {
        String id;
        String name;
        int seats;
        long sb;
        long bb;
        long min;
        long max;
        long seq;
        int handsHere;
        final List<ServerMessage.Event> log = new ArrayList<>();
        final Map<Integer, Player> players = new TreeMap<>();
        long hand;
        boolean running;
        List<Integer> order = List.of();
        int next;
        long currentBet;
        final Map<Integer, Long> bets = new HashMap<>();
        final Set<Integer> folded = new HashSet<>();
        ServerMessage.YourTurn offered;
        final Map<String, ServerMessage> answered = new HashMap<>();
    }

    // ------------------------------------------------------------------ test hooks

    <T> T call(Callable<T> c) throws Exception {
        return loop.submit(c).get(5, TimeUnit.SECONDS);
    }

    void run(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** The stack of {@code account}'s seat is lost: sat out as busted (between hands). */
    void bust(String account) throws Exception {
        run(() -> {
            for (Table t : tables.values()) {
                for (Player p : t.players.values()) {
                    if (p.account.id.equals(account)) {
                        p.stack = 0;
                        p.sittingOut = true;
                        emit(t, new GameEvent.SatOut(p.seat, "busted"));
                    }
                }
            }
        });
    }

    /** Tells {@code account}'s connection to reconnect, then closes it. */
    void kick(String account) throws Exception {
        run(() -> {
            for (Conn c : List.copyOf(conns)) {
                if (c.open && c.account != null && c.account.id.equals(account)) {
                    send(c, new ServerMessage.Reconnect("draining"));
                    c.open = false;
                    c.listener.onClose(c.ws, 1001, "going away");
                }
            }
        });
    }

    /** The table disappears (as after a restart without storage). */
    void forget(String table) throws Exception {
        run(() -> tables.remove(table));
    }

    /** Every session token stops working (as after a restart without the accounts). */
    void forgetTokens() throws Exception {
        run(byToken::clear);
    }

    /** Answers the resuming hellos held by {@link #holdResumes} (and stops holding new ones). */
    void releaseResumes() throws Exception {
        holdResumes = false;
        run(() -> {
            List<Runnable> held = List.copyOf(heldResumes);
            heldResumes.clear();
            held.forEach(Runnable::run);
        });
    }

    /** The account whose turn it is at {@code table}, or null. */
    String turnAccount(String table) throws Exception {
        return call(() -> {
            Table t = tables.get(table);
            if (t == null || t.offered == null || t.players.get(t.offered.seat()) == null) {
                return null;
            }
            return t.players.get(t.offered.seat()).account.id;
        });
    }

    int tableCount() throws Exception {
        return call(tables::size);
    }

    boolean idle() throws Exception {
        return call(() -> tables.values().stream().noneMatch(t -> t.running));
    }

    List<ClientMessage> from(String account, Class<? extends ClientMessage> type) {
        List<ClientMessage> out = new ArrayList<>();
        for (Received r : received) {
            if (account.equals(r.account()) && type.isInstance(r.message())) {
                out.add(r.message());
            }
        }
        return out;
    }

    void shutdown() {
        loop.shutdownNow();
    }

    // ------------------------------------------------------------------ connections

    @Override
    public CompletableFuture<WebSocket> connect(URI uri, WebSocket.Listener listener) {
        CompletableFuture<WebSocket> f = new CompletableFuture<>();
        loop.execute(() -> {
            Conn c = new Conn();
            c.listener = listener;
            c.ws = new FakeWebSocket(listener);
            c.ws.onSend = text -> loop.execute(() -> onText(c, text));
            c.ws.onSendClose = () -> loop.execute(() -> {
                if (c.open) {
                    c.open = false;
                    listener.onClose(c.ws, 1000, "");
                }
            });
            conns.add(c);
            connections.incrementAndGet();
            listener.onOpen(c.ws);
            f.complete(c.ws);
        });
        return f;
    }

    private void send(Conn c, ServerMessage m) {
        if (c.open && !c.ws.aborted) {
            c.ws.deliver(codec.encode(m), parts);
        }
    }

    private Conn connOf(Account a) {
        Conn found = null;
        for (Conn c : conns) {
            if (c.open && !c.ws.aborted && c.account == a) {
                found = c;
            }
        }
        return found;
    }

    private static ServerMessage.Error error(String id, String code, String table) {
        return new ServerMessage.Error(id, code, code.toLowerCase().replace('_', ' '), code.equals("RATE_LIMITED"),
                table);
    }

    private void onText(Conn c, String text) {
        if (!c.open || c.ws.aborted) {
            return;
        }
        Decoded d = codec.decodeClient(text);
        if (d instanceof Decoded.Bad b) {
            send(c, ServerMessage.Error.of(b.id(), b.code(), b.message(), null));
            return;
        }
        ClientMessage m = ((Decoded.Ok) d).message();
        if (m instanceof ClientMessage.Act && c.account != null && c.account.id.equals(dropActAndKick)) {
            dropActAndKick = null;
            send(c, new ServerMessage.Reconnect("draining"));
            c.open = false;
            c.listener.onClose(c.ws, 1001, "going away");
            return;
        }
        received.add(new Received(c.account == null ? null : c.account.id, m));
        if (c.account == null && !(m instanceof ClientMessage.Hello)) {
            send(c, error(m.id(), "NOT_AUTHENTICATED", null));
            return;
        }
        if (m instanceof ClientMessage.Hello h && h.token() != null && holdResumes) {
            heldResumes.add(() -> hello(c, h));
        } else if (m instanceof ClientMessage.Hello h) {
            hello(c, h);
        } else if (m instanceof ClientMessage.ListTables l) {
            List<TableSummary> list = new ArrayList<>();
            for (Table t : tables.values()) {
                list.add(new TableSummary(t.id, t.name, t.seats, t.players.size(), t.sb, t.bb, 0, t.min, t.max,
                        t.handsHere));
            }
            send(c, new ServerMessage.Tables(l.id(), list));
        } else if (m instanceof ClientMessage.CreateTable ct) {
            Table t = new Table();
            t.id = "T" + (++nextTable);
            t.name = ct.name();
            t.seats = ct.seats();
            t.sb = ct.smallBlind();
            t.bb = ct.bigBlind();
            t.min = ct.minBuyIn();
            t.max = ct.maxBuyIn();
            tables.put(t.id, t);
            send(c, new ServerMessage.Ack(ct.id(), t.id, null));
        } else if (m instanceof ClientMessage.Ping p) {
            send(c, new ServerMessage.Pong(p.id(), p.t(), System.currentTimeMillis()));
        } else {
            tableMessage(c, m);
        }
    }

    private void hello(Conn c, ClientMessage.Hello h) {
        Account a;
        if (h.token() != null) {
            a = byToken.get(h.token());
            if (a == null) {
                send(c, error(h.id(), "INVALID_TOKEN", null));
                return;
            }
        } else {
            a = new Account();
            a.id = "acc-" + (++nextAccount);
            a.name = h.name();
            a.token = "tok-" + nextAccount;
            byToken.put(a.token, a);
            byId.put(a.id, a);
        }
        c.account = a;
        send(c, new ServerMessage.Welcome(h.id(), a.id, a.name, a.balance, a.token, "fake"));
        for (Table t : tables.values()) {
            if (t.offered != null && t.players.get(t.offered.seat()) != null
                    && t.players.get(t.offered.seat()).account == a) {
                send(c, t.offered); // a resumed player is asked again
            }
        }
    }

    private void tableMessage(Conn c, ClientMessage m) {
        String tableId = m instanceof ClientMessage.Join j ? j.table()
                : m instanceof ClientMessage.Unwatch u ? u.table()
                : m instanceof ClientMessage.Sit s ? s.table()
                : m instanceof ClientMessage.Act a ? a.table()
                : m instanceof ClientMessage.SitOut so ? so.table()
                : m instanceof ClientMessage.SitIn si ? si.table()
                : m instanceof ClientMessage.TopUp tu ? tu.table()
                : m instanceof ClientMessage.Leave l ? l.table() : null;
        Table t = tables.get(tableId);
        if (t == null) {
            send(c, error(m.id(), "NO_SUCH_TABLE", tableId));
            return;
        }
        Player me = null;
        for (Player p : t.players.values()) {
            if (p.account == c.account) {
                me = p;
            }
        }
        if (m instanceof ClientMessage.Join j && j.lastSeq() != null
                && refuseRejoins.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(c, new ServerMessage.Error(j.id(), "TABLE_MOVING", "the table is moving", true, t.id));
        } else if (m instanceof ClientMessage.Join j) {
            c.watching.add(t.id);
            if (j.lastSeq() != null && j.lastSeq() <= t.seq) {
                for (ServerMessage.Event e : t.log) {
                    if (e.seq() > j.lastSeq()) {
                        send(c, e);
                    }
                }
                send(c, new ServerMessage.Ack(j.id(), t.id, t.seq));
            } else {
                send(c, new ServerMessage.Snapshot(t.id, t.seq, view(t, me)));
            }
        } else if (m instanceof ClientMessage.Unwatch u) {
            c.watching.remove(t.id);
            send(c, new ServerMessage.Ack(u.id(), t.id, t.seq));
        } else if (m instanceof ClientMessage.Sit s) {
            sit(c, t, me, s);
        } else if (m instanceof ClientMessage.Act a) {
            act(c, t, me, a);
        } else if (m instanceof ClientMessage.TopUp tu) {
            if (me == null) {
                send(c, error(tu.id(), "NOT_SEATED", t.id));
            } else if (tu.amount() > c.account.balance) {
                send(c, error(tu.id(), "INSUFFICIENT_BALANCE", t.id));
            } else if (me.stack + tu.amount() > t.max) {
                send(c, error(tu.id(), "ABOVE_MAX_BUY_IN", t.id));
            } else {
                c.account.balance -= tu.amount();
                me.stack += tu.amount();
                emit(t, new GameEvent.ChipsAdded(me.seat, tu.amount(), false));
                send(c, new ServerMessage.Ack(tu.id(), t.id, t.seq));
                send(c, new ServerMessage.Balance(c.account.id, c.account.balance));
            }
        } else if (m instanceof ClientMessage.SitIn si) {
            if (me == null) {
                send(c, error(si.id(), "NOT_SEATED", t.id));
            } else if (!me.sittingOut) {
                send(c, error(si.id(), "NOT_SITTING_OUT", t.id));
            } else {
                me.sittingOut = false;
                emit(t, new GameEvent.SatIn(me.seat, false));
                send(c, new ServerMessage.Ack(si.id(), t.id, t.seq));
                maybeStartHand(t);
            }
        } else if (m instanceof ClientMessage.Leave l) {
            if (me == null) {
                send(c, error(l.id(), "NOT_SEATED", t.id));
                return;
            }
            t.players.remove(me.seat);
            c.account.balance += me.stack;
            emit(t, new GameEvent.Left(me.seat, c.account.id, me.stack));
            send(c, new ServerMessage.Ack(l.id(), t.id, t.seq));
            if (t.running && t.order.contains(me.seat)) {
                t.folded.add(me.seat);
                if (t.offered != null && t.offered.seat() == me.seat) {
                    advance(t);
                } else if (live(t).size() < 2) {
                    endHand(t);
                }
            }
        } else {
            send(c, error(m.id(), "UNSUPPORTED", t.id));
        }
    }

    private TableView view(Table t, Player me) {
        List<TableView.SeatView> seats = new ArrayList<>();
        for (Player p : t.players.values()) {
            seats.add(new TableView.SeatView(p.seat, p.account.id, p.account.name, p.stack,
                    t.bets.getOrDefault(p.seat, 0L), t.running && t.order.contains(p.seat), t.folded.contains(p.seat),
                    false, p.sittingOut, true, null));
        }
        return new TableView(t.id, t.name, t.seats, t.sb, t.bb, 0, "none", t.min, t.max, 30_000,
                t.running ? t.hand : 0, null, t.running ? "preflop" : null, List.of(), List.of(),
                t.running ? t.currentBet : null, t.offered == null ? null : t.offered.seat(), null, null, seats,
                me == null ? null : me.seat);
    }

    private void sit(Conn c, Table t, Player me, ClientMessage.Sit s) {
        if (me != null) {
            send(c, error(s.id(), "ALREADY_SEATED", t.id));
        } else if (s.seat() < 0 || s.seat() >= t.seats) {
            send(c, error(s.id(), "INVALID_SEAT", t.id));
        } else if (t.players.containsKey(s.seat())) {
            send(c, error(s.id(), "SEAT_TAKEN", t.id));
        } else if (s.buyIn() < t.min || s.buyIn() > t.max) {
            send(c, error(s.id(), "BUY_IN_OUT_OF_RANGE", t.id));
        } else if (s.buyIn() > c.account.balance) {
            send(c, error(s.id(), "INSUFFICIENT_BALANCE", t.id));
        } else {
            Player p = new Player();
            p.seat = s.seat();
            p.account = c.account;
            p.stack = s.buyIn();
            c.account.balance -= s.buyIn();
            t.players.put(p.seat, p);
            emit(t, new GameEvent.Seated(p.seat, c.account.id, c.account.name, p.stack));
            send(c, new ServerMessage.Ack(s.id(), t.id, t.seq));
            send(c, new ServerMessage.Balance(c.account.id, c.account.balance));
            maybeStartHand(t);
        }
    }

    private void emit(Table t, GameEvent ev) {
        ServerMessage.Event e = new ServerMessage.Event(t.id, ++t.seq, t.hand, ev);
        t.log.add(e);
        for (Conn c : conns) {
            if (c.watching.contains(t.id)) {
                send(c, e);
            }
        }
    }

    // ------------------------------------------------------------------ the toy game

    private void maybeStartHand(Table t) {
        if (t.running || t.handsHere >= maxHandsPerTable) {
            return;
        }
        List<Integer> active = new ArrayList<>();
        for (Player p : t.players.values()) {
            if (!p.sittingOut && p.stack > 0) {
                active.add(p.seat);
            }
        }
        if (active.size() < 2) {
            return;
        }
        t.running = true;
        t.hand++;
        t.handsHere++;
        handsDealt.incrementAndGet();
        t.order = active;
        t.bets.clear();
        t.folded.clear();
        t.currentBet = 0;
        emit(t, new GameEvent.HandStarted(t.hand, active.get(0), active.get(0), active.get(1), active, "c"));
        post(t, active.get(0), "small_blind", t.sb);
        post(t, active.get(1), "big_blind", t.bb);
        t.next = 0;
        offer(t);
    }

    private void post(Table t, int seat, String blind, long amount) {
        Player p = t.players.get(seat);
        long a = Math.min(amount, p.stack);
        p.stack -= a;
        t.bets.merge(seat, a, Long::sum);
        t.currentBet = Math.max(t.currentBet, t.bets.get(seat));
        emit(t, new GameEvent.ForcedBet(seat, blind, a, p.stack == 0));
    }

    private List<Integer> live(Table t) {
        List<Integer> out = new ArrayList<>();
        for (int s : t.order) {
            if (!t.folded.contains(s) && t.players.containsKey(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Offers the turn to order[next], skipping folded and all-in players; ends the hand after one orbit. */
    private void offer(Table t) {
        while (t.next < t.order.size()) {
            int seat = t.order.get(t.next);
            Player p = t.players.get(seat);
            if (p != null && !t.folded.contains(seat) && p.stack > 0) {
                break;
            }
            t.next++;
        }
        if (t.next >= t.order.size() || live(t).size() < 2) {
            endHand(t);
            return;
        }
        int seat = t.order.get(t.next);
        Player p = t.players.get(seat);
        long bet = t.bets.getOrDefault(seat, 0L);
        boolean facing = t.currentBet > bet;
        List<String> actions = new ArrayList<>(List.of("fold", facing ? "call" : "check"));
        boolean canRaise = p.stack > t.currentBet - bet;
        if (canRaise) {
            actions.add(t.currentBet == 0 ? "bet" : "raise");
        }
        if (canRaise || facing) {
            actions.add("all_in");
        }
        long maxTo = bet + p.stack;
        long minTo = Math.min(maxTo, t.currentBet == 0 ? t.bb : t.currentBet * 2);
        t.offered = new ServerMessage.YourTurn(t.id, t.hand, seat, actions, Math.min(t.currentBet - bet, p.stack),
                canRaise ? minTo : 0, canRaise ? maxTo : 0, System.currentTimeMillis() + 30_000, 0);
        emit(t, new GameEvent.Turn(seat, t.offered.deadline()));
        Conn c = connOf(p.account);
        if (c != null) {
            send(c, t.offered);
        }
    }

    private void advance(Table t) {
        t.offered = null;
        t.next++;
        offer(t);
    }

    private void act(Conn c, Table t, Player me, ClientMessage.Act a) {
        ServerMessage previous = t.answered.get(c.account.id + "/" + a.actionId());
        if (previous != null) {
            send(c, previous instanceof ServerMessage.Ack ack ? new ServerMessage.Ack(a.id(), ack.table(), ack.seq())
                    : previous);
            return;
        }
        ServerMessage answer = decide(t, me, a);
        t.answered.put(c.account.id + "/" + a.actionId(), answer);
        if (answer instanceof ServerMessage.Error) {
            send(c, answer);
            return;
        }
        send(c, answer);
        advance(t);
    }

    private ServerMessage decide(Table t, Player me, ClientMessage.Act a) {
        if (me == null) {
            return error(a.id(), "NOT_SEATED", t.id);
        }
        if (!t.running || t.offered == null || t.offered.seat() != me.seat) {
            return error(a.id(), "NOT_YOUR_TURN", t.id);
        }
        if (a.hand() != t.hand) {
            return error(a.id(), "WRONG_HAND", t.id);
        }
        if (!Strategy.isLegal(new Strategy.Decision(a.action(), a.amount()), t.offered)) {
            illegalActs.incrementAndGet();
            return error(a.id(), "INVALID_AMOUNT", t.id);
        }
        long bet = t.bets.getOrDefault(me.seat, 0L);
        String action = a.action();
        long added;
        switch (action) {
            case "fold" -> {
                t.folded.add(me.seat);
                added = 0;
            }
            case "check" -> added = 0;
            case "call" -> added = Math.min(t.currentBet - bet, me.stack);
            case "bet", "raise" -> added = a.amount() - bet;
            default -> { // all_in
                added = me.stack;
                action = bet + added > t.currentBet ? (t.currentBet == 0 ? "bet" : "raise") : "call";
            }
        }
        me.stack -= added;
        t.bets.put(me.seat, bet + added);
        t.currentBet = Math.max(t.currentBet, bet + added);
        emit(t, new GameEvent.ActionTaken(me.seat, action, added, bet + added, me.stack == 0, false));
        return new ServerMessage.Ack(a.id(), t.id, t.seq);
    }

    private void endHand(Table t) {
        t.offered = null;
        List<Integer> live = live(t);
        long pot = 0;
        for (long b : t.bets.values()) {
            pot += b;
        }
        if (!live.isEmpty()) {
            int winner = live.get(0);
            t.players.get(winner).stack += pot;
            emit(t, new GameEvent.PotAwarded(0, pot, 0, live, List.of(new GameEvent.Share(winner, pot))));
        }
        emit(t, new GameEvent.HandEnded(t.hand, "c", null, null));
        t.running = false;
        t.bets.clear();
        for (Player p : t.players.values()) {
            if (p.stack == 0 && !p.sittingOut) {
                p.sittingOut = true;
                emit(t, new GameEvent.SatOut(p.seat, "busted"));
            }
        }
        loop.execute(() -> maybeStartHand(t));
    }
}
