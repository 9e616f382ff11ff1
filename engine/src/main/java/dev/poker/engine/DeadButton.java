package dev.poker.engine;

/**
 * Where the button and blinds go under the TDA dead-button rule ({@link ButtonRule#DEAD}).
 *
 * <p>The big blind moves forward exactly one seat each hand: to the next player after last hand's big
 * blind who can play (a player waiting for the big blind is dealt in when it reaches them; a player
 * sitting out is passed and owes it). The small blind goes to last hand's big-blind seat and the button
 * to last hand's small-blind seat (when the big blind went round past that seat, to the seat just before the
 * small blind). When the small-blind seat is empty, or its player cannot play this
 * hand, nobody posts the small blind; the button may sit on an empty seat. Players who come in (or come
 * back) between the button and the small blind wait until the button has passed them. Heads-up the
 * big blind still moves forward one player and the other player has the button and the small blind, so
 * nobody posts the big blind twice in a row; then the button is never dead.
 *
 * <p>Concurrency: stateless; runs on the thread that owns the state.
 */
final class DeadButton {
    private DeadButton() {}

    /**
     * The positions for the next hand, marking the big blind dealt in and the players who must wait not
     * dealt in; or null (and {@code dealt} unchanged) when the rule cannot place them: the first hand (no
     * last big blind), or fewer than two players left once those who must wait are left out (the moving
     * button places those hands).
     */
    static Positions place(TableState t, boolean[] ready, boolean[] dealt) {
        int n = t.seats.length;
        int lastBig = t.bigBlindSeat;
        int lastSmall = t.smallBlindSeat;
        if (lastBig < 0 || lastSmall < 0) {
            return null;
        }
        int bb = Seats.next(t, lastBig, (i, s) -> ready[i]);
        if (bb < 0 || bb == lastBig) {
            return null;
        }
        boolean[] playing = dealt.clone();
        playing[bb] = true;
        int button = lastSmall;
        int sb = lastBig;
        if (count(playing) == 2) {
            return headsUp(bb, playing, dealt);
        }
        if (bb == button || Seats.between(sb, button, bb, n)) {
            // the big blind went round past last hand's small blind (players left or busted): the button is
            // dead on the seat just before the small blind
            button = Math.floorMod(sb - 1, n);
        }
        // those who come in between the button and the small blind wait for the button to pass them
        for (int k = 1; k < n; k++) {
            int seat = Math.floorMod(button + k, n);
            if (seat == sb) {
                break;
            }
            playing[seat] = false;
        }
        SeatState small = t.seats[sb];
        if (small != null && (small.postBigBlind || small.missedBigBlind)) {
            playing[sb] = false; // owes a big blind: they wait for it rather than post a small blind
        }
        int players = count(playing);
        if (players < 2) {
            return null;
        }
        if (players == 2) {
            return headsUp(bb, playing, dealt);
        }
        System.arraycopy(playing, 0, dealt, 0, n);
        return new Positions(button, sb, bb, playing[sb]);
    }

    private static Positions headsUp(int bb, boolean[] playing, boolean[] dealt) {
        int other = -1;
        for (int i = 0; i < playing.length; i++) {
            if (playing[i] && i != bb) {
                other = i;
            }
        }
        System.arraycopy(playing, 0, dealt, 0, playing.length);
        return new Positions(other, other, bb, true);
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }

    /**
     * A hand's button and blinds. {@code smallBlindPosts} is false when the small blind is dead (nobody at
     * {@code smallBlind} is dealt in).
     */
    record Positions(int button, int smallBlind, int bigBlind, boolean smallBlindPosts) {}
}
