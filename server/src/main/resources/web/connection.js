// The WebSocket to the node (protocol poker.v1): connects and reconnects by itself (backoff with jitter),
// resumes the account with the saved token, matches answers to requests by id, and resends an
// unanswered act with the same actionId after a reconnect (protocol/README.md §8, §9).
const TOKEN_KEY = 'poker.token';
const ANSWERS = new Set(['welcome', 'tables', 'ack', 'error', 'pong']);

export class Connection {
  /**
   * handlers: onMessage(msg) for every message that is not an answer (events, snapshots, your_turn,
   * balance, reconnect); onStatus(state, detail) with state 'connecting', 'connected' or 'offline';
   * onOpen(conn) after each successful hello (to join tables again); onSignedOut(error) when there is
   * no token or it was refused (the page asks for a name).
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.nextId = 1;
    this.pending = new Map(); // id -> {msg, resolve, reject}
    this.ws = null;
    this.ready = false;
    this.attempt = 0;
    this.account = null;
    this.clockOffset = 0;
    this.pingTimer = null;
  }

  get token() {
    return localStorage.getItem(TOKEN_KEY);
  }

  start() {
    this.connect();
    window.addEventListener('online', () => { if (!this.ws) this.connect(); });
  }

  connect() {
    this.handlers.onStatus('connecting', this.attempt ? 'reconnecting…' : 'connecting…');
    const ws = new WebSocket(this.url, 'poker.v1');
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      if (this.token) {
        this.hello({ token: this.token });
      } else {
        this.handlers.onStatus('connected', 'connected');
        this.handlers.onSignedOut(null);
      }
      this.pingTimer = setInterval(() => this.ping(), 25000);
      this.ping();
    };
    ws.onmessage = (e) => this.receive(e.data);
    ws.onclose = (e) => {
      clearInterval(this.pingTimer);
      this.ws = null;
      this.ready = false;
      for (const [id, p] of this.pending) {
        if (p.msg.type !== 'act') { // acts are resent with their actionId once we are back
          p.reject({ code: 'DISCONNECTED', message: 'The connection dropped before the answer.', retryable: true });
          this.pending.delete(id);
        }
      }
      this.attempt++;
      const delay = Math.min(5000, 250 * 2 ** Math.min(this.attempt, 5)) * (0.5 + Math.random() / 2);
      this.handlers.onStatus('offline', 'offline (' + (e.code || 1006) + '); reconnecting…', e.code);
      setTimeout(() => this.connect(), delay);
    };
  }

  /** hello with a name (new guest) or a token (resume); the welcome is handled here. */
  hello(fields) {
    return this.request({ type: 'hello', ...fields }, true).then((welcome) => {
      localStorage.setItem(TOKEN_KEY, welcome.token);
      this.account = welcome.account;
      this.ready = true;
      this.handlers.onStatus('connected', 'connected' + (welcome.node ? ' to ' + welcome.node : ''));
      this.handlers.onWelcome(welcome);
      this.handlers.onOpen(this);
      for (const [, p] of this.pending) {
        if (p.msg.type === 'act') this.ws.send(JSON.stringify(p.msg)); // same id, same actionId
      }
      return welcome;
    }, (error) => {
      if (error.code === 'INVALID_TOKEN') {
        localStorage.removeItem(TOKEN_KEY);
        this.handlers.onSignedOut(error);
      }
      throw error;
    });
  }

  signIn(name) {
    return this.hello({ name: name });
  }

  /** Sends a request; the promise gets the answer (ack, tables, ...) or rejects with the error message. */
  request(msg, beforeHello) {
    const id = 'r' + this.nextId++;
    const full = { ...msg, id: id };
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN || (!this.ready && !beforeHello)) {
        if (msg.type !== 'act') {
          reject({ code: 'DISCONNECTED', message: 'Not connected; retrying shortly.', retryable: true });
          return;
        }
        this.pending.set(id, { msg: full, resolve, reject }); // sent once we are back
        return;
      }
      this.pending.set(id, { msg: full, resolve, reject });
      this.ws.send(JSON.stringify(full));
    });
  }

  ping() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      const sent = Date.now();
      this.request({ type: 'ping', t: sent }, true).then((pong) => {
        const now = Date.now();
        this.clockOffset = pong.serverTime - (sent + now) / 2;
      }, () => {});
    }
  }

  /** The server's clock now, estimated from the last pong. */
  serverNow() {
    return Date.now() + this.clockOffset;
  }

  receive(text) {
    let msg;
    try {
      msg = JSON.parse(text);
    } catch (e) {
      return; // the server writes JSON; nothing else to do
    }
    if (ANSWERS.has(msg.type) && msg.id && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.type === 'error') {
        p.reject(msg);
      } else {
        p.resolve(msg);
      }
      if (msg.type === 'ack' || msg.type === 'error') {
        this.handlers.onMessage(msg); // the table view also learns the seq of an ack
      }
      return;
    }
    this.handlers.onMessage(msg);
  }
}

/** A fresh actionId: 128 random bits in hex (crypto.randomUUID needs a secure context; this does not). */
export function newActionId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
