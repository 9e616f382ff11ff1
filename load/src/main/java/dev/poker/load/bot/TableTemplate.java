package dev.poker.load.bot;

import dev.poker.protocol.ClientMessage;
import dev.poker.protocol.TableSummary;
import java.util.Objects;

/**
 * The tables bots create when the lobby has no free seat, and the lobby tables they accept (same seat
 * count and blinds). {@code actionTimeMs}, {@code timeBankMs} and {@code ante} may be null (server
 * defaults).
 */
public record TableTemplate(String namePrefix, int seats, long smallBlind, long bigBlind, Long ante,
        long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs) {

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
                ante == null ? null : "per_player", minBuyIn, maxBuyIn, actionTimeMs, timeBankMs, null, null);
    }

    /** Whether a lobby table is one of these (seat count and blinds). */
    public boolean matches(TableSummary t) {
        return t.seats() == seats && t.smallBlind() == smallBlind && t.bigBlind() == bigBlind;
    }
}
