package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * Messages from a client to the server. Every message may carry an {@code id} chosen by the client;
 * the answer to it ({@code ack} or {@code error}) repeats that id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ClientMessage.ListTables.class, name = "list_tables"),
    @JsonSubTypes.Type(value = ClientMessage.CreateTable.class, name = "create_table"),
    @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
    @JsonSubTypes.Type(value = ClientMessage.Unwatch.class, name = "unwatch"),
    @JsonSubTypes.Type(value = ClientMessage.Sit.class, name = "sit"),
    @JsonSubTypes.Type(value = ClientMessage.Act.class, name = "act"),
    @JsonSubTypes.Type(value = ClientMessage.SitOut.class, name = "sit_out"),
    @JsonSubTypes.Type(value = ClientMessage.SitIn.class, name = "sit_in"),
    @JsonSubTypes.Type(value = ClientMessage.TopUp.class, name = "top_up"),
    @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
})
public sealed interface ClientMessage {
    /** The client's request id, echoed in the answer; may be null. */
    String id();

    /** Null when the message is well formed, otherwise what is wrong with it. */
    default String problem() {
        return null;
    }

    /**
     * First message of a connection: {@code name} creates a guest account, {@code token} resumes one.
     */
    record Hello(String id, String name, String token) implements ClientMessage {
        @Override
        public String problem() {
            if (token != null && !token.isBlank()) {
                return null; // resuming: the name, if any, is ignored
            }
            if (name == null || name.isBlank()) {
                return "hello needs a name (new guest) or a token (resume)";
            }
            return Names.playerNameProblem(name);
        }
    }

    record ListTables(String id) implements ClientMessage {}

    /**
     * Opens a new table. Amounts in chips; {@code anteType} is {@code none}, {@code per_player} or
     * {@code big_blind}; rake in basis points of each pot (500 = 5%) with a per-hand cap; {@code game} is
     * {@code no_limit_holdem} (the default, also when absent) or {@code pot_limit_omaha}.
     */
    record CreateTable(String id, String name, int seats, long smallBlind, long bigBlind, Long ante, String anteType,
            long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs, Integer rakeBasisPoints, Long rakeCap,
            // issue 12 (rules): straddle, button rule, refilling time bank; the game
            String straddle, Long straddleAmount, String buttonRule, Long timeBankRefillMs,
            Integer timeBankRefillEveryHands, Long timeBankCapMs, String game)
            implements ClientMessage {

        /** A no-limit hold'em table of these rules (no {@code game} field). */
        public CreateTable(String id, String name, int seats, long smallBlind, long bigBlind, Long ante,
                String anteType, long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs,
                Integer rakeBasisPoints, Long rakeCap, String straddle, Long straddleAmount, String buttonRule,
                Long timeBankRefillMs, Integer timeBankRefillEveryHands, Long timeBankCapMs) {
            this(id, name, seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                    rakeBasisPoints, rakeCap, straddle, straddleAmount, buttonRule, timeBankRefillMs,
                    timeBankRefillEveryHands, timeBankCapMs, null);
        }

        /** A table of {@code game} without straddle, with the dead button and a time bank that does not refill. */
        public CreateTable(String id, String name, int seats, long smallBlind, long bigBlind, Long ante,
                String anteType, long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs,
                Integer rakeBasisPoints, Long rakeCap, String game) {
            this(id, name, seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                    rakeBasisPoints, rakeCap, null, null, null, null, null, null, game);
        }

        /** A no-limit hold'em table without straddle, with the dead button and a time bank that does not refill. */
        public CreateTable(String id, String name, int seats, long smallBlind, long bigBlind, Long ante,
                String anteType, long minBuyIn, long maxBuyIn, Long actionTimeMs, Long timeBankMs,
                Integer rakeBasisPoints, Long rakeCap) {
            this(id, name, seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, timeBankMs,
                    rakeBasisPoints, rakeCap, null, null, null, null, null, null, null);
        }

        @Override
        public String problem() {
            String nameProblem = Names.tableNameProblem(name);
            if (nameProblem != null) {
                return nameProblem;
            }
            if (seats < 2 || seats > 10) {
                return "seats must be 2 to 10";
            }
            if (bigBlind < 1 || smallBlind < 0 || smallBlind > bigBlind) {
                return "blinds must satisfy 0 <= smallBlind <= bigBlind and bigBlind >= 1";
            }
            if (ante != null && ante < 0) {
                return "ante must not be negative";
            }
            if (anteType != null && !Map.of("none", 1, "per_player", 1, "big_blind", 1).containsKey(anteType)) {
                return "anteType is none, per_player or big_blind";
            }
            if (minBuyIn < 1 || maxBuyIn < minBuyIn) {
                return "buy-in range must satisfy 1 <= minBuyIn <= maxBuyIn";
            }
            if (bigBlind > maxBuyIn || (ante != null && ante > maxBuyIn)) {
                return "the big blind and the ante must not exceed maxBuyIn (a stack could never cover them)";
            }
            if (actionTimeMs != null && (actionTimeMs < 1_000 || actionTimeMs > 600_000)) {
                return "actionTimeMs must be 1000 to 600000";
            }
            if (timeBankMs != null && (timeBankMs < 0 || timeBankMs > 3_600_000)) {
                return "timeBankMs must be 0 to 3600000";
            }
            if (rakeBasisPoints != null && (rakeBasisPoints < 0 || rakeBasisPoints > 1_000)) {
                return "rakeBasisPoints must be 0 to 1000 (10%)";
            }
            if (rakeCap != null && rakeCap < 0) {
                return "rakeCap must not be negative";
            }
            if (game != null && !Map.of("no_limit_holdem", 1, "pot_limit_omaha", 1).containsKey(game)) {
                return "game is no_limit_holdem or pot_limit_omaha";
            }
            return rulesProblem();
        }

        /** What is wrong with the straddle, button and time bank refill settings, or null. */
        private String rulesProblem() {
            if (straddle != null && !Map.of("none", 1, "utg", 1, "button", 1).containsKey(straddle)) {
                return "straddle is none, utg or button";
            }
            if (straddleAmount != null && (straddleAmount < bigBlind || straddleAmount > 1_000 * bigBlind)) {
                return "straddleAmount must be at least the big blind and at most 1000 big blinds";
            }
            if (buttonRule != null && !Map.of("dead", 1, "moving", 1).containsKey(buttonRule)) {
                return "buttonRule is dead or moving";
            }
            boolean refills = timeBankRefillMs != null && timeBankRefillMs > 0;
            if (timeBankRefillMs != null && (timeBankRefillMs < 0 || timeBankRefillMs > 3_600_000)) {
                return "timeBankRefillMs must be 0 to 3600000";
            }
            if (refills && (timeBankRefillEveryHands == null || timeBankRefillEveryHands < 1
                    || timeBankRefillEveryHands > 1_000)) {
                return "timeBankRefillEveryHands must be 1 to 1000 when timeBankRefillMs is set";
            }
            if (refills && timeBankCapMs != null && (timeBankCapMs < timeBankRefillMs || timeBankCapMs > 3_600_000)) {
                return "timeBankCapMs must be at least timeBankRefillMs and at most 3600000";
            }
            return null;
        }
    }

    /**
     * Watch a table. {@code lastSeq} is the last sequence number the client saw of this table (after a
     * reconnect); the server sends what was missed, or a fresh snapshot.
     */
    record Join(String id, String table, Long lastSeq) implements ClientMessage {
        @Override
        public String problem() {
            return lastSeq != null && lastSeq < 0 ? "lastSeq must not be negative" : tableProblem(table);
        }
    }

    /** Stop watching a table (a seated player keeps the seat). */
    record Unwatch(String id, String table) implements ClientMessage {
        @Override
        public String problem() {
            return tableProblem(table);
        }
    }

    /** Take a seat with a buy-in from the balance; {@code postBigBlind} to play at once instead of waiting. */
    record Sit(String id, String table, Integer seat, Long buyIn, Boolean postBigBlind) implements ClientMessage {
        @Override
        public String problem() {
            if (seat == null || buyIn == null) {
                return "sit needs a seat and a buyIn";
            }
            if (seat < 0 || seat > 9 || buyIn <= 0) {
                return "seat is 0 to 9 and buyIn a positive amount";
            }
            return tableProblem(table);
        }
    }

    /**
     * A decision for hand {@code hand}: {@code action} is fold, check, call, bet, raise or all_in;
     * {@code amount} is the "to" amount for bet and raise. {@code actionId} makes it idempotent: the
     * same action id is applied at most once and always gets the same answer.
     */
    record Act(String id, String table, Long hand, String action, Long amount, String actionId)
            implements ClientMessage {
        @Override
        public String problem() {
            String t = tableProblem(table);
            if (t != null) {
                return t;
            }
            if (hand == null || hand < 1) {
                return "act needs the hand number it is meant for";
            }
            if (amount != null && amount < 0) {
                return "amount must not be negative";
            }
            if (action == null || !java.util.Set.of("fold", "check", "call", "bet", "raise", "all_in").contains(action)) {
                return "action is one of fold, check, call, bet, raise, all_in";
            }
            if ((action.equals("bet") || action.equals("raise")) && amount == null) {
                return action + " needs an amount (the total to bet this street)";
            }
            if (actionId == null || actionId.isEmpty() || actionId.length() > 64) {
                return "actionId is required (1 to 64 characters) so a retry is applied only once";
            }
            return null;
        }
    }

    record SitOut(String id, String table) implements ClientMessage {
        @Override
        public String problem() {
            return tableProblem(table);
        }
    }

    record SitIn(String id, String table, Boolean waitForBigBlind) implements ClientMessage {
        @Override
        public String problem() {
            return tableProblem(table);
        }
    }

    record TopUp(String id, String table, Long amount) implements ClientMessage {
        @Override
        public String problem() {
            return amount == null || amount <= 0 ? "a top-up is a positive amount" : tableProblem(table);
        }
    }

    /** Stand up: the chips go back to the balance (at the end of the hand when in one). */
    record Leave(String id, String table) implements ClientMessage {
        @Override
        public String problem() {
            return tableProblem(table);
        }
    }

    /** Keep-alive and round-trip measurement; {@code t} is echoed. */
    record Ping(String id, Long t) implements ClientMessage {}

    private static String tableProblem(String table) {
        return table == null || table.isEmpty() || table.length() > 64 ? "a table id is required" : null;
    }
}
