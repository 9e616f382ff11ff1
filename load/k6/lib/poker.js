// Shared protocol logic of the k6 scripts (load/k6-*.js): a poker.v1 player as a state machine.
//
// It imports nothing from k6, so it runs unchanged in k6 (0.48+) and in Node (its unit tests). A script
// gives it an `io` for the current connection ({ send(text), setTimeout(fn, ms), close(), now() }) and
// feeds it the socket's events: onOpen(), onMessage(text), onClose(code). Metrics go to optional
// callbacks (`metrics`), so each script decides what to record.
//
// What the player does, following protocol/README.md:
//   hello -> list_tables -> join the fullest matching table with a free seat (or create_table)
//   -> sit on a free seat with a legal buy-in -> on your_turn, after the think time, act with a legal
//   action (bet/raise "to" amounts within [minTo, maxTo]) and a fresh actionId; a repeated prompt for the
//   same decision re-sends the same actionId. Busted: top_up then sit_in; sat out for timeouts: sit_in.
//   On a new connection after a drop: hello {token}, join {lastSeq}, re-send an unanswered act.
//
// Written for k6's JavaScript runtime: no optional chaining, no class fields, no async.

export var SUBPROTOCOL = 'poker.v1';

// Error codes a correct client never gets: the script broke the protocol if one comes back.
export var PROTOCOL_ERROR_CODES = [
  'BAD_JSON', 'UNKNOWN_TYPE', 'INVALID_MESSAGE', 'NOT_AUTHENTICATED', 'ALREADY_AUTHENTICATED',
  'INVALID_SEAT', 'BUY_IN_OUT_OF_RANGE', 'INVALID_AMOUNT', 'BELOW_MIN_BET', 'BELOW_MIN_RAISE',
  'INSUFFICIENT_CHIPS', 'CANNOT_CHECK', 'NOTHING_TO_CALL', 'RAISE_NOT_ALLOWED', 'BET_NOT_ALLOWED',
  'NOT_IN_HAND', 'NOT_YOUR_TURN', 'WRONG_HAND', 'ABOVE_MAX_BUY_IN'
];

export function isProtocolError(code) {
  return PROTOCOL_ERROR_CODES.indexOf(code) >= 0;
}

// The ws.connect params: the subprotocol header, and tags for k6's built-in metrics.
export function wsParams(tags) {
  return { headers: { 'Sec-WebSocket-Protocol': SUBPROTOCOL }, tags: tags || {} };
}

// BASE_URL may list several nodes, comma-separated.
export function parseUrls(text) {
  var list = String(text || 'ws://127.0.0.1:8080/ws').split(',');
  var out = [];
  for (var i = 0; i < list.length; i++) {
    var u = list[i].trim();
    if (u) {
      out.push(u);
    }
  }
  return out;
}

// '90s', '1m30s', '500ms', '2h', '45' (seconds) -> milliseconds.
export function parseDuration(text, fallbackMs) {
  if (text === undefined || text === null || text === '') {
    return fallbackMs;
  }
  var s = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    return Math.round(parseFloat(s) * 1000);
  }
  var re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  var total = 0;
  var matched = '';
  var m;
  while ((m = re.exec(s)) !== null) {
    var n = parseFloat(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60000 : n * 3600000;
    matched += m[0];
  }
  if (matched !== s) {
    throw new Error('not a duration: ' + text);
  }
  return Math.round(total);
}

export function intEnv(env, name, fallback) {
  var v = env[name];
  if (v === undefined || v === '') {
    return fallback;
  }
  var n = parseInt(v, 10);
  if (isNaN(n)) {
    throw new Error(name + ' must be a whole number, not ' + v);
  }
  return n;
}

// A small seeded generator (mulberry32), so a VU's choices can be repeated.
export function rng(seed) {
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    var t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function has(list, x) {
  return list && list.indexOf(x) >= 0;
}

// Whether a decision is a legal answer to a your_turn: an offered action; bet and raise carry a "to"
// amount within [minTo, maxTo] (and only they carry one).
export function isLegal(decision, turn) {
  if (!decision || !turn || !has(turn.actions, decision.action)) {
    return false;
  }
  if (decision.action === 'bet' || decision.action === 'raise') {
    var a = decision.amount;
    return typeof a === 'number' && Math.floor(a) === a && a > 0 && a >= turn.minTo && a <= turn.maxTo;
  }
  return decision.amount === undefined;
}

// A loose-passive decision, always legal: mostly check or call, sometimes a bet or raise between the
// minimum and three times it (capped at maxTo), rarely a fold to a bet, very rarely all-in.
export function decide(turn, random) {
  var r = random();
  var a = turn.actions || [];
  var canBet = (has(a, 'bet') || has(a, 'raise')) && turn.minTo > 0 && turn.minTo <= turn.maxTo;
  var betWord = has(a, 'bet') ? 'bet' : 'raise';
  if (canBet && r < 0.15) {
    var hi = Math.min(turn.maxTo, turn.minTo * 3);
    var amount = turn.minTo + Math.floor(random() * (hi - turn.minTo + 1));
    return { action: betWord, amount: Math.max(turn.minTo, Math.min(turn.maxTo, amount)) };
  }
  if (has(a, 'all_in') && r > 0.995) {
    return { action: 'all_in' };
  }
  if (has(a, 'check')) {
    return { action: 'check' };
  }
  if (has(a, 'call') && r < 0.85) {
    return { action: 'call' };
  }
  if (has(a, 'fold')) {
    return { action: 'fold' };
  }
  return passive(turn);
}

// check, else call, else fold, else all-in, else the minimum bet or raise.
export function passive(turn) {
  var a = turn.actions || [];
  var order = ['check', 'call', 'fold', 'all_in'];
  for (var i = 0; i < order.length; i++) {
    if (has(a, order[i])) {
      return { action: order[i] };
    }
  }
  if ((has(a, 'bet') || has(a, 'raise')) && turn.minTo > 0 && turn.minTo <= turn.maxTo) {
    return { action: has(a, 'bet') ? 'bet' : 'raise', amount: turn.minTo };
  }
  return null;
}

// The buy-in: buyInBB big blinds, clamped to the table's range and to the balance; 0 when the balance
// does not reach the minimum.
export function buyIn(table, balance, buyInBB) {
  var target = Math.max(table.minBuyIn, Math.min(table.maxBuyIn, table.bigBlind * buyInBB));
  var amount = balance >= 0 ? Math.min(target, balance) : target;
  return amount < table.minBuyIn ? 0 : amount;
}

var DEFAULTS = {
  name: 'k6',
  seats: 6,
  smallBlind: 1,
  bigBlind: 2,
  minBuyIn: 40,
  maxBuyIn: 200,
  buyInBB: 100,
  thinkMinMs: 0,
  thinkMaxMs: 0,
  tablePrefix: 'k6',
  retryDelayMs: 500
};

// One simulated player across its connections.
export function Player(config, metrics) {
  this.cfg = {};
  var k;
  for (k in DEFAULTS) {
    this.cfg[k] = DEFAULTS[k];
  }
  for (k in config || {}) {
    if (config[k] !== undefined) {
      this.cfg[k] = config[k];
    }
  }
  this.m = metrics || {};
  this.random = this.cfg.random || Math.random;
  this.io = null;
  this.state = 'new';          // new, hello, lobby, joining, sitting, seated, leaving, done, broke
  this.reqs = 0;
  this.pending = {};           // request id -> { type, at, ... }
  this.token = null;
  this.account = null;
  this.balance = -1;
  this.table = null;           // the table id we play at (or are joining)
  this.tableInfo = null;       // seats, blinds, buy-in range (from the snapshot)
  this.occupied = {};          // seat -> account
  this.seat = -1;
  this.lastSeq = -1;
  this.turnToken = 0;
  this.act = null;             // { actionId, hand, message, intendedAt, sentAt, inFlight, fallback }
  this.actions = 0;
  this.actionSeq = 0;
  this.sitTries = 0;
  this.openedAt = 0;
  this.seatedOnce = false;
  // reconnects
  this.connections = 0;
  this.droppedAt = -1;
  this.reconnectedAt = -1;
  this.lastActionAt = -1;
  this.waitingForResume = false;
  this.waitingForTableAction = false;
  this.finished = false;
}

Player.prototype.call = function (name) {
  var f = this.m[name];
  if (typeof f === 'function') {
    f.apply(null, Array.prototype.slice.call(arguments, 1));
  }
};

Player.prototype.now = function () {
  return this.io ? this.io.now() : Date.now();
};

// A new connection (the first one, or one after a drop).
Player.prototype.attach = function (io) {
  this.io = io;
  this.pending = {};
  this.connections++;
};

Player.prototype.send = function (msg) {
  if (!this.io) {
    return;
  }
  this.io.send(JSON.stringify(msg));
};

Player.prototype.request = function (msg, extra) {
  var id = 'r' + (++this.reqs);
  msg.id = id;
  var p = { type: msg.type, at: this.now() };
  for (var k in extra || {}) {
    p[k] = extra[k];
  }
  this.pending[id] = p;
  this.send(msg);
  return id;
};

Player.prototype.later = function (fn, ms) {
  if (this.io) {
    this.io.setTimeout(fn, Math.max(1, ms));
  }
};

Player.prototype.onOpen = function () {
  this.openedAt = this.now();
  this.state = 'hello';
  if (this.token) {
    this.request({ type: 'hello', token: this.token });
  } else {
    this.request({ type: 'hello', name: this.cfg.name });
  }
};

Player.prototype.onClose = function (code) {
  var expected = this.state === 'leaving' || this.state === 'done' || this.finished;
  if (!expected) {
    this.droppedAt = this.now();
    this.waitingForResume = true;
    this.call('disconnected', code);
  }
  if (this.act) {
    this.act.inFlight = false;
  }
  this.io = null;
  this.pending = {};
};

Player.prototype.protocolError = function (code, detail) {
  this.call('protocolError', code, detail);
};

Player.prototype.onMessage = function (text) {
  var msg;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    this.protocolError('BAD_FRAME', String(text).substring(0, 80));
    return;
  }
  if (!msg || typeof msg.type !== 'string') {
    this.protocolError('BAD_FRAME', String(text).substring(0, 80));
    return;
  }
  var req = msg.id !== undefined ? this.pending[msg.id] : undefined;
  if (req && (msg.type === 'ack' || msg.type === 'error' || msg.type === 'welcome' || msg.type === 'tables'
      || msg.type === 'pong')) {
    delete this.pending[msg.id];
  }
  switch (msg.type) {
    case 'welcome': return this.onWelcome(msg, req);
    case 'tables': return this.onTables(msg, req);
    case 'ack': return this.onAck(msg, req);
    case 'error': return this.onError(msg, req);
    case 'snapshot': return this.onSnapshot(msg);
    case 'event': return this.onEvent(msg);
    case 'your_turn': return this.onYourTurn(msg);
    case 'balance':
      this.balance = msg.balance;
      return undefined;
    case 'pong':
      if (req) {
        this.call('request', 'ping', true, this.now() - req.at);
      }
      return undefined;
    case 'reconnect':
      this.call('serverReconnect', msg.reason);
      return undefined;
    default:
      return undefined; // newer message types are ignored
  }
};

Player.prototype.onWelcome = function (msg, req) {
  this.call('request', 'hello', true, req ? this.now() - req.at : 0);
  this.token = msg.token;
  this.account = msg.account;
  this.balance = msg.balance;
  if (this.waitingForResume) {
    this.reconnectedAt = this.now();
  }
  if (this.table) {
    this.state = 'joining';
    var join = { type: 'join', table: this.table };
    if (this.lastSeq >= 0) {
      join.lastSeq = this.lastSeq;
    }
    this.request(join, { table: this.table, resume: true });
  } else {
    this.lobby();
  }
};

Player.prototype.lobby = function () {
  this.state = 'lobby';
  this.table = null;
  this.tableInfo = null;
  this.seat = -1;
  this.lastSeq = -1;
  this.occupied = {};
  this.act = null;
  this.request({ type: 'list_tables' });
};

Player.prototype.matches = function (t) {
  return t.seats === this.cfg.seats && t.smallBlind === this.cfg.smallBlind && t.bigBlind === this.cfg.bigBlind
      && t.players < t.seats;
};

Player.prototype.onTables = function (msg, req) {
  this.call('request', 'list_tables', true, req ? this.now() - req.at : 0);
  if (this.state !== 'lobby') {
    return;
  }
  var best = null;
  var list = msg.tables || [];
  for (var i = 0; i < list.length; i++) {
    var t = list[i];
    if (this.matches(t) && (best === null || t.players > best.players)) {
      best = t;
    }
  }
  if (best) {
    this.join(best.id);
    return;
  }
  // players start together and each would open its own table: with its VU number known, only the
  // first of every `seats` VUs opens one; the others look again for a few seconds first
  if (this.cfg.vu && (this.cfg.vu - 1) % this.cfg.seats !== 0 && (this.lobbyWaits || 0) < 20) {
    this.lobbyWaits = (this.lobbyWaits || 0) + 1;
    var self = this;
    this.later(function () {
      if (self.state === 'lobby') {
        self.request({ type: 'list_tables' });
      }
    }, 250);
    return;
  }
  var name = this.cfg.tablePrefix + '-' + this.cfg.name + '-' + Math.floor(this.random() * 1e6).toString(36);
  this.request({
    type: 'create_table', name: name.substring(0, 64), seats: this.cfg.seats, smallBlind: this.cfg.smallBlind,
    bigBlind: this.cfg.bigBlind, minBuyIn: this.cfg.minBuyIn, maxBuyIn: this.cfg.maxBuyIn
  });
};

Player.prototype.join = function (table) {
  this.state = 'joining';
  this.table = table;
  this.lastSeq = -1;
  this.occupied = {};
  this.sitTries = 0;
  this.request({ type: 'join', table: table }, { table: table });
};

Player.prototype.onSnapshot = function (msg) {
  if (msg.table !== this.table) {
    return;
  }
  this.tableMessage();
  var v = msg.view || {};
  this.lastSeq = msg.seq;
  this.tableInfo = {
    seats: v.seats, smallBlind: v.smallBlind, bigBlind: v.bigBlind, minBuyIn: v.minBuyIn, maxBuyIn: v.maxBuyIn
  };
  this.occupied = {};
  var players = v.players || [];
  for (var i = 0; i < players.length; i++) {
    this.occupied[players[i].seat] = players[i].account;
    if (players[i].account === this.account) {
      this.seat = players[i].seat;
    }
  }
  if (v.yourSeat !== undefined) {
    this.seat = v.yourSeat;
  }
};

Player.prototype.freeSeats = function () {
  var out = [];
  var n = this.tableInfo ? this.tableInfo.seats : this.cfg.seats;
  for (var s = 0; s < n; s++) {
    if (this.occupied[s] === undefined) {
      out.push(s);
    }
  }
  return out;
};

Player.prototype.sit = function () {
  if (this.seat >= 0) {
    this.onSeated();
    return;
  }
  var free = this.freeSeats();
  if (free.length === 0 || this.sitTries >= 5) {
    this.unwatchAndLobby();
    return;
  }
  var amount = buyIn(this.tableInfo, this.balance, this.cfg.buyInBB);
  if (amount <= 0) {
    this.state = 'broke';
    this.call('broke', this.balance);
    return;
  }
  this.sitTries++;
  var seat = free[Math.floor(this.random() * free.length)];
  this.state = 'sitting';
  this.request({ type: 'sit', table: this.table, seat: seat, buyIn: amount }, { seat: seat });
};

Player.prototype.unwatchAndLobby = function () {
  var self = this;
  if (this.table) {
    this.request({ type: 'unwatch', table: this.table });
  }
  this.table = null;
  this.state = 'lobby';
  this.later(function () {
    if (self.state === 'lobby' && self.io) {
      self.lobby();
    }
  }, this.cfg.retryDelayMs + Math.floor(this.random() * this.cfg.retryDelayMs));
};

Player.prototype.onSeated = function () {
  this.state = 'seated';
  if (!this.seatedOnce) {
    this.seatedOnce = true;
    this.call('seated', this.now() - this.openedAt);
  }
};

Player.prototype.onAck = function (msg, req) {
  if (!req) {
    return;
  }
  this.call('request', req.type, true, this.now() - req.at);
  switch (req.type) {
    case 'create_table':
      if (this.state === 'lobby') {
        this.join(msg.table);
      }
      break;
    case 'join':
      if (msg.table !== this.table) {
        break;
      }
      if (typeof msg.seq === 'number' && msg.seq > this.lastSeq) {
        this.lastSeq = msg.seq;
      }
      this.tableMessage();
      if (req.resume && this.seat >= 0) {
        this.onSeated();
        this.resendAct();
      } else {
        this.sit();
      }
      break;
    case 'sit':
      this.seat = req.seat;
      this.onSeated();
      break;
    case 'top_up':
      this.request({ type: 'sit_in', table: this.table });
      break;
    case 'act':
      if (this.act && this.act.requestId === msg.id) {
        this.act.inFlight = false;
        this.act.acked = true;
      }
      break;
    case 'leave':
      this.state = 'done';
      if (this.io) {
        this.io.close();
      }
      break;
    default:
      break;
  }
};

Player.prototype.onError = function (msg, req) {
  var code = msg.code;
  this.call('request', req ? req.type : 'unknown', false, req ? this.now() - req.at : 0, code);
  // a decision re-sent after a reconnect may belong to a hand that ended meanwhile (WRONG_HAND, README
  // section 9) or to a turn that moved on: answers the protocol promises, not a client mistake
  var stale = req && req.resent && (code === 'NOT_YOUR_TURN' || code === 'WRONG_HAND');
  if (isProtocolError(code) && !stale) {
    this.protocolError(code, (req ? req.type + ': ' : '') + msg.message);
  }
  if (!req) {
    return; // RATE_LIMITED and unreadable frames carry no id: nothing to match
  }
  var self = this;
  switch (req.type) {
    case 'hello':
      if (code === 'INVALID_TOKEN') {
        this.token = null;
        this.table = null;
        this.seat = -1;
        this.request({ type: 'hello', name: this.cfg.name });
      }
      break;
    case 'create_table':
    case 'list_tables':
      this.later(function () {
        if (self.state === 'lobby' && self.io) {
          self.lobby();
        }
      }, this.cfg.retryDelayMs * 2);
      break;
    case 'join':
      this.seat = -1;
      this.table = null;
      this.lobby();
      break;
    case 'sit':
      if (code === 'ALREADY_SEATED') {
        this.seat = req.seat;
        this.onSeated();
      } else if (code === 'SEAT_TAKEN') {
        this.occupied[req.seat] = '?';
        this.sit();
      } else if (code === 'INSUFFICIENT_BALANCE') {
        this.state = 'broke';
        this.call('broke', this.balance);
      } else if (msg.retryable) {
        this.later(function () {
          if (self.state === 'sitting') {
            self.sit();
          }
        }, this.cfg.retryDelayMs);
      } else {
        this.unwatchAndLobby();
      }
      break;
    case 'act':
      this.onActError(msg, req);
      break;
    default:
      break;
  }
};

Player.prototype.tableMessage = function () {
  if (this.waitingForResume && this.reconnectedAt >= 0) {
    this.waitingForResume = false;
    this.waitingForTableAction = true;
    this.call('resumed', this.reconnectedAt - this.droppedAt, this.now() - this.droppedAt);
  }
};

Player.prototype.onEvent = function (msg) {
  if (msg.table !== this.table) {
    return;
  }
  if (this.lastSeq >= 0) {
    if (msg.seq <= this.lastSeq) {
      return; // a replay overlap
    }
    if (msg.seq !== this.lastSeq + 1) {
      this.protocolError('SEQ_GAP', 'expected ' + (this.lastSeq + 1) + ', got ' + msg.seq);
    }
  }
  this.lastSeq = msg.seq;
  this.tableMessage();
  var e = msg.event || {};
  var now = this.now();
  switch (e.kind) {
    case 'seated':
      this.occupied[e.seat] = e.account;
      if (e.account === this.account) {
        this.seat = e.seat;
      }
      break;
    case 'left':
      delete this.occupied[e.seat];
      if (e.seat === this.seat && e.account === this.account && this.state !== 'leaving' && this.state !== 'done') {
        this.seat = -1;
        this.unwatchAndLobby(); // removed by the server: find another seat
      }
      break;
    case 'hand_started':
      if (this.seat >= 0 && has(e.dealtIn, this.seat)) {
        this.call('hand');
      }
      break;
    case 'action':
      if (this.waitingForTableAction) {
        this.waitingForTableAction = false;
        if (this.lastActionAt >= 0) {
          this.call('tableResumed', now - this.lastActionAt, now - this.droppedAt);
        }
      }
      this.lastActionAt = now;
      if (e.seat === this.seat) {
        this.turnToken++; // a prompt still waiting for its think time is moot
        if (this.act && !e.auto) {
          this.actions++;
          this.call('action', now - this.act.intendedAt, now - this.act.sentAt, e.action);
        } else if (e.auto) {
          this.call('timedOut');
        }
        this.act = null;
      }
      break;
    case 'sat_out':
      if (e.seat === this.seat && this.state === 'seated') {
        if (e.reason === 'busted') {
          this.topUp();
        } else if (e.reason === 'timeouts') {
          this.request({ type: 'sit_in', table: this.table });
        }
      }
      break;
    default:
      break;
  }
};

Player.prototype.topUp = function () {
  var amount = buyIn(this.tableInfo || this.cfg, this.balance, this.cfg.buyInBB);
  if (amount <= 0) {
    this.state = 'broke';
    this.call('broke', this.balance);
    return;
  }
  this.request({ type: 'top_up', table: this.table, amount: amount });
};

Player.prototype.onYourTurn = function (t) {
  if (t.table !== this.table || this.state === 'leaving' || this.state === 'done') {
    return;
  }
  if (this.seat < 0) {
    this.seat = t.seat;
  }
  if (this.act && this.act.hand === t.hand) {
    // asked again for the decision already made (a time bank, a rejoin): the same actionId again
    this.act.turn = t;
    if (!this.act.inFlight && !this.act.acked) {
      this.sendAct();
    }
    return;
  }
  var self = this;
  var think = this.cfg.thinkMaxMs <= 0 ? 0
      : this.cfg.thinkMinMs + Math.floor(this.random() * (this.cfg.thinkMaxMs - this.cfg.thinkMinMs + 1));
  var intendedAt = this.now() + think;
  var token = ++this.turnToken;
  var go = function () {
    if (token !== self.turnToken || self.state === 'leaving' || self.state === 'done' || !self.io) {
      return;
    }
    self.decideAndAct(t, intendedAt);
  };
  if (think <= 0) {
    go();
  } else {
    this.io.setTimeout(go, think);
  }
};

// Unique per account and table: the player's name, a counter, and a random part (a VU that starts over
// as a new guest keeps its name). At most 64 characters.
Player.prototype.newActionId = function () {
  var tail = '-' + (++this.actionSeq) + '-' + Math.floor(this.random() * 2176782336).toString(36);
  return this.cfg.name.substring(0, 64 - tail.length) + tail;
};

Player.prototype.decideAndAct = function (t, intendedAt) {
  var d = decide(t, this.random);
  if (!isLegal(d, t)) {
    this.protocolError('ILLEGAL_DECISION', JSON.stringify(d));
    d = passive(t);
    if (!d) {
      return;
    }
  }
  var msg = { type: 'act', table: t.table, hand: t.hand, action: d.action, actionId: this.newActionId() };
  if (d.amount !== undefined) {
    msg.amount = d.amount;
  }
  this.act = { hand: t.hand, message: msg, intendedAt: intendedAt, sentAt: this.now(), turn: t, fallback: false };
  this.sendAct();
};

Player.prototype.sendAct = function () {
  var a = this.act;
  if (!a || !this.io) {
    return;
  }
  var msg = {};
  for (var k in a.message) {
    msg[k] = a.message[k];
  }
  a.inFlight = true;
  a.sends = (a.sends || 0) + 1;
  a.requestId = this.request(msg, { actionId: msg.actionId, resent: a.sends > 1 });
};

// After a reconnect: an act that got no answer goes again with the same actionId.
Player.prototype.resendAct = function () {
  if (this.act && !this.act.acked && !this.act.inFlight) {
    this.sendAct();
  }
};

Player.prototype.onActError = function (msg, req) {
  var a = this.act;
  if (!a || a.message.actionId !== req.actionId) {
    return;
  }
  a.inFlight = false;
  var self = this;
  if (msg.retryable) {
    this.later(function () {
      if (self.act === a) {
        self.sendAct();
      }
    }, this.cfg.retryDelayMs);
    return;
  }
  if (msg.code === 'NOT_YOUR_TURN' || msg.code === 'WRONG_HAND' || msg.code === 'HAND_NOT_RUNNING'
      || msg.code === 'NOT_IN_HAND' || a.fallback) {
    this.act = null;
    return;
  }
  // the decision was refused: the passive one instead, once, with a new actionId
  var d = passive(a.turn);
  if (!d) {
    this.act = null;
    return;
  }
  var m = { type: 'act', table: a.message.table, hand: a.hand, action: d.action, actionId: this.newActionId() };
  if (d.amount !== undefined) {
    m.amount = d.amount;
  }
  a.message = m;
  a.fallback = true;
  a.sends = 0;
  this.sendAct();
};

Player.prototype.ping = function () {
  this.request({ type: 'ping', t: this.now() });
};

// Stands up and closes the connection (at the end of the session).
Player.prototype.finish = function () {
  this.finished = true;
  if (this.io && this.table && this.seat >= 0 && this.state !== 'leaving' && this.state !== 'done') {
    this.state = 'leaving';
    this.turnToken++;
    this.request({ type: 'leave', table: this.table });
    var self = this;
    this.later(function () {
      if (self.io) {
        self.state = 'done';
        self.io.close();
      }
    }, 2000);
    return;
  }
  this.state = 'done';
  if (this.io) {
    this.io.close();
  }
};

// Plays one session of `player` until `endAt` (ms since the epoch): connects with `ws.connect` (k6/ws),
// feeds the socket's events to the player, pings every `pingEveryMs`, and stands up at the end. With
// `reconnect`, a dropped connection is made again (after a backoff, moving to the next of `urls`) and the
// player resumes with its token; without it the session ends with the connection. `sleep` is k6's
// sleep (seconds). Returns { connects, failures, statuses: [handshake statuses] }.
export function playSession(opts) {
  var player = opts.player;
  var urls = opts.urls;
  var out = { connects: 0, failures: 0, statuses: [] };
  var failuresInARow = 0;
  var n = 0;
  while (!player.finished && player.state !== 'broke' && Date.now() < opts.endAt - 500) {
    var url = urls[(opts.firstUrl + n) % urls.length];
    var openedAt = -1;
    var res = null;
    try {
      res = opts.ws.connect(url, opts.params, function (socket) {
        player.attach({
          send: function (text) { socket.send(text); },
          setTimeout: function (fn, ms) { socket.setTimeout(fn, Math.max(1, ms)); },
          close: function () { socket.close(1000); },
          now: function () { return Date.now(); }
        });
        socket.on('open', function () {
          openedAt = Date.now();
          out.connects++;
          player.onOpen();
        });
        socket.on('message', function (data) { player.onMessage(data); });
        socket.on('close', function (code) { player.onClose(code); });
        socket.on('error', function (e) {
          if (opts.onSocketError) {
            opts.onSocketError(e && typeof e.error === 'function' ? e.error() : String(e));
          }
        });
        socket.setInterval(function () { player.ping(); }, opts.pingEveryMs || 25000);
        socket.setTimeout(function () { player.finish(); }, Math.max(1, opts.endAt - Date.now()));
      });
    } catch (e) {
      res = { status: 0, error: String(e) };
    }
    out.statuses.push(res ? res.status : 0);
    if (openedAt < 0) {
      out.failures++;
      if (opts.onConnectFailed) {
        opts.onConnectFailed(res, out.connects > 0); // true: a reconnect attempt
      }
    }
    if (!opts.reconnect || player.finished || player.state === 'done') {
      break;
    }
    n++;
    failuresInARow = openedAt >= 0 && Date.now() - openedAt > 5000 ? 0 : failuresInARow + 1;
    var backoff = Math.min(5, 0.2 * Math.pow(2, Math.min(failuresInARow, 5))) * (0.5 + Math.random() / 2);
    var left = (opts.endAt - 500 - Date.now()) / 1000;
    if (left <= 0) {
      break;
    }
    opts.sleep(Math.min(backoff, left));
  }
  return out;
}
