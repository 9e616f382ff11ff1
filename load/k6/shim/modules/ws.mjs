// Fake 'k6/ws' for the shim: connect(url, params, callback) blocks until the socket is closed, runs the
// handlers and the socket's timers on the VU's thread, and returns the handshake response, as k6 0.46
// does (a failed handshake returns { status: 0, error } without running the callback).
import { next, post, rt, sample } from '../runtime.mjs';

function errorValue(message) {
  return { error: () => message, toString: () => message };
}

class Socket {
  constructor(id, tags) {
    this.id = id;
    this.tags = tags;
    this.handlers = {};
    this.timers = [];
    this.closed = false;
    this.timerSeq = 0;
  }

  on(event, fn) {
    if (typeof fn === 'function') {
      (this.handlers[event] = this.handlers[event] || []).push(fn);
    }
  }

  emit(event, ...args) {
    for (const fn of this.handlers[event] || []) {
      fn(...args);
    }
  }

  send(data) {
    if (this.closed) {
      this.emit('error', errorValue('websocket: close sent'));
      return;
    }
    post({ op: 'send', id: this.id, data: String(data) });
    sample('ws_msgs_sent', 1, this.tags);
  }

  ping() {
    if (!this.closed) {
      post({ op: 'ping', id: this.id });
    }
  }

  setTimeout(fn, ms) {
    if (!(ms > 0)) {
      throw new Error('setTimeout requires a >0 timeout parameter, received ' + ms);
    }
    this.timers.push({ due: Date.now() + ms, fn, every: 0, seq: ++this.timerSeq });
  }

  setInterval(fn, ms) {
    if (!(ms > 0)) {
      throw new Error('setInterval requires a >0 timeout parameter, received ' + ms);
    }
    this.timers.push({ due: Date.now() + ms, fn, every: ms, seq: ++this.timerSeq });
  }

  close(code) {
    this.shutdown(code === undefined ? 1001 : code);
  }

  shutdown(code) {
    if (this.closed) {
      return;
    }
    this.closed = true;
    post({ op: 'close', id: this.id, code });
    this.emit('close', code);
  }

  closedByServer(code) {
    if (this.closed) {
      return;
    }
    this.closed = true;
    post({ op: 'close', id: this.id, code });
    this.emit('close', code);
  }

  runTimers() {
    const now = Date.now();
    this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    while (!this.closed && this.timers.length && this.timers[0].due <= now) {
      const t = this.timers.shift();
      if (t.every > 0) {
        this.timers.push({ due: t.due + t.every, fn: t.fn, every: t.every, seq: ++this.timerSeq });
      }
      t.fn();
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    }
  }

  loop() {
    while (!this.closed) {
      this.runTimers();
      if (this.closed) {
        break;
      }
      const due = this.timers.length ? this.timers[0].due : Date.now() + 1000;
      const ev = next(due);
      if (ev === null) {
        if (Atomics.load(rt.sig, 1) === 1) {
          this.shutdown(1001); // the VU is interrupted (the scenario ended)
        }
        continue;
      }
      if (ev.id !== this.id) {
        continue; // late news of an earlier socket
      }
      switch (ev.ev) {
        case 'message':
          sample('ws_msgs_received', 1, this.tags);
          this.emit('message', ev.data);
          break;
        case 'ping':
          this.emit('ping');
          break;
        case 'pong':
          this.emit('pong');
          break;
        case 'error':
          this.emit('error', errorValue(ev.error));
          break;
        case 'close':
          this.closedByServer(ev.code);
          break;
        default:
          break;
      }
    }
  }
}

export function connect(url, a, b) {
  if (!rt.inVu || !rt.sig) {
    throw new Error('using websockets in the init context is not supported');
  }
  const params = b === undefined ? {} : a || {};
  const callback = b === undefined ? a : b;
  if (typeof callback !== 'function') {
    throw new Error('last argument to ws.connect must be a function');
  }
  const id = ++rt.socketSeq;
  const tags = Object.assign({ url: url }, params.tags || {});
  const start = Date.now();
  post({ op: 'open', id, url, headers: params.headers || {} });
  let ev;
  for (;;) {
    ev = next(Date.now() + 1000);
    if (ev === null) {
      if (Atomics.load(rt.sig, 1) === 1) {
        post({ op: 'close', id, code: 1001 });
        return { url, status: 0, headers: {}, body: '', error: 'interrupted' };
      }
      continue;
    }
    if (ev.id === id && (ev.ev === 'open' || ev.ev === 'failed')) {
      break;
    }
  }
  sample('ws_connecting', Date.now() - start, tags);
  sample('ws_sessions', 1, tags);
  if (ev.ev === 'failed') {
    return { url, status: 0, headers: {}, body: '', error: ev.error, shimStatus: ev.status };
  }
  const socket = new Socket(id, tags);
  try {
    callback(socket);
    socket.emit('open');
    socket.loop();
  } catch (e) {
    socket.shutdown(1001);
    throw e;
  } finally {
    sample('ws_session_duration', Date.now() - start, tags);
  }
  return { url, status: ev.status, headers: ev.headers || {}, body: '', error: '' };
}

export default { connect };
