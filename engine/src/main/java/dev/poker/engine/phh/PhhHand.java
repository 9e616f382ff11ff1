package dev.poker.engine.phh;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One hand in the Poker Hand History format (phh-std, as read and written by PokerKit). Amounts are
 * in the file's own units (chips, dollars...) as exact decimals. A field that the file does not have
 * is null. Lists are positional: element {@code i} belongs to player {@code p(i+1)}; p1 is the small
 * blind, the last player the button, except heads-up where p1 is the big blind and p2 the button
 * (the antes and blinds arrays are applied reversed heads-up, as the spec and PokerKit do).
 *
 * <p>Every field not listed here keeps its raw TOML text in {@link #extra()}, in file order, so a
 * hand can be written back unchanged by {@link PhhWriter#write(PhhHand)}.
 *
 * @param name the {@code [name]} table header of the hand in a {@code .phhs} file; null for a {@code .phh}
 * @param line the 1-based line where the hand starts (its header, or 1)
 * @param variant {@code variant}, e.g. "NT" for no-limit Texas hold'em
 * @param antes {@code antes}
 * @param blindsOrStraddles {@code blinds_or_straddles}
 * @param minBet {@code min_bet}
 * @param startingStacks {@code starting_stacks}; an element is null for an unknown stack ({@code inf})
 * @param actions {@code actions}, the action notations as written (comments included)
 * @param players {@code players}
 * @param seats {@code seats}, seat numbers (usually 1-based)
 * @param finishingStacks {@code finishing_stacks}
 * @param winnings {@code winnings} (post-rake pots collected)
 * @param hand {@code hand}, the hand name or number as text
 * @param table {@code table}, the table name or number as text
 * @param anteTrimmingStatus {@code ante_trimming_status}
 * @param extra every other field: key to raw TOML value text
 */
public record PhhHand(
        String name,
        int line,
        String variant,
        List<BigDecimal> antes,
        List<BigDecimal> blindsOrStraddles,
        BigDecimal minBet,
        List<BigDecimal> startingStacks,
        List<String> actions,
        List<String> players,
        List<Integer> seats,
        List<BigDecimal> finishingStacks,
        List<BigDecimal> winnings,
        String hand,
        String table,
        Boolean anteTrimmingStatus,
        Map<String, String> extra) {

    public PhhHand {
        extra = extra == null ? Map.of() : extra;
    }

    /** A short label for messages: {@code [name]} and/or {@code hand=...}, or the line. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (name != null) {
            sb.append('[').append(name).append(']');
        }
        if (hand != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("hand ").append(hand);
        }
        if (sb.length() == 0) {
            sb.append("line ").append(line);
        }
        return sb.toString();
    }
}
