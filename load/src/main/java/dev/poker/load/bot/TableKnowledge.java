package dev.poker.load.bot;

import dev.poker.protocol.GameEvent;
import dev.poker.protocol.ServerMessage;
import dev.poker.protocol.TableView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a bot knows of one table: the last snapshot, brought up to date with every event since. It tracks
 * seats, stacks, bets on the current street, the board, the pot and the bot's own hole cards — enough for
 * a strategy, not an authoritative replica of the table.
 *
 * <p>Concurrency: not thread-safe; the owning bot updates and reads it under its own lock.
 */
public final class TableKnowledge {

    /** One occupied seat. */
    public record Player(int seat, String account, String name, long stack, long bet, boolean inHand,
            boolean folded, boolean allIn, boolean sittingOut) {}

    private static final class MutablePlayer {
        final int seat;
        String account;
        String name;
        long stack;
        long bet;
        boolean inHand;
        boolean folded;
        boolean allIn;
        boolean sittingOut;

        MutablePlayer(int seat) {
            this.seat = seat;
        }

        Player freeze() {
            return new Player(seat, account, name, stack, bet, inHand, folded, allIn, sittingOut);
        }
    }

    private final String table;
    private final Map<Integer, MutablePlayer> players = new TreeMap<>();
    private final List<String> board = new ArrayList<>();
    private String name;
    private int seats;
    private long smallBlind;
    private long bigBlind;
    private long minBuyIn;
    private long maxBuyIn;
    private long seq = -1;
    private long hand;
    private String street;
    private Integer button;
    private Integer yourSeat;
    private List<String> holeCards = List.of();
    private long collectedPot;
    private boolean known;

    public TableKnowledge(String table) {
        this.table = table;
    }

    /** Replaces everything with the snapshot. */
    public void apply(ServerMessage.Snapshot snapshot) {
        TableView v = snapshot.view();
        seq = snapshot.seq();
        players.clear();
        board.clear();
        holeCards = List.of();
        if (v == null) {
            return;
        }
        known = true;
        name = v.name();
        seats = v.seats();
        smallBlind = v.smallBlind();
        bigBlind = v.bigBlind();
        minBuyIn = v.minBuyIn();
        maxBuyIn = v.maxBuyIn();
        hand = v.hand();
        street = v.street();
        button = v.button();
        yourSeat = v.yourSeat();
        if (v.board() != null) {
            board.addAll(v.board());
        }
        collectedPot = 0;
        if (v.pots() != null) {
            for (TableView.PotView p : v.pots()) {
                collectedPot += p.amount();
            }
        }
        if (v.players() != null) {
            for (TableView.SeatView s : v.players()) {
                MutablePlayer p = new MutablePlayer(s.seat());
                p.account = s.account();
                p.name = s.name();
                p.stack = s.stack();
                p.bet = s.bet();
                p.inHand = s.inHand();
                p.folded = s.folded();
                p.allIn = s.allIn();
                p.sittingOut = s.sittingOut();
                players.put(s.seat(), p);
                if (yourSeat != null && s.seat() == yourSeat && s.cards() != null) {
                    holeCards = List.copyOf(s.cards());
                }
            }
        }
    }

    /** Applies one event (the caller has checked that it belongs to this table and is in order). */
    public void apply(ServerMessage.Event e) {
        seq = e.seq();
        GameEvent ev = e.event();
        if (ev instanceof GameEvent.Seated s) {
            MutablePlayer p = new MutablePlayer(s.seat());
            p.account = s.account();
            p.name = s.name();
            p.stack = s.stack();
            players.put(s.seat(), p);
        } else if (ev instanceof GameEvent.Left l) {
            players.remove(l.seat());
            if (yourSeat != null && yourSeat == l.seat()) {
                yourSeat = null;
            }
        } else if (ev instanceof GameEvent.SatOut s) {
            MutablePlayer p = player(s.seat());
            p.sittingOut = true;
            if ("busted".equals(s.reason())) {
                p.stack = 0;
            }
        } else if (ev instanceof GameEvent.SatIn s) {
            player(s.seat()).sittingOut = false;
        } else if (ev instanceof GameEvent.ChipsAdded c) {
            if (!c.pending()) {
                player(c.seat()).stack += c.amount();
            }
        } else if (ev instanceof GameEvent.HandStarted h) {
            hand = h.hand();
            button = h.button();
            street = "preflop";
            board.clear();
            collectedPot = 0;
            holeCards = List.of();
            for (MutablePlayer p : players.values()) {
                p.bet = 0;
                p.folded = false;
                p.allIn = false;
                p.inHand = h.dealtIn() != null && h.dealtIn().contains(p.seat);
            }
        } else if (ev instanceof GameEvent.ForcedBet f) {
            MutablePlayer p = player(f.seat());
            p.stack -= f.amount();
            p.allIn = f.allIn();
            if (f.blind() != null && (f.blind().equals("ante") || f.blind().equals("big_blind_ante")
                    || f.blind().equals("dead_small_blind"))) {
                collectedPot += f.amount(); // dead money: not part of the street's bet
            } else {
                p.bet += f.amount();
            }
        } else if (ev instanceof GameEvent.HoleCards c) {
            if (c.cards() != null && !c.cards().isEmpty()) {
                holeCards = List.copyOf(c.cards());
                yourSeat = c.seat();
            }
        } else if (ev instanceof GameEvent.ActionTaken a) {
            MutablePlayer p = player(a.seat());
            p.stack -= a.added();
            p.bet = a.betTo();
            p.allIn = a.allIn();
            if ("fold".equals(a.action())) {
                p.folded = true;
            }
        } else if (ev instanceof GameEvent.UncalledReturned u) {
            MutablePlayer p = player(u.seat());
            p.stack += u.amount();
            p.bet = Math.max(0, p.bet - u.amount());
        } else if (ev instanceof GameEvent.Street s) {
            street = s.street();
            collectBets();
            if (s.cards() != null) {
                board.addAll(s.cards());
            }
        } else if (ev instanceof GameEvent.PotAwarded pa) {
            collectBets();
            collectedPot = Math.max(0, collectedPot - pa.amount() - pa.rake());
            if (pa.shares() != null) {
                for (GameEvent.Share s : pa.shares()) {
                    player(s.seat()).stack += s.amount();
                }
            }
        } else if (ev instanceof GameEvent.HandEnded) {
            collectBets();
            collectedPot = 0;
            street = null;
            for (MutablePlayer p : players.values()) {
                p.inHand = false;
            }
        }
    }

    private void collectBets() {
        for (MutablePlayer p : players.values()) {
            collectedPot += p.bet;
            p.bet = 0;
        }
    }

    private MutablePlayer player(int seat) {
        return players.computeIfAbsent(seat, MutablePlayer::new);
    }

    public String table() {
        return table;
    }

    public String name() {
        return name;
    }

    public int seats() {
        return seats;
    }

    public long smallBlind() {
        return smallBlind;
    }

    public long bigBlind() {
        return bigBlind;
    }

    public long minBuyIn() {
        return minBuyIn;
    }

    public long maxBuyIn() {
        return maxBuyIn;
    }

    /** The last sequence number applied, -1 before the snapshot. */
    public long seq() {
        return seq;
    }

    /** The current (or last) hand number. */
    public long hand() {
        return hand;
    }

    /** preflop, flop, turn, river; null between hands. */
    public String street() {
        return street;
    }

    public Integer button() {
        return button;
    }

    /** The viewer's seat as the server reported it (snapshot or own hole cards), or null. */
    public Integer yourSeat() {
        return yourSeat;
    }

    public List<String> board() {
        return List.copyOf(board);
    }

    /** The viewer's hole cards in the current hand, or an empty list. */
    public List<String> holeCards() {
        return holeCards;
    }

    /** Chips in the middle: pots of earlier streets plus the bets of this one. */
    public long pot() {
        long total = collectedPot;
        for (MutablePlayer p : players.values()) {
            total += p.bet;
        }
        return total;
    }

    /** The highest bet on this street. */
    public long currentBet() {
        long max = 0;
        for (MutablePlayer p : players.values()) {
            max = Math.max(max, p.bet);
        }
        return max;
    }

    /** Occupied seats in seat order. */
    public List<Player> players() {
        List<Player> out = new ArrayList<>(players.size());
        for (MutablePlayer p : players.values()) {
            out.add(p.freeze());
        }
        return Collections.unmodifiableList(out);
    }

    /** The seat {@code account} occupies, or null. */
    public Integer seatOf(String account) {
        if (account == null) {
            return null;
        }
        for (MutablePlayer p : players.values()) {
            if (account.equals(p.account)) {
                return p.seat;
            }
        }
        return null;
    }

    /** Empty seats (0-based), in order; empty until a snapshot told the table size. */
    public List<Integer> freeSeats() {
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s < seats; s++) {
            if (!players.containsKey(s)) {
                free.add(s);
            }
        }
        return free;
    }

}
