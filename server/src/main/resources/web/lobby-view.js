// The lobby: the table list with its filters (stakes, seats, game), kept fresh by asking every few
// seconds, the create-table form, and the player's recent hands from the hand-history API.
const $ = (id) => document.getElementById(id);

export class LobbyView {
  constructor(actions) {
    this.actions = actions;
    this.tables = [];
    for (const id of ['f-stakes', 'f-seats', 'f-game']) $(id).addEventListener('change', () => this.draw());
    $('create-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const num = (id) => Number($(id).value);
      const msg = {
        type: 'create_table', name: $('ct-name').value, seats: num('ct-seats'), smallBlind: num('ct-sb'),
        bigBlind: num('ct-bb'), minBuyIn: num('ct-min'), maxBuyIn: num('ct-max'),
        actionTimeMs: num('ct-clock') * 1000
      };
      if (num('ct-ante') > 0) msg.ante = num('ct-ante');
      this.actions.createTable(msg);
    });
    $('hands-refresh').addEventListener('click', () => this.loadHands());
  }

  setTables(tables) {
    const same = JSON.stringify(tables) === JSON.stringify(this.tables);
    this.tables = tables;
    if (same) return; // keep the list (and the keyboard focus in it) as it is
    fillSelect($('f-stakes'), tables.map((t) => t.smallBlind + '/' + t.bigBlind));
    fillSelect($('f-seats'), tables.map((t) => String(t.seats)));
    fillSelect($('f-game'), tables.map(gameOf));
    this.draw();
  }

  draw() {
    const stakes = $('f-stakes').value;
    const seats = $('f-seats').value;
    const game = $('f-game').value;
    const shown = this.tables.filter((t) => (!stakes || t.smallBlind + '/' + t.bigBlind === stakes)
      && (!seats || String(t.seats) === seats) && (!game || gameOf(t) === game));
    $('tables').replaceChildren(...shown.map((t) => {
      const li = document.createElement('li');
      li.className = 'table-row';
      li.dataset.table = t.id;
      const text = document.createElement('span');
      text.textContent = t.name + ' · ' + gameOf(t) + ' ' + t.smallBlind + '/' + t.bigBlind
        + (t.ante ? ' ante ' + t.ante : '') + ' · ' + t.players + '/' + t.seats + ' players · buy-in '
        + t.minBuyIn + '–' + t.maxBuyIn + ' · ' + t.handsPlayed + ' hands';
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'watch';
      b.textContent = 'Open';
      b.setAttribute('aria-label', 'Open table ' + t.name);
      b.addEventListener('click', () => this.actions.openTable(t.id));
      li.append(text, b);
      return li;
    }));
    $('no-tables').hidden = shown.length > 0;
  }

  /** GET /api/players/{account}/hands with the session token; each hand opens its PHH history. */
  loadHands() {
    const token = this.actions.token();
    const account = this.actions.account();
    if (!token || !account) return;
    fetch('/api/players/' + encodeURIComponent(account) + '/hands', { headers: { Authorization: 'Bearer ' + token } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((body) => {
        $('hands').replaceChildren(...body.hands.slice(0, 20).map((h) => {
          const li = document.createElement('li');
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = 'Hand ' + h.number + ' at ' + h.table + ': ' + (h.net > 0 ? '+' : '') + h.net
            + ' (pot ' + h.pot + ')';
          b.addEventListener('click', () => this.showHand(h.hand, token));
          li.append(b);
          return li;
        }));
        if (body.hands.length === 0) $('hands').textContent = 'No hands yet.';
      })
      .catch((e) => { $('hands').textContent = 'Hand history unavailable (' + e.message + ').'; });
  }

  showHand(hand, token) {
    fetch('/api/hands/' + encodeURIComponent(hand), { headers: { Authorization: 'Bearer ' + token } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((text) => {
        $('hand-text').hidden = false;
        $('hand-text').textContent = text;
        $('hand-text').focus();
      })
      .catch((e) => this.actions.alert('That hand could not be loaded (' + e.message + ').'));
  }
}

function gameOf(t) {
  return t.game ? String(t.game) : "Hold'em";
}

function fillSelect(select, values) {
  const keep = select.value;
  const unique = [...new Set(values)].sort();
  const options = [new Option('all', '')].concat(unique.map((v) => new Option(v, v)));
  select.replaceChildren(...options);
  select.value = unique.includes(keep) ? keep : '';
}
