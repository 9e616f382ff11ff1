package dev.poker.load.bot;

import java.time.Duration;
import java.util.Objects;

/**
 * How a bot behaves.
 *
 * @param template          tables to look for in the lobby, and to create when none has a free seat
 * @param anyTable          accept any lobby table with a free seat, not only those matching the template
 * @param buyInBigBlinds    buy-in in big blinds, clamped to the table's range and the balance
 * @param thinkMin          shortest think time before answering your_turn (zero: answer at once)
 * @param thinkMax          longest think time (uniform between the two)
 * @param topUpWhenBusted   top up and sit in again after busting (otherwise stay sat out)
 * @param leaveOnStop       stand up before disconnecting when stopped
 * @param connectAttempts   attempts to open the first connection
 * @param maxSeatAttempts   lobby rounds (list, join, sit) before giving up
 * @param client            the WebSocket client's options
 */
public record BotConfig(TableTemplate template, boolean anyTable, long buyInBigBlinds, Duration thinkMin,
        Duration thinkMax, boolean topUpWhenBusted, boolean leaveOnStop, int connectAttempts, int maxSeatAttempts,
        PokerClient.Options client) {

    public BotConfig {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(thinkMin, "thinkMin");
        Objects.requireNonNull(thinkMax, "thinkMax");
        Objects.requireNonNull(client, "client");
        if (thinkMin.isNegative() || thinkMax.compareTo(thinkMin) < 0) {
            throw new IllegalArgumentException("need 0 <= thinkMin <= thinkMax");
        }
        if (buyInBigBlinds < 1 || connectAttempts < 1 || maxSeatAttempts < 1) {
            throw new IllegalArgumentException("buyInBigBlinds, connectAttempts and maxSeatAttempts must be >= 1");
        }
    }

    /** 6-max 1/2 tables, 100 big blind buy-ins, no think time, top up when busted. */
    public static BotConfig defaults() {
        return new BotConfig(TableTemplate.ofSeats(6), false, 100, Duration.ZERO, Duration.ZERO, true, true, 5, 20,
                PokerClient.Options.defaults());
    }

    public BotConfig withTemplate(TableTemplate t) {
        return new BotConfig(t, anyTable, buyInBigBlinds, thinkMin, thinkMax, topUpWhenBusted, leaveOnStop,
                connectAttempts, maxSeatAttempts, client);
    }

    /** Think times uniform in [min, max]. */
    public BotConfig withThinkTime(Duration min, Duration max) {
        return new BotConfig(template, anyTable, buyInBigBlinds, min, max, topUpWhenBusted, leaveOnStop,
                connectAttempts, maxSeatAttempts, client);
    }

    /** Think times averaging {@code mean}: uniform in [mean/2, 3*mean/2] (zero stays zero). */
    public BotConfig withThinkTime(Duration mean) {
        return withThinkTime(mean.dividedBy(2), mean.plus(mean.dividedBy(2)));
    }

    public BotConfig withClient(PokerClient.Options options) {
        return new BotConfig(template, anyTable, buyInBigBlinds, thinkMin, thinkMax, topUpWhenBusted, leaveOnStop,
                connectAttempts, maxSeatAttempts, options);
    }
}
