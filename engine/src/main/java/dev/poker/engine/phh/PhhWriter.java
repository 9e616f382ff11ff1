package dev.poker.engine.phh;

import dev.poker.engine.AnteType;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.engine.cards.Card;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Writes hands in the Poker Hand History format: a finished engine hand from its events
 * ({@link #export}), or a {@link PhhHand} as read by {@link PhhParser} ({@link #write}).
 *
 * <p>Player order: p1 is the small blind and the rest follow clockwise to the button; heads-up p1 is
 * the big blind and p2 the button (who posts the small blind), and the {@code antes} and
 * {@code blinds_or_straddles} arrays are written reversed as the PHH spec and PokerKit apply them
 * reversed heads-up. {@code seats} holds the 1-based seat numbers. Amounts are engine chips.
 *
 * <p>What the engine has that PHH has not: a big blind posted out of position by a new or returning
 * player is written as a straddle-like entry in {@code blinds_or_straddles}, and a dead small blind
 * as an ante of that player (both are replayed as SKIPPED by {@link PhhReplayer}); rake is written as
 * the user-defined field {@code rake}.
 *
 * <p>Concurrency: stateless.
 */
public final class PhhWriter {
    private PhhWriter() {}

    /** The hand whose events these are, as PHH text; hole cards of seats not revealed are {@code ????}. */
    public static String export(List<TableEvent> events, TableConfig config, IntPredicate revealSeat) {
        return write(toHand(events, config, revealSeat, null));
    }

    /** As {@link #export(List, TableConfig, IntPredicate)}, with the table's name (null for none). */
    public static String export(List<TableEvent> events, TableConfig config, IntPredicate revealSeat,
            String tableName) {
        return write(toHand(events, config, revealSeat, tableName));
    }

    /**
     * The hand whose events these are. {@code events} run from {@link TableEvent.HandStarted} to
     * {@link TableEvent.HandEnded} (events before and after are ignored). The hole cards of a seat
     * appear when the seat showed them or {@code revealSeat} accepts the seat (for example the
     * requesting player's own seat); otherwise they are written as unknown ({@code ????}).
     *
     * @throws IllegalArgumentException when the events hold no complete hand
     */
    public static PhhHand toHand(List<TableEvent> events, TableConfig config, IntPredicate revealSeat,
            String tableName) {
        int startIndex = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TableEvent.HandStarted) {
                startIndex = i;
                break;
            }
        }
        if (startIndex < 0) {
            throw new IllegalArgumentException("the events hold no HandStarted");
        }
        TableEvent.HandStarted hs = (TableEvent.HandStarted) events.get(startIndex);
        List<Integer> dealt = hs.dealtIn();
        int n = dealt.size();
        int[] seatOf = new int[n];
        if (n == 2) {
            int button = hs.button();
            seatOf[0] = dealt.get(0) == button ? dealt.get(1) : dealt.get(0);
            seatOf[1] = button;
        } else {
            // p1 is the small blind; with a dead small blind (nobody posts it) p1 is the big blind
            int first = dealt.indexOf(hs.smallBlindSeat());
            if (first < 0) {
                first = dealt.indexOf(hs.bigBlindSeat());
            }
            for (int i = 0; i < n; i++) {
                seatOf[i] = dealt.get((first + i) % n);
            }
        }
        int maxSeat = config.seats();
        for (int seat : dealt) {
            maxSeat = Math.max(maxSeat, seat + 1);
        }
        int[] playerOf = new int[maxSeat];
        java.util.Arrays.fill(playerOf, -1);
        for (int i = 0; i < n; i++) {
            playerOf[seatOf[i]] = i;
        }

        // the forced bets as configured (nominal: a short stack posts what it has)
        long[] ante = new long[n];
        long[] blind = new long[n];
        int sbPlayer = hs.smallBlindSeat() < maxSeat ? playerOf[hs.smallBlindSeat()] : -1;
        int bbPlayer = playerOf[hs.bigBlindSeat()];
        if (config.anteType() == AnteType.PER_PLAYER) {
            java.util.Arrays.fill(ante, config.ante());
        } else if (config.anteType() == AnteType.BIG_BLIND) {
            ante[bbPlayer] = config.ante();
        }
        if (sbPlayer >= 0) {
            blind[sbPlayer] = config.smallBlind();
        }
        blind[bbPlayer] = config.bigBlind();

        long[] stack = new long[n];
        List<String> players = new ArrayList<>(n);
        List<Integer> seats = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = dealt.indexOf(seatOf[i]);
            stack[i] = hs.stacks().get(j);
            players.add(hs.players().get(j));
            seats.add(seatOf[i] + 1);
        }
        List<BigDecimal> starting = amounts(stack);

        // a first pass for the hole cards and which were shown
        List<List<Card>> hole = holeCards(events, startIndex, n, playerOf);
        boolean[] shown = new boolean[n];
        for (int i = startIndex; i < events.size(); i++) {
            TableEvent e = events.get(i);
            if (e instanceof TableEvent.CardsShown cs) {
                shown[playerOf[cs.seat()]] = true;
            } else if (e instanceof TableEvent.HandEnded) {
                break;
            }
        }

        List<String> actions = new ArrayList<>();
        StringBuilder sb = new StringBuilder(16);
        for (int p = 0; p < n; p++) {
            sb.setLength(0);
            sb.append("d dh p").append(p + 1).append(' ');
            boolean reveal = shown[p] || revealSeat.test(seatOf[p]);
            List<Card> cards = hole.get(p);
            for (int c = 0; c < Math.max(config.game().holeCards(), cards.size()); c++) {
                if (reveal && c < cards.size()) {
                    sb.append(cards.get(c));
                } else {
                    sb.append("??");
                }
            }
            actions.add(sb.toString());
        }
        long rake = 0;
        boolean ended = false;
        for (int i = startIndex + 1; i < events.size() && !ended; i++) {
            TableEvent e = events.get(i);
            if (e instanceof TableEvent.ActionTaken a) {
                int p = playerOf[a.seat()];
                stack[p] -= a.added();
                switch (a.action()) {
                    case FOLD -> actions.add("p" + (p + 1) + " f");
                    case CHECK, CALL -> actions.add("p" + (p + 1) + " cc");
                    case BET, RAISE, ALL_IN -> actions.add("p" + (p + 1) + " cbr " + a.betTo());
                    default -> throw new IllegalStateException("unknown action " + a.action());
                }
            } else if (e instanceof TableEvent.ForcedBetPosted f) {
                int p = playerOf[f.seat()];
                stack[p] -= f.amount();
                switch (f.kind()) {
                    case POSTED_BIG_BLIND -> blind[p] += config.bigBlind();
                    case DEAD_SMALL_BLIND -> ante[p] += config.smallBlind();
                    case STRADDLE -> blind[p] += config.straddle().amount();
                    default -> {
                        // blinds and antes as configured, above
                    }
                }
            } else if (e instanceof TableEvent.StreetDealt sd) {
                actions.add("d db " + Card.format(sd.cards()));
            } else if (e instanceof TableEvent.CardsShown cs) {
                actions.add("p" + (playerOf[cs.seat()] + 1) + " sm " + Card.format(cs.cards()));
            } else if (e instanceof TableEvent.CardsMucked cm) {
                actions.add("p" + (playerOf[cm.seat()] + 1) + " sm");
            } else if (e instanceof TableEvent.UncalledBetReturned u) {
                stack[playerOf[u.seat()]] += u.amount();
            } else if (e instanceof TableEvent.PotAwarded pa) {
                rake += pa.rake();
                for (TableEvent.Share share : pa.shares()) {
                    stack[playerOf[share.seat()]] += share.amount();
                }
            } else if (e instanceof TableEvent.HandEnded) {
                ended = true;
            }
        }
        if (!ended) {
            throw new IllegalArgumentException("the events end before the hand does (no HandEnded)");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("seat_count", Integer.toString(config.seats()));
        if (rake > 0) {
            extra.put("rake", Long.toString(rake));
        }
        List<BigDecimal> antes = amounts(n == 2 ? new long[] {ante[1], ante[0]} : ante);
        List<BigDecimal> blinds = amounts(n == 2 ? new long[] {blind[1], blind[0]} : blind);
        Boolean trimming = config.anteType() == AnteType.NONE ? null : Boolean.TRUE;
        return new PhhHand(null, 1, config.game().phhVariant(), antes, blinds, BigDecimal.valueOf(config.bigBlind()), starting, actions,
                players, seats, amounts(stack), null, Long.toString(hs.handNumber()), tableName, trimming, extra);
    }

    private static List<List<Card>> holeCards(List<TableEvent> events, int startIndex, int n, int[] playerOf) {
        List<List<Card>> hole = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            hole.add(List.of());
        }
        for (int i = startIndex + 1; i < events.size(); i++) {
            TableEvent e = events.get(i);
            if (e instanceof TableEvent.HoleCardsDealt d) {
                hole.set(playerOf[d.seat()], d.cards());
            } else if (e instanceof TableEvent.ActionTaken || e instanceof TableEvent.HandEnded) {
                break;
            }
        }
        return hole;
    }

    private static List<BigDecimal> amounts(long[] values) {
        List<BigDecimal> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(BigDecimal.valueOf(v));
        }
        return out;
    }

    // ---- text ------------------------------------------------------------------------------------

    /** The hand as PHH (TOML) text, ending with a line break. */
    public static String write(PhhHand hand) {
        StringBuilder sb = new StringBuilder(1024);
        write(hand, sb);
        return sb.toString();
    }

    /**
     * Several hands as a {@code .phhs} text: each under a table header, its name or else its position
     * ({@code [1]}, {@code [2]}, ...), separated by blank lines.
     */
    public static String writeAll(List<PhhHand> hands) {
        StringBuilder sb = new StringBuilder(hands.size() * 1024);
        for (int i = 0; i < hands.size(); i++) {
            PhhHand h = hands.get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.append('[').append(key(h.name() != null ? h.name() : Integer.toString(i + 1))).append("]\n");
            write(h, sb);
        }
        return sb.toString();
    }

    /** Appends the hand's fields to {@code sb}. */
    public static void write(PhhHand h, StringBuilder sb) {
        if (h.variant() != null) {
            field(sb, "variant").append(quote(h.variant())).append('\n');
        }
        if (h.anteTrimmingStatus() != null) {
            field(sb, "ante_trimming_status").append(h.anteTrimmingStatus()).append('\n');
        }
        numbers(sb, "antes", h.antes());
        numbers(sb, "blinds_or_straddles", h.blindsOrStraddles());
        if (h.minBet() != null) {
            field(sb, "min_bet").append(h.minBet().toPlainString()).append('\n');
        }
        numbers(sb, "starting_stacks", h.startingStacks());
        if (h.actions() != null) {
            field(sb, "actions").append('[');
            if (!h.actions().isEmpty()) {
                sb.append('\n');
                for (String a : h.actions()) {
                    sb.append("  ").append(quote(a)).append(",\n");
                }
            }
            sb.append("]\n");
        }
        if (h.hand() != null) {
            field(sb, "hand").append(integerOrString(h.hand())).append('\n');
        }
        if (h.table() != null) {
            field(sb, "table").append(integerOrString(h.table())).append('\n');
        }
        if (h.seats() != null) {
            field(sb, "seats").append('[');
            for (int i = 0; i < h.seats().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(h.seats().get(i));
            }
            sb.append("]\n");
        }
        if (h.players() != null) {
            field(sb, "players").append('[');
            for (int i = 0; i < h.players().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(h.players().get(i)));
            }
            sb.append("]\n");
        }
        numbers(sb, "finishing_stacks", h.finishingStacks());
        numbers(sb, "winnings", h.winnings());
        for (Map.Entry<String, String> e : h.extra().entrySet()) {
            field(sb, e.getKey()).append(e.getValue()).append('\n');
        }
    }

    private static StringBuilder field(StringBuilder sb, String key) {
        return sb.append(key(key)).append(" = ");
    }

    private static void numbers(StringBuilder sb, String key, List<BigDecimal> values) {
        if (values == null) {
            return;
        }
        field(sb, key).append('[');
        for (int i = 0; i < values.size(); i++) {
            BigDecimal v = values.get(i);
            sb.append(i == 0 ? "" : ", ").append(v == null ? "inf" : v.toPlainString());
        }
        sb.append("]\n");
    }

    /** A bare key when it can be one, otherwise a quoted key. */
    static String key(String key) {
        if (key.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-')) {
                return quote(key);
            }
        }
        return key;
    }

    private static String integerOrString(String text) {
        boolean integer = !text.isEmpty() && text.length() <= 18 && (text.length() == 1 || text.charAt(0) != '0');
        for (int i = 0; i < text.length() && integer; i++) {
            integer = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        return integer ? text : quote(text);
    }

    /** A TOML basic string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
