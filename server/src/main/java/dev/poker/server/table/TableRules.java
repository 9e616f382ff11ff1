package dev.poker.server.table;

import dev.poker.engine.ButtonRule;
import dev.poker.engine.Straddle;
import dev.poker.engine.TimeBankRefill;
import dev.poker.protocol.ClientMessage;
import java.util.Locale;

/**
 * The straddle, button and time bank refill settings of a {@code create_table} request (validated by the
 * protocol first), as the engine's rules; absent fields take their defaults: no straddle (a straddle is
 * twice the big blind unless {@code straddleAmount} says otherwise), the dead button, no refill (a refill's
 * cap defaults to the starting time bank, or the refill itself when that is smaller).
 *
 * <p>Concurrency: stateless.
 */
final class TableRules {
    private TableRules() {}

    static Straddle straddle(ClientMessage.CreateTable c) {
        Straddle.Position position = c.straddle() == null ? Straddle.Position.NONE
                : Straddle.Position.valueOf(c.straddle().toUpperCase(Locale.ROOT));
        if (position == Straddle.Position.NONE) {
            return Straddle.NONE;
        }
        return c.straddleAmount() == null ? Straddle.twiceTheBigBlind(position, c.bigBlind())
                : new Straddle(position, c.straddleAmount());
    }

    static ButtonRule buttonRule(ClientMessage.CreateTable c) {
        return c.buttonRule() == null ? ButtonRule.DEAD : ButtonRule.valueOf(c.buttonRule().toUpperCase(Locale.ROOT));
    }

    static TimeBankRefill timeBankRefill(ClientMessage.CreateTable c, long timeBankMs) {
        if (c.timeBankRefillMs() == null || c.timeBankRefillMs() == 0) {
            return TimeBankRefill.NONE;
        }
        long add = c.timeBankRefillMs();
        long cap = c.timeBankCapMs() != null ? c.timeBankCapMs() : Math.max(timeBankMs, add);
        return new TimeBankRefill(add, c.timeBankRefillEveryHands(), cap);
    }
}
