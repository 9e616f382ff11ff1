package dev.poker.server.table;

import dev.poker.engine.TableEvent;
import dev.poker.engine.TableEvent.*;
import dev.poker.engine.cards.Card;
import dev.poker.protocol.GameEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns engine events into what clients may see. Hole cards go only to their owner; the shuffled
 * deck and salt never leave the server during a hand, and at the end only when the table reveals
 * decks. Events that concern nobody but the server have no view.
 *
 * <p>Concurrency: stateless.
 */
public final class EventViews {
    private EventViews() {}

    /**
     * The event as {@code ownerView} (true: the viewer owns the private part) sees it.
     *
     * @param names display names by account, for seat events
     */
    public static GameEvent view(TableEvent event, boolean ownerView, boolean revealDeck,
            java.util.function.Function<String, String> names) {
        if (event instanceof ActionTaken e) {
            return new GameEvent.ActionTaken(e.seat(), lower(e.action()), e.added(), e.betTo(), e.allIn(),
                    e.automatic());
        } else if (event instanceof TurnStarted e) {
            return new GameEvent.Turn(e.seat(), e.deadline());
        } else if (event instanceof ForcedBetPosted e) {
            return new GameEvent.ForcedBet(e.seat(), lower(e.kind()), e.amount(), e.allIn());
        } else if (event instanceof HoleCardsDealt e) {
            return new GameEvent.HoleCards(e.seat(), ownerView ? cards(e.cards()) : null);
        } else if (event instanceof StreetDealt e) {
            return new GameEvent.Street(lower(e.street()), cards(e.cards()));
        } else if (event instanceof HandStarted e) {
            return new GameEvent.HandStarted(e.handNumber(), e.button(), e.smallBlindSeat(), e.bigBlindSeat(),
                    e.dealtIn(), e.commitment());
        } else if (event instanceof PotAwarded e) {
            List<GameEvent.Share> shares = new ArrayList<>(e.shares().size());
            for (Share s : e.shares()) {
                shares.add(new GameEvent.Share(s.seat(), s.amount()));
            }
            return new GameEvent.PotAwarded(e.pot(), e.amount(), e.rake(), e.eligible(), shares);
        } else if (event instanceof HandEnded e) {
            return new GameEvent.HandEnded(e.handNumber(), e.commitment(),
                    revealDeck ? Card.format(e.deck()) : null, revealDeck ? e.salt() : null);
        } else if (event instanceof CardsShown e) {
            return new GameEvent.Shown(e.seat(), cards(e.cards()), e.description().isEmpty() ? null : e.description());
        } else if (event instanceof CardsMucked e) {
            return new GameEvent.Mucked(e.seat());
        } else if (event instanceof UncalledBetReturned e) {
            return new GameEvent.UncalledReturned(e.seat(), e.amount());
        } else if (event instanceof TimeBankStarted e) {
            return new GameEvent.TimeBank(e.seat(), e.deadline());
        } else if (event instanceof TimeBankUsed e) {
            return new GameEvent.TimeBankUsed(e.seat(), e.millis());
        } else if (event instanceof TimeBankRefilled e) {
            return new GameEvent.TimeBankRefilled(e.seat(), e.millis());
        } else if (event instanceof PlayerTimedOut e) {
            return new GameEvent.TimedOut(e.seat(), e.consecutive());
        } else if (event instanceof PlayerSeated e) {
            return new GameEvent.Seated(e.seat(), e.playerId(), names.apply(e.playerId()), e.stack());
        } else if (event instanceof PlayerLeft e) {
            return new GameEvent.Left(e.seat(), e.playerId(), e.chips());
        } else if (event instanceof LeaveRequested e) {
            return new GameEvent.Leaving(e.seat());
        } else if (event instanceof PlayerSatOut e) {
            return new GameEvent.SatOut(e.seat(), lower(e.reason()));
        } else if (event instanceof PlayerSatIn e) {
            return new GameEvent.SatIn(e.seat(), e.waitForBigBlind());
        } else if (event instanceof ChipsAdded e) {
            return new GameEvent.ChipsAdded(e.seat(), e.amount(), e.pending());
        } else if (event instanceof BlindsMissed e) {
            return new GameEvent.BlindsMissed(e.seat(), e.small(), e.big());
        }
        throw new IllegalArgumentException("no view for " + event.getClass().getSimpleName());
    }

    static List<String> cards(List<Card> cards) {
        List<String> out = new ArrayList<>(cards.size());
        for (Card c : cards) {
            out.add(c.toString());
        }
        return out;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
