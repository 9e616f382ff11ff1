// The page: signs in (guest name, or the saved token), shows the lobby or a table, and routes the
// server's messages to the table being shown. The table open in this tab is kept in sessionStorage so
// a reload comes back to it; the token is kept in localStorage so the account survives.
import { Connection, newActionId } from './connection.js';
import { CLOSE_TEXT, describeError } from './messages.js';
import { LobbyView } from './lobby-view.js';
import { TableModel } from './table-model.js';
import { TableView } from './table-view.js';

const $ = (id) => document.getElementById(id);
const TABLE_KEY = 'poker.table';
const LOG_LINES = 60;

let me = null; // the welcome
let model = null; // the table shown
let joining = null; // a join in flight
let lobbyTimer = null;

const wsUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
const conn = new Connection(wsUrl, {
  onStatus: (state, text, code) => {
    $('status').dataset.state = state;
    $('status').textContent = text;
    if (state === 'offline' && CLOSE_TEXT[code] && code !== 1006) alert(CLOSE_TEXT[code] + ' Reconnecting…');
  },
  onSignedOut: (error) => {
    me = null;
    $('me').hidden = true;
    if (error) alert(describeError(error));
    showSection('login');
    $('name').focus();
  },
  onWelcome: (w) => {
    me = w;
    $('me').hidden = false;
    $('me-name').textContent = w.name;
    $('me-balance').textContent = w.balance;
  },
  onOpen: () => {
    const table = sessionStorage.getItem(TABLE_KEY);
    if (table) {
      join(table, model && model.id === table && model.seq >= 0 ? model.seq : undefined);
    } else {
      showLobby();
    }
  },
  onMessage: receive
});

const actions = {
  signedIn: () => !!me,
  token: () => conn.token,
  account: () => (me ? me.account : null),
  alert: alert,
  openTable: (id) => join(id),
  createTable: (msg) => conn.request(msg).then((ack) => {
    alert('Table created.', 'info');
    join(ack.table);
  }, fail),
  sit: (seat) => conn.request({ type: 'sit', table: model.id, seat: seat, buyIn: Number($('buyin').value) })
    .catch(fail),
  act: (turn, action, amount) => {
    model.turn = null;
    tableView.draw();
    const msg = { type: 'act', table: turn.table, hand: turn.hand, action: action, actionId: newActionId() };
    if (amount !== undefined) msg.amount = amount;
    conn.request(msg).catch((error) => {
      if (model && !model.turn && model.hand === turn.hand && model.toAct === turn.seat) {
        model.turn = turn; // still this player's decision: offer it again
        tableView.draw();
      }
      fail(error);
    });
  }
};

const lobbyView = new LobbyView(actions);
const tableView = new TableView(actions, () => conn.serverNow());

function alert(text, kind) {
  const box = $('alert');
  box.textContent = text;
  box.dataset.kind = kind || 'error';
  box.hidden = false;
  clearTimeout(alert.timer);
  alert.timer = setTimeout(() => { box.hidden = true; }, 8000);
}

function fail(error) {
  if (error && error.code) alert(describeError(error));
}

function showSection(name) {
  for (const id of ['login', 'lobby', 'table-view']) $(id).hidden = id !== name;
}

function showLobby() {
  sessionStorage.removeItem(TABLE_KEY);
  showSection('lobby');
  refreshLobby();
  lobbyView.loadHands();
  clearInterval(lobbyTimer);
  lobbyTimer = setInterval(refreshLobby, 3000); // the lobby has no push: ask every 3 s while it is shown
}

function refreshLobby() {
  if ($('lobby').hidden) return;
  conn.request({ type: 'list_tables' }, true).then((m) => lobbyView.setTables(m.tables), () => {});
}

/** join with lastSeq when this page has seen the table (catch-up), else for a snapshot. */
function join(table, lastSeq) {
  clearInterval(lobbyTimer);
  sessionStorage.setItem(TABLE_KEY, table);
  if (!model || model.id !== table) {
    model = new TableModel(table, me && me.account);
    $('log').replaceChildren();
  }
  model.account = me && me.account;
  showSection('table-view');
  const msg = { type: 'join', table: table };
  if (lastSeq !== undefined) msg.lastSeq = lastSeq;
  joining = conn.request(msg).then(() => {
    joining = null;
    tableView.show(model);
  }, (error) => {
    joining = null;
    fail(error);
    if (error.code === 'TABLE_NOT_FOUND') showLobby();
    else if (error.retryable) setTimeout(() => join(table, lastSeq), 1000);
  });
}

function leaveTableView() {
  if (model) conn.request({ type: 'unwatch', table: model.id }).catch(() => {});
  model = null;
  showLobby();
}

function receive(msg) {
  switch (msg.type) {
    case 'balance':
      if (me) $('me-balance').textContent = msg.balance;
      return;
    case 'reconnect':
      alert('The server is restarting; reconnecting…', 'info');
      return;
    case 'error':
      if (!msg.id) fail(msg);
      return;
    case 'snapshot':
      if (model && msg.table === model.id) {
        model.applySnapshot(msg.seq, msg.view);
        tableView.show(model);
      }
      return;
    case 'event':
      if (!model || msg.table !== model.id) return;
      if (msg.seq <= model.seq) return; // already applied
      if (model.seq >= 0 && msg.seq !== model.seq + 1) { // a gap: start again from a snapshot
        conn.request({ type: 'unwatch', table: model.id }).then(() => join(model.id), () => {});
        return;
      }
      log(model.applyEvent(msg.seq, msg.hand, msg.event));
      if (!joining) tableView.draw();
      return;
    case 'your_turn':
      if (model && msg.table === model.id && msg.hand === model.hand) {
        model.turn = msg;
        if (!joining) tableView.draw();
      }
      return;
    default:
      // acks are answered through their promises; unknown types are skipped
  }
}

function log(line) {
  if (!line) return;
  const li = document.createElement('li');
  li.textContent = line;
  const list = $('log');
  list.prepend(li);
  while (list.children.length > LOG_LINES) list.lastChild.remove();
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  conn.signIn($('name').value).catch((error) => {
    fail(error);
    $('name').focus();
  });
});
$('back').addEventListener('click', leaveTableView);
$('home').addEventListener('click', (e) => {
  e.preventDefault();
  if (me) leaveTableView();
});
$('topup-go').addEventListener('click', () => conn.request({ type: 'top_up', table: model.id,
  amount: Number($('topup').value) }).catch(fail));
$('leave').addEventListener('click', () => conn.request({ type: 'leave', table: model.id }).catch(fail));
$('sitout').addEventListener('click', () => conn.request({ type: 'sit_out', table: model.id }).catch(fail));
$('sitin').addEventListener('click', () => conn.request({ type: 'sit_in', table: model.id }).catch(fail));

conn.start();
