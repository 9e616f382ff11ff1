package dev.poker.server.table;

import dev.poker.engine.Pot;
import dev.poker.engine.SeatState;
import dev.poker.engine.TableConfig;
import dev.poker.engine.TableState;
import dev.poker.protocol.TableView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole table as one viewer may see it: their own hole cards, and others' only once shown.
 *
 * <p>Concurrency: stateless; call on the thread that owns the state.
 */
final class Snapshots {
    private Snapshots() {}

    static TableView view(String tableId, String name, TableState s, String viewer, Set<String> connected,
            Function<String, String> names) {
        TableConfig c = s.config();
        List<TableView.SeatView> seats = new ArrayList<>();
        Integer yourSeat = null;
        for (int i = 0; i < s.seatCount(); i++) {
            SeatState seat = s.seat(i);
            if (seat == null) {
                continue;
            }
            boolean mine = seat.playerId().equals(viewer);
            if (mine) {
                yourSeat = i;
            }
            List<String> cards = !seat.holeCards().isEmpty() && (mine || seat.shown())
                    ? EventViews.cards(seat.holeCards()) : null;
            seats.add(new TableView.SeatView(i, seat.playerId(), names.apply(seat.playerId()), seat.stack(),
                    seat.streetBet(), seat.inHand(), seat.folded(), seat.allIn(), seat.sittingOut(),
                    connected.contains(seat.playerId()), cards));
        }
        List<TableView.PotView> pots = new ArrayList<>();
        if (s.handRunning()) {
            for (Pot p : s.pots()) {
                pots.add(new TableView.PotView(p.amount(), p.eligible()));
            }
        }
        boolean running = s.handRunning();
        return new TableView(tableId, name, c.seats(), c.smallBlind(), c.bigBlind(), c.ante(),
                EventViews.lower(c.anteType()), c.minBuyIn(), c.maxBuyIn(), c.actionTimeMs(),
                running ? s.handNumber() : 0, s.button() < 0 ? null : s.button(),
                running ? EventViews.lower(s.street()) : null, EventViews.cards(s.board()), pots,
                running ? s.currentBet() : null, s.toAct() < 0 ? null : s.toAct(),
                s.toAct() < 0 ? null : s.deadline(), running ? s.commitment() : null, seats, yourSeat,
                c.game().wireName());
    }

    /** The lobby's line for a table. */
    static dev.poker.protocol.TableSummary summary(String tableId, String name, TableState s) {
        int players = 0;
        for (int i = 0; i < s.seatCount(); i++) {
            if (s.seat(i) != null) {
                players++;
            }
        }
        TableConfig c = s.config();
        return new dev.poker.protocol.TableSummary(tableId, name, c.seats(), players, c.smallBlind(), c.bigBlind(),
                c.ante(), c.minBuyIn(), c.maxBuyIn(), s.handsCompleted(), c.game().wireName());
    }
}
