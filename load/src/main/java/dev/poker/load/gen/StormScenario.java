package dev.poker.load.gen;

import dev.poker.load.bot.NettyWebSocketClient;
import dev.poker.load.bot.PokerClient;
import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.ServerMessage;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * {@code storm}: opens {@code --connections} WebSockets evenly spread over {@code --within} seconds (an
 * open-loop arrival schedule: a connection starts at its slot whatever happened to the earlier ones);
 * each says {@code hello}, then asks {@code list_tables} and {@code ping}, and stays open until
 * {@code --within} + {@code --hold} (longer when the answers are late, never past {@code --duration}); then all
 * close. The node must shed (HTTP 503 at the handshake) or
 * queue (answer late) cleanly, and keep running.
 *
 * <p>Outcomes per connection: {@code ok} (all three answered), {@code shed} (503 at the handshake),
 * {@code refused} (another HTTP status), {@code retryable} (an error answer marked retryable, such as
 * {@code STORE_UNAVAILABLE}), and the unclean ones: {@code connect_failed} (refused, reset or timed out
 * without an HTTP answer), {@code error} (a non-retryable error answer), {@code no_answer} (a request
 * unanswered for 10 s), {@code dropped} (the server closed the connection before the answers came), and
 * {@code not_started} (the run ended before its slot). Connect latency is measured from the connection's
 * slot in the schedule (corrected for coordinated omission) and from the actual start (raw).
 *
 * <p>The connections are made by {@link StormClient} (one scheduling thread per URL, all connections on one
 * shared {@link NettyWebSocketClient}), not by the bot library's {@code PokerClient}, so that the generator
 * keeps up with the schedule; a final session with the bot library's client (same WebSocket client) checks
 * that the node still serves after the storm.
 *
 * <p>Concurrency: the storm clients' threads report events under this object's monitor; the scenario's
 * thread samples once a second.
 */
final class StormScenario {
    enum Outcome {
        OK(true), SHED(true), REFUSED(true), RETRYABLE(true), CONNECT_FAILED(false), ERROR(false), NO_ANSWER(false),
        DROPPED(false), NOT_STARTED(false);

        final boolean clean;

        Outcome(boolean clean) {
            this.clean = clean;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RunContext ctx;
    private final LoadOptions o;
    private final LatencyChannel connectCorrected = new LatencyChannel();
    private final LatencyChannel connectRaw = new LatencyChannel();
    private final LatencyChannel session = new LatencyChannel();
    private final LatencyChannel shedTime = new LatencyChannel();
    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    /** Why, per outcome: HTTP statuses, error codes, failure kinds. */
    private final Map<Outcome, Map<String, LongAdder>> details = new EnumMap<>(Outcome.class);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger attempted = new AtomicInteger();
    private final LongAdder droppedWhileHeld = new LongAdder();
    private volatile boolean closing;
    private long maxLagNanos;
    private long[] slots;
    private long[] startedAt;
    private boolean[] settled;
    private boolean[] opened;

    StormScenario(RunContext ctx) {
        this.ctx = ctx;
        this.o = ctx.options;
        for (Outcome x : Outcome.values()) {
            outcomes.put(x, new LongAdder());
            details.put(x, new ConcurrentHashMap<>());
        }
    }

    /** When connection {@code i} of {@code n} is due, in nanoseconds after the start of the storm. */
    static long slotNanos(int i, int n, Duration within) {
        return n <= 1 ? 0 : (long) ((double) within.toNanos() * i / n);
    }

    private static String detail(Throwable e) {
        Throwable c = PokerClientAccess.unwrap(e);
        if (c instanceof NettyWebSocketClient.UpgradeRefusedException r) {
            return "HTTP_" + r.status();
        }
        if (c instanceof HttpConnectTimeoutException) {
            return "CONNECT_TIMEOUT";
        }
        if (c instanceof HttpTimeoutException || c instanceof TimeoutException) {
            return "TIMEOUT";
        }
        if (c instanceof ConnectException) {
            return "CONNECTION_REFUSED";
        }
        if (c instanceof PokerClient.ConnectionClosedException) {
            return "CONNECTION_CLOSED";
        }
        return c.getClass().getSimpleName();
    }

    LoadReport run() {
        int n = o.players();
        ctx.say(String.format(Locale.ROOT, "poker load storm: %d connections -> %s within %s, held %s", n,
                String.join(", ", o.urls().stream().map(URI::toString).toList()), LoadOptions.seconds(o.within()),
                LoadOptions.seconds(o.hold())));
        HttpClient probeHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<HealthProbe.Result> before = new ArrayList<>();
        for (URI u : o.urls()) {
            before.add(HealthProbe.get(probeHttp, u));
        }
        slots = new long[n];
        startedAt = new long[n];
        settled = new boolean[n];
        opened = new boolean[n];
        long stormStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < n; i++) {
            slots[i] = stormStart + slotNanos(i, n, o.within());
        }
        NettyWebSocketClient ws = NettyWebSocketClient.create("load-storm-ws");
        try {
            return storm(n, probeHttp, before, ws);
        } finally {
            ws.close();
        }
    }

    private LoadReport storm(int n, HttpClient probeHttp, List<HealthProbe.Result> before, NettyWebSocketClient ws) {
        List<StormClient> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int u = o.urls().size();
        for (int k = 0; k < u; k++) {
            int m = (n - k + u - 1) / u;
            int[] ids = new int[m];
            long[] sl = new long[m];
            for (int j = 0; j < m; j++) {
                ids[j] = k + j * u;
                sl[j] = slots[ids[j]];
            }
            try {
                StormClient c = new StormClient(ws, o.urls().get(k), ids, sl, new Recorder());
                loops.add(c);
                Thread t = new Thread(c, "load-storm-" + (k + 1));
                t.setDaemon(true);
                threads.add(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("cannot start the storm: " + e.getMessage(), e);
            }
        }
        threads.forEach(Thread::start);

        List<Map<String, Object>> rows = new ArrayList<>();
        long holdEnd = Math.round((o.within().toMillis() + o.hold().toMillis()) / 1000.0);
        long second = 0;
        long lastOk = 0;
        long lastAttempted = 0;
        while (true) {
            second++;
            boolean ok = ctx.awaitSecond(second);
            Histogram c = connectCorrected.tick();
            connectRaw.tick();
            session.tick();
            shedTime.tick();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", PlayerRun.round(ctx.elapsedSeconds(), 1));
            int att = attempted.get();
            long okNow = outcomes.get(Outcome.OK).sum();
            row.put("attempted", att);
            row.put("attemptsPerSecond", att - lastAttempted);
            row.put("open", open.get());
            row.put("ok", okNow);
            row.put("okPerSecond", okNow - lastOk);
            row.put("shed", outcomes.get(Outcome.SHED).sum());
            row.put("unclean", unclean());
            row.put("connectP50Ms", c.getTotalCount() == 0 ? null : LoadReport.ms(c, 50));
            row.put("connectP99Ms", c.getTotalCount() == 0 ? null : LoadReport.ms(c, 99));
            rows.add(row);
            lastOk = okNow;
            lastAttempted = att;
            ctx.progress(second, String.format(Locale.ROOT,
                    "[%5.0fs] attempted %d/%d open %d | ok %d shed %d refused %d unclean %d | connect p50 %s p99 %s ms",
                    ((Number) row.get("t")).doubleValue(), att, n, open.get(), okNow,
                    outcomes.get(Outcome.SHED).sum(), outcomes.get(Outcome.REFUSED).sum(), unclean(),
                    fmt(row.get("connectP50Ms")), fmt(row.get("connectP99Ms"))));
            if (!ok) {
                break; // --duration reached, or stopped
            }
            if (second >= holdEnd && att >= n && settledCount() >= n) {
                break;
            }
        }
        ctx.say("closing the connections...");
        closing = true;
        loops.forEach(StormClient::closeAll);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            int notStarted = n - attempted.get();
            if (notStarted > 0) {
                outcomes.get(Outcome.NOT_STARTED).add(notStarted);
            }
            long unsettled = attempted.get() - settledCount();
            if (unsettled > 0) {
                outcomes.get(Outcome.NO_ANSWER).add(unsettled);
                details.get(Outcome.NO_ANSWER).computeIfAbsent("UNFINISHED_AT_END", k -> new LongAdder())
                        .add(unsettled);
            }
        }

        // the node must still be there (a moment for it to notice the closes first)
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<HealthProbe.Result> after = new ArrayList<>();
        for (URI url : o.urls()) {
            after.add(HealthProbe.get(probeHttp, url));
        }
        String probe = probeSession(ws);
        return report(rows, before, after, probe);
    }

    /** The storm clients' events; all on their loop threads, serialized by this scenario's monitor. */
    private final class Recorder implements StormClient.Events {
        @Override
        public void started(int i, long now) {
            synchronized (StormScenario.this) {
                attempted.incrementAndGet();
                startedAt[i] = now;
                maxLagNanos = Math.max(maxLagNanos, now - slots[i]);
            }
        }

        @Override
        public void opened(int i, long now) {
            synchronized (StormScenario.this) {
                opened[i] = true;
                open.incrementAndGet();
                connectCorrected.recordNanos(now - slots[i]);
                connectRaw.recordNanos(now - startedAt[i]);
            }
        }

        @Override
        public void refused(int i, int status, long now) {
            synchronized (StormScenario.this) {
                if (status == 503) {
                    shedTime.recordNanos(now - slots[i]);
                }
                settle(i, status == 503 ? Outcome.SHED : Outcome.REFUSED, "HTTP_" + status);
            }
        }

        @Override
        public void connectFailed(int i, String detail, long now) {
            synchronized (StormScenario.this) {
                settle(i, Outcome.CONNECT_FAILED, detail);
            }
        }

        @Override
        public void served(int i, long now) {
            synchronized (StormScenario.this) {
                session.recordNanos(now - slots[i]);
                settle(i, Outcome.OK, null);
            }
        }

        @Override
        public void errorAnswer(int i, String code, boolean retryable, long now) {
            synchronized (StormScenario.this) {
                settle(i, retryable ? Outcome.RETRYABLE : Outcome.ERROR, code);
            }
        }

        @Override
        public void noAnswer(int i, long now) {
            synchronized (StormScenario.this) {
                settle(i, Outcome.NO_ANSWER, "NO_ANSWER");
            }
        }

        @Override
        public void closed(int i, int code, long now) {
            synchronized (StormScenario.this) {
                if (opened[i]) {
                    open.decrementAndGet();
                }
                if (settled[i]) {
                    droppedWhileHeld.increment();
                    details.get(Outcome.DROPPED).computeIfAbsent("CLOSED_WHILE_HELD_" + code, k -> new LongAdder())
                            .increment();
                } else {
                    settle(i, Outcome.DROPPED, "CLOSED_" + code);
                }
            }
        }
    }

    private long settledCount() {
        long n = 0;
        for (Map.Entry<Outcome, LongAdder> e : outcomes.entrySet()) {
            if (e.getKey() != Outcome.NOT_STARTED) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    private long unclean() {
        long n = 0;
        for (Map.Entry<Outcome, LongAdder> e : outcomes.entrySet()) {
            if (!e.getKey().clean) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    private static String fmt(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
    }

    private void settle(int i, Outcome oc, String detail) {
        if (settled[i]) {
            return;
        }
        settled[i] = true;
        outcomes.get(oc).increment();
        if (detail != null && oc != Outcome.OK) {
            details.get(oc).computeIfAbsent(detail, k -> new LongAdder()).increment();
        }
    }

    /** One more connection after the storm, with the bot library's client: does the node still serve? */
    private String probeSession(NettyWebSocketClient ws) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "load-storm-probe");
            t.setDaemon(true);
            return t;
        });
        PokerClient c = new PokerClient(o.urls().get(0), ws.connector(Duration.ofSeconds(10)),
                (client, m) -> { }, scheduler, PokerClient.Options.defaults().withAutoReconnect(false));
        try {
            c.connect().get(10, TimeUnit.SECONDS);
            c.hello("storm-probe").get(10, TimeUnit.SECONDS);
            ServerMessage p = c.request(new ClientMessage.Ping(null, 1L)).get(10, TimeUnit.SECONDS);
            return p instanceof ServerMessage.Pong ? "ok" : "answered " + p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "failed: " + detail(e);
        } finally {
            c.close();
            scheduler.shutdownNow();
        }
    }

    private LoadReport report(List<Map<String, Object>> rows, List<HealthProbe.Result> before,
            List<HealthProbe.Result> after, String probe) {
        LoadReport r = new LoadReport("storm", "connection storm: " + o.players() + " connections within "
                + LoadOptions.seconds(o.within()), o.urls().stream().map(URI::toString).toList(), ctx.startedAt,
                o.settings());
        r.seconds = PlayerRun.round(ctx.elapsedSeconds(), 1);
        long n = o.players();
        long okCount = outcomes.get(Outcome.OK).sum();
        long shed = outcomes.get(Outcome.SHED).sum();
        long uncleanCount = unclean() + droppedWhileHeld.sum(); // a served connection the node dropped counts too
        r.metric("connections", "connections attempted", attempted.get(), "of " + n);
        r.metric("ok", "served (hello, list_tables, ping answered)", okCount, "");
        r.metric("shed", "shed (HTTP 503 at the handshake)", shed, "");
        r.metric("refused", "refused (other HTTP status)", outcomes.get(Outcome.REFUSED).sum(), "");
        r.metric("unclean", "unclean failures", uncleanCount, "");
        Histogram cc = connectCorrected.total();
        r.metric("connectP50Ms", "connect p50", PlayerRun.round(LoadReport.ms(cc, 50), 3), "ms");
        r.metric("connectP99Ms", "connect p99", PlayerRun.round(LoadReport.ms(cc, 99), 3), "ms");
        Histogram ss = session.total();
        r.metric("sessionP99Ms", "hello..pong p99", PlayerRun.round(LoadReport.ms(ss, 99), 3), "ms");
        r.metric("droppedWhileHeld", "dropped while held open", droppedWhileHeld.sum(), "");
        r.metric("dispatchLagMaxMs", "generator lag behind schedule (max)", PlayerRun.round(maxLagNanos / 1e6, 3), "ms");
        r.metric("nodeAfter", "node after the storm", after.get(0).describe(), "");

        r.distributions.add(new LoadReport.Distribution("connectCorrected", "connect, corrected", "connect",
                "from the connection's slot in the arrival schedule until the WebSocket was open", cc));
        r.distributions.add(new LoadReport.Distribution("connectRaw", "connect, raw", "connect",
                "from the actual start of the connection attempt until it was open", connectRaw.total()));
        r.distributions.add(new LoadReport.Distribution("session", "slot -> hello, list_tables and ping answered",
                "session", null, ss));
        Histogram sh = shedTime.total();
        if (sh.getTotalCount() > 0) {
            r.distributions.add(new LoadReport.Distribution("shed", "slot -> HTTP 503", "connect",
                    "how fast the node refused the connections it shed", sh));
        }

        List<Map<String, Object>> outcomeRows = new ArrayList<>();
        for (Outcome x : Outcome.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outcome", x.id());
            m.put("clean", x.clean);
            m.put("count", outcomes.get(x).sum());
            m.put("percent", PlayerRun.round(n == 0 ? 0 : 100.0 * outcomes.get(x).sum() / n, 2));
            java.util.StringJoiner why = new java.util.StringJoiner(", ");
            new TreeMap<>(details.get(x)).forEach((k, v) -> why.add(k + " " + v.sum()));
            m.put("details", why.toString());
            outcomeRows.add(m);
        }
        r.tables.add(new LoadReport.Table("outcomes", "Outcomes", "clean: served, shed with 503, refused with another"
                + " HTTP status, or told to retry; the rest are unclean",
                List.of(new LoadReport.Column("outcome", "outcome"), new LoadReport.Column("clean", "clean"),
                        new LoadReport.Column("count", "connections"), new LoadReport.Column("percent", "%"),
                        new LoadReport.Column("details", "details")),
                outcomeRows));
        List<Map<String, Object>> nodeRows = new ArrayList<>();
        for (int i = 0; i < o.urls().size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", o.urls().get(i).toString());
            m.put("before", before.get(i).describe());
            m.put("after", after.get(i).describe());
            nodeRows.add(m);
        }
        r.tables.add(new LoadReport.Table("health", "Node health (GET /health)", null,
                List.of(new LoadReport.Column("node", "node"), new LoadReport.Column("before", "before"),
                        new LoadReport.Column("after", "after")), nodeRows));

        r.timelineColumns.addAll(List.of(new LoadReport.Column("t", "second"),
                new LoadReport.Column("attempted", "attempted"), new LoadReport.Column("attemptsPerSecond", "attempts/s"),
                new LoadReport.Column("open", "open connections"), new LoadReport.Column("ok", "served"),
                new LoadReport.Column("okPerSecond", "served/s"), new LoadReport.Column("shed", "shed"),
                new LoadReport.Column("unclean", "unclean"), new LoadReport.Column("connectP50Ms", "connect p50 ms"),
                new LoadReport.Column("connectP99Ms", "connect p99 ms")));
        r.timeline.addAll(rows);
        r.charts.add(new LoadReport.Chart("Connections attempted and served per second", "connections/s",
                List.of("attemptsPerSecond", "okPerSecond")));
        r.charts.add(new LoadReport.Chart("Connections open, shed and unclean", "connections",
                List.of("open", "shed", "unclean")));
        r.charts.add(new LoadReport.Chart("Connect latency per second (corrected)", "ms",
                List.of("connectP50Ms", "connectP99Ms")));
        r.markers.add(new LoadReport.Marker(o.within().toMillis() / 1000.0, "all started"));

        Map<String, Long> byCode = new TreeMap<>();
        details.forEach((oc, m) -> {
            if (!oc.clean) {
                m.forEach((k, v) -> byCode.merge(k, v.sum(), Long::sum));
            }
        });
        r.errorsByCode.putAll(byCode);
        r.requests = n;
        r.errors = uncleanCount;

        boolean alive = after.stream().allMatch(HealthProbe.Result::answered) || probe.equals("ok");
        r.check("node alive after the storm", "/health answers or a new session works",
                after.get(0).describe() + "; new session " + probe, alive);
        r.check("served or shed cleanly", "unclean < " + RunContext.pct(o.sloErrorRate()),
                uncleanCount + " (" + RunContext.pct(n == 0 ? 0 : (double) uncleanCount / n) + ")",
                n > 0 && (double) uncleanCount / n < o.sloErrorRate() || uncleanCount == 0);
        r.check("some connections served", "> 0", Long.toString(okCount), okCount > 0);
        if (maxLagNanos > TimeUnit.MILLISECONDS.toNanos(100)) {
            r.notes.add(String.format(Locale.ROOT, "the generator fell up to %.0f ms behind its schedule; corrected"
                    + " latencies include that", maxLagNanos / 1e6));
        }
        if (shed > 0) {
            r.notes.add(shed + " connections were shed with HTTP 503 (the node was full or not accepting)");
        }
        return r;
    }

    /** Access to the bot client's unwrapping of completion exceptions. */
    static final class PokerClientAccess {
        private PokerClientAccess() {}

        static Throwable unwrap(Throwable e) {
            while ((e instanceof java.util.concurrent.CompletionException
                    || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
                e = e.getCause();
            }
            return e;
        }
    }
}
