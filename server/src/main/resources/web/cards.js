// Cards as the protocol writes them ("Ks", "Td") and as a person reads them (K♠, 10♦).
const SUITS = { s: '♠', h: '♥', d: '♦', c: '♣' };
const SUIT_NAMES = { s: 'spades', h: 'hearts', d: 'diamonds', c: 'clubs' };
const RANKS = { T: '10', J: 'J', Q: 'Q', K: 'K', A: 'A' };
const RANK_NAMES = { T: 'ten', J: 'jack', Q: 'queen', K: 'king', A: 'ace' };

/** A face-up card element; data-card keeps the protocol's code. */
export function cardElement(code) {
  const el = document.createElement('span');
  const suit = code[1];
  el.className = 'card ' + (suit === 'h' || suit === 'd' ? 'red' : 'black');
  el.dataset.card = code;
  el.textContent = (RANKS[code[0]] || code[0]) + SUITS[suit];
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', (RANK_NAMES[code[0]] || code[0]) + ' of ' + SUIT_NAMES[suit]);
  return el;
}

/** A face-down card: nothing about it is known to this page. */
export function cardBack() {
  const el = document.createElement('span');
  el.className = 'card back';
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', 'hidden card');
  return el;
}

export function cardText(code) {
  return (RANKS[code[0]] || code[0]) + SUITS[code[1]];
}
