// Draws a TableModel into #table-view: seats, cards, board, pot, winners, the clock and the actions of
// the current your_turn. Buttons call back into the app (actions.sit, actions.act, ...).
import { cardBack, cardElement } from './cards.js';

const $ = (id) => document.getElementById(id);
const ACTION_LABELS = { fold: 'Fold', check: 'Check', call: 'Call', bet: 'Bet', raise: 'Raise to', all_in: 'All-in' };
const KEYS = { f: 'fold', c: ['check', 'call'], r: ['bet', 'raise'], a: 'all_in' };

export class TableView {
  constructor(actions, serverNow) {
    this.actions = actions;
    this.serverNow = serverNow;
    this.model = null;
    setInterval(() => this.drawClock(), 200);
    $('actions').addEventListener('submit', (e) => e.preventDefault());
    const range = $('amount-range');
    const amount = $('amount');
    range.addEventListener('input', () => { amount.value = range.value; });
    amount.addEventListener('input', () => { range.value = amount.value; });
    amount.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.clickAction(['bet', 'raise']);
      }
    });
    document.addEventListener('keydown', (e) => {
      const tag = (e.target.tagName || '').toLowerCase();
      if ($('actions').hidden || e.ctrlKey || e.metaKey || e.altKey || tag === 'input' || tag === 'select') return;
      const want = KEYS[e.key.toLowerCase()];
      if (want) {
        e.preventDefault();
        this.clickAction([].concat(want));
      }
    });
  }

  clickAction(kinds) {
    for (const k of kinds) {
      const b = document.querySelector('#action-buttons button[data-action="' + k + '"]');
      if (b) {
        b.click();
        return;
      }
    }
  }

  show(model) {
    this.model = model;
    this.draw();
  }

  draw() {
    const m = this.model;
    if (!m) return;
    const root = $('table-view');
    root.dataset.table = m.id;
    root.dataset.hand = String(m.hand || 0);
    root.dataset.street = m.street || '';
    root.dataset.shown = String(m.shown);
    root.dataset.seq = String(m.seq);
    root.dataset.seated = String(m.yourSeat !== undefined);
    $('table-name').textContent = m.name || m.id;
    $('table-stakes').textContent = m.smallBlind + '/' + m.bigBlind + (m.ante ? ' ante ' + m.ante : '')
      + ' · buy-in ' + m.minBuyIn + '–' + m.maxBuyIn;
    $('table-hand').textContent = m.hand ? 'Hand #' + m.hand + (m.street ? ' · ' + m.street : '') : 'Waiting for players';
    this.drawSeats(m);
    const board = $('board');
    board.replaceChildren(...m.board.map(cardElement));
    $('pot').textContent = m.potTotal > 0 ? 'Pot ' + m.potTotal : '';
    $('winners').replaceChildren(...m.winners.map((w) => {
      const d = document.createElement('div');
      d.className = 'winner';
      d.textContent = w.name + ' wins ' + w.amount + (w.pot > 0 ? ' (side pot ' + w.pot + ')' : '')
        + (w.handName ? ' with ' + w.handName : '');
      return d;
    }));
    const me = m.me();
    $('buyin').min = m.minBuyIn;
    $('buyin').max = m.maxBuyIn;
    if (!$('buyin').value) $('buyin').value = Math.min(m.maxBuyIn, Math.max(m.minBuyIn, 50 * m.bigBlind));
    for (const id of ['topup-go', 'leave', 'sitout', 'sitin']) $(id).hidden = !me;
    $('topup').parentElement.hidden = !me;
    $('buyin').parentElement.hidden = !!me;
    if (me) {
      $('sitout').hidden = me.sittingOut;
      $('sitin').hidden = !me.sittingOut;
    }
    this.drawActions(m);
    this.drawClock();
  }

  drawSeats(m) {
    const items = [];
    for (let s = 0; s < m.seats; s++) {
      const p = m.players.get(s);
      const li = document.createElement('li');
      li.className = 'seat';
      li.dataset.seat = String(s);
      if (!p) {
        li.classList.add('empty');
        if (m.yourSeat === undefined && this.actions.signedIn()) {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'sit';
          b.textContent = 'Sit here (seat ' + (s + 1) + ')';
          b.addEventListener('click', () => this.actions.sit(s));
          li.append(b);
        } else {
          li.textContent = 'Seat ' + (s + 1) + ': empty';
        }
        items.push(li);
        continue;
      }
      li.dataset.account = p.account;
      li.classList.toggle('me', s === m.yourSeat);
      li.classList.toggle('to-act', s === m.toAct);
      li.classList.toggle('folded', !!p.folded);
      li.classList.toggle('out', !!p.sittingOut);
      const name = document.createElement('div');
      name.className = 'name';
      name.textContent = p.name + (s === m.button ? ' (D)' : '') + (s === m.yourSeat ? ' · you' : '');
      const info = document.createElement('div');
      info.className = 'info';
      info.textContent = 'Stack ' + p.stack + (p.bet ? ' · bet ' + p.bet : '') + (p.allIn ? ' · all-in' : '')
        + (p.folded ? ' · folded' : '') + (p.sittingOut ? ' · sitting out' : '')
        + (p.connected === false ? ' · away' : '');
      const cards = document.createElement('div');
      cards.className = 'cards';
      if (p.cards) {
        cards.append(...p.cards.map(cardElement));
      } else if (p.hasCards && !m.handOver) {
        cards.append(cardBack(), cardBack());
      }
      li.append(name, info, cards);
      if (p.handName) {
        const h = document.createElement('div');
        h.className = 'hand-name';
        h.textContent = p.handName;
        li.append(h);
      }
      items.push(li);
    }
    $('seats').replaceChildren(...items);
  }

  drawActions(m) {
    const form = $('actions');
    const t = m.turn;
    if (!t) {
      form.hidden = true;
      return;
    }
    const wasHidden = form.hidden;
    form.hidden = false;
    const buttons = t.actions.map((a) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.action = a;
      b.textContent = a === 'call' ? 'Call ' + t.callAmount : a === 'all_in' ? 'All-in ' + t.maxTo : ACTION_LABELS[a];
      b.addEventListener('click', () => {
        const amount = Number($('amount').value);
        if ((a === 'bet' || a === 'raise') && !(amount >= t.minTo && amount <= t.maxTo)) {
          this.actions.alert('Choose an amount from ' + t.minTo + ' to ' + t.maxTo + '.');
          return;
        }
        this.actions.act(t, a, a === 'bet' || a === 'raise' ? amount : undefined);
      });
      return b;
    });
    $('action-buttons').replaceChildren(...buttons);
    const canSize = t.actions.includes('bet') || t.actions.includes('raise');
    $('amount-row').hidden = !canSize;
    if (canSize) {
      for (const id of ['amount-range', 'amount']) {
        $(id).min = t.minTo;
        $(id).max = t.maxTo;
        $(id).step = 1;
      }
      const v = Number($('amount').value);
      if (wasHidden || !(v >= t.minTo && v <= t.maxTo)) {
        $('amount').value = t.minTo;
        $('amount-range').value = t.minTo;
      }
    }
    if (wasHidden && buttons.length) buttons[buttons.length > 1 ? 1 : 0].focus();
  }

  drawClock() {
    const m = this.model;
    const clock = $('clock');
    if (!m || m.toAct === undefined || !m.deadline) {
      clock.hidden = true;
      return;
    }
    clock.hidden = false;
    const left = Math.max(0, m.deadline - this.serverNow());
    const total = m.timeBank ? Math.max(left, (m.turn && m.turn.timeBankMs) || left) : m.actionTimeMs || 15000;
    const p = m.players.get(m.toAct);
    $('clock-bar').style.width = Math.min(100, (100 * left) / Math.max(1, total)) + '%';
    clock.classList.toggle('bank', !!m.timeBank);
    $('clock-text').textContent = (p ? p.name : 'Seat ' + (m.toAct + 1)) + ': ' + (left / 1000).toFixed(1) + ' s'
      + (m.timeBank ? ' (time bank)' : '')
      + (m.turn && !m.timeBank ? ' · time bank ' + Math.round(m.turn.timeBankMs / 1000) + ' s' : '');
  }
}
