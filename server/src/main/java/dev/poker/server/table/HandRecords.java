package dev.poker.server.table;

import dev.poker.engine.TableConfig;
import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import dev.poker.engine.phh.PhhWriter;
import dev.poker.server.store.CompletedHand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the hand-history record of a completed hand from its events: each player's net result, the
 * pot, the rake, the board, and the PHH text as anyone may see it (only cards that were shown).
 *
 * <p>Concurrency: stateless.
 */
final class HandRecords {
    private HandRecords() {}

    static CompletedHand completed(String tableId, String tableName, TableConfig config, long handNumber,
            long firstSeq, long lastSeq, long startedAt, long endedAt, List<TableEvent> events) {
        HandStarted start = (HandStarted) events.get(0);
        Map<Integer, Long> net = new LinkedHashMap<>();
        Map<Integer, String> players = new LinkedHashMap<>();
        for (int i = 0; i < start.dealtIn().size(); i++) {
            net.put(start.dealtIn().get(i), 0L);
            players.put(start.dealtIn().get(i), start.players().get(i));
        }
        long pot = 0;
        long rake = 0;
        List<Card> board = new ArrayList<>(5);
        for (TableEvent e : events) {
            if (e instanceof ForcedBetPosted f) {
                net.merge(f.seat(), -f.amount(), Long::sum);
            } else if (e instanceof ActionTaken a) {
                net.merge(a.seat(), -a.added(), Long::sum);
            } else if (e instanceof UncalledBetReturned u) {
                net.merge(u.seat(), u.amount(), Long::sum);
            } else if (e instanceof PotAwarded p) {
                pot += p.amount();
                rake += p.rake();
                for (Share s : p.shares()) {
                    net.merge(s.seat(), s.amount(), Long::sum);
                }
            } else if (e instanceof StreetDealt s) {
                board.addAll(s.cards());
            }
        }
        List<CompletedHand.Participant> participants = new ArrayList<>();
        players.forEach((seat, account) -> participants.add(new CompletedHand.Participant(account, seat, net.get(seat))));
        String phh = PhhWriter.export(events, config, seat -> false, tableName);
        return new CompletedHand(tableId, handNumber, firstSeq, lastSeq, startedAt, endedAt, pot, rake,
                Card.format(board), phh, List.copyOf(participants));
    }
}
