package dev.poker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A table as one viewer may see it. {@code yourSeat} is the viewer's seat or null; {@code hand} is 0
 * and {@code street} null between hands; {@code toAct} and {@code deadline} are null when nobody is
 * to act; {@code game} is {@code no_limit_holdem} or {@code pot_limit_omaha}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableView(String id, String name, int seats, long smallBlind, long bigBlind, long ante, String anteType,
        long minBuyIn, long maxBuyIn, long actionTimeMs, long hand, Integer button, String street, List<String> board,
        List<PotView> pots, Long currentBet, Integer toAct, Long deadline, String commitment, List<SeatView> players,
        Integer yourSeat, String game) {

    /** A view without a game field (hold'em, or a server that predates games). */
    public TableView(String id, String name, int seats, long smallBlind, long bigBlind, long ante, String anteType,
            long minBuyIn, long maxBuyIn, long actionTimeMs, long hand, Integer button, String street,
            List<String> board, List<PotView> pots, Long currentBet, Integer toAct, Long deadline, String commitment,
            List<SeatView> players, Integer yourSeat) {
        this(id, name, seats, smallBlind, bigBlind, ante, anteType, minBuyIn, maxBuyIn, actionTimeMs, hand, button,
                street, board, pots, currentBet, toAct, deadline, commitment, players, yourSeat, null);
    }

    /** A pot and the seats that can win it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PotView(long amount, List<Integer> eligible) {}

    /**
     * An occupied seat. {@code cards} are the hole cards when the viewer may see them (their own, or
     * shown at showdown), otherwise null; {@code inHand} says whether they were dealt in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeatView(int seat, String account, String name, long stack, long bet, boolean inHand,
            boolean folded, boolean allIn, boolean sittingOut, boolean connected, List<String> cards) {}
}
