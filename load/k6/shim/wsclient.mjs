// A small RFC 6455 WebSocket client on node:http, for the k6 shim's main thread.
//
// Node 20's built-in WebSocket needs --experimental-websocket and hides the HTTP status of a refused
// handshake; this one speaks the protocol itself (masked client frames, fragments, ping/pong, close), so a
// 503 at the handshake is seen as such, much as k6 (gorilla/websocket) sees it.
import http from 'node:http';
import https from 'node:https';
import crypto from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

// handlers: onOpen({ status, headers }), onFailed({ status, error }), onMessage(text), onPing(), onPong(),
// onError(message), onClose(code). Returns { send(text), ping(), close(code) }.
export function connect(url, headers, handlers, handshakeTimeoutMs = 60000) {
  const u = new URL(url);
  const secure = u.protocol === 'wss:';
  const key = crypto.randomBytes(16).toString('base64');
  const hdrs = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13'
  };
  for (const [k, v] of Object.entries(headers || {})) {
    hdrs[k] = String(v);
  }
  let socket = null;
  let state = 'connecting'; // connecting, open, closing, closed
  let buf = Buffer.alloc(0);
  let fragments = [];
  let closeCode = 1006;
  let failed = false;

  const fail = (status, error) => {
    if (failed || state !== 'connecting') {
      return;
    }
    failed = true;
    state = 'closed';
    handlers.onFailed({ status, error });
  };

  const req = (secure ? https : http).request({
    host: u.hostname,
    port: u.port || (secure ? 443 : 80),
    path: (u.pathname || '/') + (u.search || ''),
    headers: hdrs,
    agent: false
  });
  const timer = setTimeout(() => {
    fail(0, 'websocket: handshake timed out');
    req.destroy();
  }, handshakeTimeoutMs);

  req.on('response', (res) => {
    clearTimeout(timer);
    res.resume();
    fail(res.statusCode, 'websocket: bad handshake');
  });
  req.on('error', (e) => {
    clearTimeout(timer);
    if (state === 'connecting') {
      fail(0, 'dial tcp ' + u.host + ': ' + e.message);
    }
  });
  req.on('upgrade', (res, sock, head) => {
    clearTimeout(timer);
    const expect = crypto.createHash('sha1').update(key + GUID).digest('base64');
    if (res.headers['sec-websocket-accept'] !== expect) {
      sock.destroy();
      fail(res.statusCode, 'websocket: bad handshake (Sec-WebSocket-Accept)');
      return;
    }
    socket = sock;
    sock.setNoDelay(true);
    state = 'open';
    handlers.onOpen({ status: res.statusCode, headers: res.headers });
    sock.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      parse();
    });
    sock.on('error', (e) => {
      if (state === 'open') {
        handlers.onError(e.message);
      }
    });
    sock.on('close', () => {
      const was = state;
      state = 'closed';
      if (was === 'open') {
        handlers.onError('websocket: close 1006 (abnormal closure): unexpected EOF');
        handlers.onClose(1006);
      } else if (was === 'closing') {
        handlers.onClose(closeCode);
      }
    });
    if (head && head.length) {
      buf = Buffer.from(head);
      parse();
    }
  });
  req.end();

  function parse() {
    while (buf.length >= 2) {
      const b0 = buf[0];
      const b1 = buf[1];
      const fin = (b0 & 0x80) !== 0;
      const op = b0 & 0x0f;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        off = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      const mask = masked ? buf.subarray(off, off + 4) : null;
      if (masked) off += 4;
      if (buf.length < off + len) return;
      let payload = Buffer.from(buf.subarray(off, off + len));
      buf = buf.subarray(off + len);
      if (mask) {
        for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      }
      if (op === 0x1 || op === 0x0 || op === 0x2) {
        fragments.push(payload);
        if (fin) {
          const whole = Buffer.concat(fragments);
          fragments = [];
          if (op !== 0x2 && state === 'open') handlers.onMessage(whole.toString('utf8'));
        }
      } else if (op === 0x9) {
        write(0xa, payload);
        handlers.onPing();
      } else if (op === 0xa) {
        handlers.onPong();
      } else if (op === 0x8) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        if (state === 'open') {
          // the node closed: answer with the same code, as gorilla/websocket (k6) does
          state = 'closing';
          closeCode = code;
          write(0x8, payload.subarray(0, 2));
          socket.end();
          if (code !== 1000 && code !== 1001) {
            handlers.onError('websocket: close ' + code);
          }
        }
        return;
      }
    }
  }

  function write(op, payload) {
    if (!socket || socket.destroyed) return;
    const len = payload.length;
    const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
    const frame = Buffer.alloc(head + 4 + len);
    frame[0] = 0x80 | op;
    if (len < 126) {
      frame[1] = 0x80 | len;
    } else if (len < 65536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(len, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(len), 2);
    }
    const mask = crypto.randomBytes(4);
    mask.copy(frame, head);
    for (let i = 0; i < len; i++) frame[head + 4 + i] = payload[i] ^ mask[i & 3];
    socket.write(frame);
  }

  return {
    send(text) {
      if (state === 'open') write(0x1, Buffer.from(String(text), 'utf8'));
    },
    ping() {
      if (state === 'open') write(0x9, Buffer.alloc(0));
    },
    close(code = 1001) {
      if (state === 'connecting') {
        state = 'closed';
        failed = true;
        req.destroy();
        return;
      }
      if (state !== 'open') return;
      state = 'closing';
      closeCode = code;
      const p = Buffer.alloc(2);
      p.writeUInt16BE(code, 0);
      write(0x8, p);
      // wait briefly for the node's close frame, then drop the socket
      setTimeout(() => socket && socket.destroy(), 1000).unref();
      socket.end();
    }
  };
}
