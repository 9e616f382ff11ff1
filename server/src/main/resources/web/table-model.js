// One table as this page knows it: a snapshot, then events applied in seq order (protocol/README.md
// §4.4, §5). Only what the server sent is here: other players' hole cards exist only after `shown`.
export class TableModel {
  constructor(id, account) {
    this.id = id;
    this.account = account;
    this.seq = -1; // nothing yet
    this.players = new Map(); // seat -> player
    this.board = [];
    this.pots = [];
    this.potTotal = 0;
    this.winners = [];
    this.turn = null; // the current your_turn
    this.hand = 0;
    this.shown = false;
    this.handOver = false;
  }

  applySnapshot(seq, v) {
    this.seq = seq;
    Object.assign(this, {
      name: v.name, seats: v.seats, smallBlind: v.smallBlind, bigBlind: v.bigBlind, ante: v.ante,
      minBuyIn: v.minBuyIn, maxBuyIn: v.maxBuyIn, actionTimeMs: v.actionTimeMs, hand: v.hand,
      button: v.button, street: v.street, board: v.board || [], pots: v.pots || [], currentBet: v.currentBet,
      toAct: v.toAct, deadline: v.deadline, yourSeat: v.yourSeat, timeBank: false, winners: [], turn: null
    });
    this.potTotal = this.pots.reduce((a, p) => a + p.amount, 0);
    this.players = new Map();
    for (const p of v.players) {
      this.players.set(p.seat, { ...p, hasCards: p.inHand && !p.folded, handName: null });
    }
    this.shown = v.players.some((p) => p.cards && p.seat !== v.yourSeat);
    this.handOver = v.hand === 0;
  }

  /** Applies one event; returns a line for the hand log (or null). */
  applyEvent(seq, hand, e) {
    this.seq = seq;
    const p = this.players.get(e.seat);
    const who = p ? p.name : 'Seat ' + (e.seat + 1);
    switch (e.kind) {
      case 'seated':
        this.players.set(e.seat, { seat: e.seat, account: e.account, name: e.name, stack: e.stack, bet: 0,
          inHand: false, folded: false, allIn: false, sittingOut: false, connected: true, hasCards: false });
        if (e.account === this.account) this.yourSeat = e.seat;
        return e.name + ' sits down with ' + e.stack;
      case 'left':
        this.players.delete(e.seat);
        if (e.account === this.account) this.yourSeat = undefined;
        return who + ' leaves the table';
      case 'leaving':
        if (p) p.leaving = true;
        return who + ' is leaving after this hand';
      case 'sat_out':
        if (p) p.sittingOut = true;
        return who + ' sits out' + (e.reason === 'requested' ? '' : ' (' + e.reason + ')');
      case 'sat_in':
        if (p) p.sittingOut = false;
        return who + ' is back';
      case 'chips_added':
        if (p && !e.pending) p.stack += e.amount;
        return who + ' adds ' + e.amount + ' chips' + (e.pending ? ' (after this hand)' : '');
      case 'hand_started':
        Object.assign(this, { hand: e.hand, button: e.button, street: 'preflop', board: [], pots: [],
          potTotal: 0, currentBet: 0, winners: [], shown: false, handOver: false, toAct: undefined, turn: null });
        for (const q of this.players.values()) {
          Object.assign(q, { inHand: e.dealtIn.includes(q.seat), folded: false, allIn: false, bet: 0,
            cards: undefined, hasCards: false, handName: null, mucked: false });
        }
        return 'Hand #' + e.hand + ' starts';
      case 'forced_bet':
        if (p) {
          p.stack -= e.amount;
          if (['small_blind', 'big_blind', 'posted_big_blind'].includes(e.blind)) p.bet += e.amount;
          p.allIn = e.allIn;
          this.currentBet = Math.max(this.currentBet || 0, p.bet);
        }
        this.potTotal += e.amount;
        return who + ' posts ' + e.blind.replace(/_/g, ' ') + ' ' + e.amount;
      case 'hole_cards':
        if (p) {
          p.hasCards = true;
          if (e.cards) p.cards = e.cards;
        }
        return null;
      case 'turn':
        this.toAct = e.seat;
        this.deadline = e.deadline;
        this.timeBank = false;
        if (this.turn && this.turn.seat !== e.seat) this.turn = null;
        return null;
      case 'time_bank':
        this.deadline = e.deadline;
        this.timeBank = true;
        return who + ' is using the time bank';
      case 'time_bank_used':
        return null;
      case 'timed_out':
        return who + ' ran out of time';
      case 'action':
        if (p) {
          p.stack -= e.added;
          p.bet = e.betTo;
          p.allIn = e.allIn;
          if (e.action === 'fold') {
            p.folded = true;
            p.hasCards = false;
          }
          this.currentBet = Math.max(this.currentBet || 0, e.betTo);
        }
        this.potTotal += e.added;
        if (this.turn && this.turn.seat === e.seat) this.turn = null;
        this.toAct = undefined;
        return who + ' ' + actionWords(e);
      case 'uncalled_returned':
        if (p) {
          p.stack += e.amount;
          p.bet -= e.amount;
        }
        this.potTotal -= e.amount;
        return e.amount + ' returned to ' + who;
      case 'street':
        this.street = e.street;
        this.board = this.board.concat(e.cards);
        this.currentBet = 0;
        for (const q of this.players.values()) q.bet = 0;
        return e.street[0].toUpperCase() + e.street.slice(1) + ': ' + e.cards.join(' ');
      case 'shown':
        if (p) {
          p.cards = e.cards;
          p.handName = e.description || null;
        }
        this.shown = true;
        return who + ' shows' + (e.description ? ': ' + e.description : '');
      case 'mucked':
        if (p) p.mucked = true;
        return who + ' mucks';
      case 'pot_awarded':
        for (const s of e.shares) {
          const w = this.players.get(s.seat);
          if (w) w.stack += s.amount;
          this.winners.push({ seat: s.seat, name: w ? w.name : 'Seat ' + (s.seat + 1), amount: s.amount,
            pot: e.pot, handName: w ? w.handName : null });
        }
        return (e.pot === 0 ? 'Main pot' : 'Side pot ' + e.pot) + ' (' + e.amount + ') to '
          + e.shares.map((s) => (this.players.get(s.seat) || { name: 'seat ' + s.seat }).name).join(', ');
      case 'hand_ended':
        Object.assign(this, { handOver: true, street: undefined, toAct: undefined, turn: null, potTotal: 0 });
        for (const q of this.players.values()) q.bet = 0;
        return 'Hand #' + e.hand + ' ends';
      default:
        return null; // kinds this page does not know are skipped (the protocol says so)
    }
  }

  me() {
    return this.yourSeat === undefined ? null : this.players.get(this.yourSeat) || null;
  }
}

function actionWords(e) {
  const all = e.allIn ? ' (all-in)' : '';
  const auto = e.auto ? ' (auto)' : '';
  switch (e.action) {
    case 'fold': return 'folds' + auto;
    case 'check': return 'checks' + auto;
    case 'call': return 'calls ' + e.added + all;
    case 'bet': return 'bets ' + e.betTo + all;
    case 'raise': return 'raises to ' + e.betTo + all;
    default: return e.action;
  }
}
