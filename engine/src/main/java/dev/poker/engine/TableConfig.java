package dev.poker.engine;

/**
 * The fixed rules of one table. Amounts are in chips (the smallest unit).
 *
 * @param seats 2..10
 * @param smallBlind small blind, at least 0 and at most the big blind
 * @param bigBlind big blind, at least 1; also the minimum bet
 * @param ante ante amount (per player, or the whole big-blind ante); 0 for none
 * @param anteType how antes are collected
 * @param minBuyIn smallest buy-in
 * @param maxBuyIn largest buy-in, and the largest stack a top-up may reach
 * @param actionTimeMs the action clock for each decision
 * @param timeBankMs each player's time bank, used once the action clock runs out
 * @param maxConsecutiveTimeouts a player who times out this many times in a row is sat out; 0 = never
 * @param rake the table's rake
 * @param straddle the table's straddle, {@link Straddle#NONE} for none (null means none)
 * @param buttonRule how the button and blinds move; null means {@link ButtonRule#DEAD}
 * @param timeBankRefill how time banks refill, {@link TimeBankRefill#NONE} for never (null means never)
 * @param game the game played; null means {@link Game#NO_LIMIT_HOLDEM} (so do table settings stored before
 *     games existed)
 */
public record TableConfig(
        int seats,
        long smallBlind,
        long bigBlind,
        long ante,
        AnteType anteType,
        long minBuyIn,
        long maxBuyIn,
        long actionTimeMs,
        long timeBankMs,
        int maxConsecutiveTimeouts,
        Rake rake,
        Straddle straddle,
        ButtonRule buttonRule,
        TimeBankRefill timeBankRefill,
        Game game) {

    public TableConfig {
        if (seats < 2 || seats > 10) {
            throw new IllegalArgumentException("seats must be 2..10, got " + seats);
        }
        if (bigBlind < 1 || smallBlind < 0 || smallBlind > bigBlind) {
            throw new IllegalArgumentException("blinds must satisfy 0 <= small <= big and big >= 1, got "
                    + smallBlind + "/" + bigBlind);
        }
        if (ante < 0) {
            throw new IllegalArgumentException("ante must not be negative, got " + ante);
        }
        if (anteType == null) {
            anteType = ante == 0 ? AnteType.NONE : AnteType.PER_PLAYER;
        }
        if (anteType == AnteType.NONE) {
            ante = 0;
        } else if (ante == 0) {
            anteType = AnteType.NONE;
        }
        if (minBuyIn < 1 || maxBuyIn < minBuyIn) {
            throw new IllegalArgumentException("buy-in range must satisfy 1 <= min <= max, got "
                    + minBuyIn + ".." + maxBuyIn);
        }
        if (actionTimeMs < 0 || timeBankMs < 0 || maxConsecutiveTimeouts < 0) {
            throw new IllegalArgumentException("times and timeout count must not be negative");
        }
        if (rake == null) {
            rake = Rake.NONE;
        }
        if (straddle == null) {
            straddle = Straddle.NONE;
        }
        if (straddle.position() != Straddle.Position.NONE && straddle.amount() < bigBlind) {
            throw new IllegalArgumentException("the straddle must be at least the big blind, got "
                    + straddle.amount() + " with a big blind of " + bigBlind);
        }
        if (buttonRule == null) {
            buttonRule = ButtonRule.DEAD;
        }
        if (timeBankRefill == null) {
            timeBankRefill = TimeBankRefill.NONE;
        }
        if (game == null) {
            game = Game.NO_LIMIT_HOLDEM; // 10 seats x 4 hole cards + 5 board cards = 45 of 52: every game fits
        }
    }

    /** A no-limit hold'em table without a straddle, with the dead button and no time bank refill. */
    public TableConfig(int seats, long smallBlind, long bigBlind, long ante, AnteType anteType, long minBuyIn,
            long maxBuyIn, long actionTimeMs, long timeBankMs, int maxConsecutiveTimeouts, Rake rake) {
        this(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                maxConsecutiveTimeouts, rake, Straddle.NONE, ButtonRule.DEAD, TimeBankRefill.NONE, Game.NO_LIMIT_HOLDEM);
    }

    /** A table of {@code game} without a straddle, with the dead button and no time bank refill. */
    public TableConfig(int seats, long smallBlind, long bigBlind, long ante, AnteType anteType, long minBuyIn,
            long maxBuyIn, long actionTimeMs, long timeBankMs, int maxConsecutiveTimeouts, Rake rake, Game game) {
        this(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                maxConsecutiveTimeouts, rake, Straddle.NONE, ButtonRule.DEAD, TimeBankRefill.NONE, game);
    }

    /** A no-limit hold'em table with these rules. */
    public TableConfig(int seats, long smallBlind, long bigBlind, long ante, AnteType anteType, long minBuyIn,
            long maxBuyIn, long actionTimeMs, long timeBankMs, int maxConsecutiveTimeouts, Rake rake,
            Straddle straddle, ButtonRule buttonRule, TimeBankRefill timeBankRefill) {
        this(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, Game.NO_LIMIT_HOLDEM);
    }

    /** A cash-game table: 20 to 100 big blinds buy-in, 15 s clock, 30 s time bank, sit out after 2 timeouts. */
    public static TableConfig cash(int seats, long smallBlind, long bigBlind) {
        return new TableConfig(seats, smallBlind, bigBlind, 0, AnteType.NONE, 20 * bigBlind, 100 * bigBlind,
                15_000, 30_000, 2, Rake.NONE);
    }

    public TableConfig withAnte(long ante, AnteType type) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, type, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withRake(Rake rake) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withBuyIn(long min, long max) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, min, max, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withClock(long actionTimeMs, long timeBankMs, int maxConsecutiveTimeouts) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withStraddle(Straddle straddle) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withButtonRule(ButtonRule buttonRule) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withTimeBankRefill(TimeBankRefill timeBankRefill) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }

    public TableConfig withGame(Game game) {
        return new TableConfig(seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs,
                timeBankMs, maxConsecutiveTimeouts, rake, straddle, buttonRule, timeBankRefill, game);
    }
}
