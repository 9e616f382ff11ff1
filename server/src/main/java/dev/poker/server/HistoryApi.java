package dev.poker.server;

import dev.poker.engine.TableEvent;
import dev.poker.engine.phh.PhhWriter;
import dev.poker.protocol.HandHistory;
import dev.poker.protocol.ProtocolCodec;
import dev.poker.server.account.SessionTokens;
import dev.poker.server.store.CompletedHand;
import dev.poker.server.store.EventStore;
import dev.poker.server.store.StoredEvent;
import dev.poker.server.store.TableCatalog;
import dev.poker.server.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hand history over HTTP. {@code GET /api/hands/{id}} gives one hand as PHH: hole cards appear
 * when they were shown, or when they belong to the player whose session token comes with the request
 * ({@code Authorization: Bearer <token>}). {@code GET /api/players/{id}/hands} lists a player's recent
 * hands to that player only.
 *
 * <p>Concurrency: thread-safe; every call may block on the database (run it off event loops).
 */
public final class HistoryApi {
    private final TableCatalog catalog;
    private final EventStore store;
    private final SessionTokens tokens;
    private final Scheduler clock;
    private final ProtocolCodec codec = new ProtocolCodec();

    /** An HTTP answer. */
    public record Answer(int status, String contentType, String body) {}

    public HistoryApi(TableCatalog catalog, EventStore store, SessionTokens tokens, Scheduler clock) {
        this.catalog = catalog;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Answers a path under /api/hands/ or /api/players/, or null when the path is not one of them. */
    public Answer handle(String path, String authorization) {
        String requester = requester(authorization);
        if (path.startsWith("/api/hands/")) {
            return hand(path.substring("/api/hands/".length()), requester);
        }
        if (path.startsWith("/api/players/") && path.endsWith("/hands")) {
            String account = path.substring("/api/players/".length(), path.length() - "/hands".length());
            if (requester == null) {
                return new Answer(401, "text/plain", "send your session token: Authorization: Bearer <token>\n");
            }
            if (!requester.equals(account)) {
                return new Answer(403, "text/plain", "a player's hand list is theirs alone\n");
            }
            List<HandHistory.Entry> entries = new ArrayList<>();
            java.util.Map<String, String> games = new java.util.HashMap<>();
            for (TableCatalog.HandSummary h : catalog.handsOf(account, 100)) {
                String game = games.computeIfAbsent(h.tableId(),
                        id -> catalog.table(id).map(t -> t.config().game().wireName()).orElse(null));
                entries.add(new HandHistory.Entry(h.handId(), h.tableId(), h.handNumber(), h.endedAt(), h.seat(),
                        h.net(), h.pot(), game));
            }
            return new Answer(200, "application/json", codec.json(new HandHistory.PlayerHands(account, entries)));
        }
        return null;
    }

    private Answer hand(String handId, String requester) {
        Optional<CompletedHand> found = catalog.hand(handId);
        if (found.isEmpty()) {
            return new Answer(404, "text/plain", "no hand '" + handId + "'\n");
        }
        CompletedHand h = found.get();
        int seat = -1;
        for (CompletedHand.Participant p : h.players()) {
            if (p.accountId().equals(requester)) {
                seat = p.seat();
            }
        }
        if (seat < 0) {
            return new Answer(200, "application/toml; charset=utf-8", h.phh());
        }
        Optional<TableCatalog.TableRecord> table = catalog.table(h.tableId());
        List<TableEvent> events = new ArrayList<>();
        for (StoredEvent e : store.read(h.tableId(), h.firstSeq() - 1, (int) (h.lastSeq() - h.firstSeq() + 1))) {
            events.add(e.event());
        }
        if (table.isEmpty() || events.isEmpty()) {
            return new Answer(200, "application/toml; charset=utf-8", h.phh());
        }
        int own = seat;
        return new Answer(200, "application/toml; charset=utf-8",
                PhhWriter.export(events, table.get().config(), s -> s == own, table.get().name()));
    }

    private String requester(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return tokens.verify(authorization.substring("Bearer ".length()).trim(), clock.nowMillis()).orElse(null);
    }
}
