package dev.poker.load.bot;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.TableSummary;
import java.util.Objects;

/**
 * The tables bots create when the lobby has no free seat, and the lobby tables they accept (same seat
 * count, blinds and game). {@code actionTimeMs}, {@code timeBankMs} and {@code ante} may be null (server
 * defaults); {@code game} is the protocol's game name, null for the server's default (no-limit hold'em).
 */
public record TableTemplate(String namePrefix, int seats, long smallBlind, long bigBlind, Long ante,
        long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs, String game) {

    /** The server's default game, no-limit hold'em. */
    public TableTemplate(String namePrefix, int seats, long smallBlind, long bigBlind, Long ante, long minBuyIn,
            long maxBuyIn, Long actionTimeMs, Long timeBankMs) {
        this(namePrefix, seats, smallBlind, bigBlind, ante, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs, null);
    }

    public TableTemplate {
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (seats < 2 || seats > 10) {
            throw new IllegalArgumentException("seats must be 2 to 10");
        }
        if (bigBlind < 1 || smallBlind < 0 || smallBlind > bigBlind || minBuyIn < 1 || maxBuyIn < minBuyIn) {
            throw new IllegalArgumentException("invalid blinds or buy-in range");
        }
    }

    /** {@code seats}-handed 1/2 tables, buy-in 40 to 200, named "bots-&lt;seats&gt;max-N". */
    public static TableTemplate ofSeats(int seats) {
        return new TableTemplate("bots-" + seats + "max", seats, 1, 2, null, 40, 200, null, null);
    }

    /** The create_table message for a table called {@code name}. */
    public ClientMessage.CreateTable toCreate(String name) {
        return new ClientMessage.CreateTable(null, name, seats, smallBlind, bigBlind, ante,
                ante == null ? null : "per_player", minBuyIn, maxBuyIn, actionTimeMs, timeBankMs, null, null, game);
    }

    /** The same tables playing {@code game} (a protocol game name; null for the default). */
    public TableTemplate withGame(String game) {
        return new TableTemplate(namePrefix, seats, smallBlind, bigBlind, ante, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, game);
    }

    /**
     * Whether a lobby table is one of these (seat count, blinds and game; a table or template without a game
     * is no-limit hold'em).
     */
    public boolean matches(TableSummary t) {
        return t.seats() == seats && t.smallBlind() == smallBlind && t.bigBlind() == bigBlind
                && gameOrDefault(t.game()).equals(gameOrDefault(game));
    }

    private static String gameOrDefault(String game) {
        return game == null ? "no_limit_holdem" : game;
    }
}
