// k6: connection storm. PLAYERS connections are opened within WITHIN (an open arrival schedule); each
// says hello, asks list_tables and ping, holds the connection HOLD, and closes. The node must shed
// (HTTP 503 at the handshake) or queue cleanly and keep running.
//
//   k6 run -e BASE_URL=ws://127.0.0.1:8080/ws -e PLAYERS=2000 -e WITHIN=5s load/k6-storm.js
//
// Outcomes: poker_storm_ok (all three answered), poker_storm_shed (the handshake got an HTTP answer
// other than 101: k6 reports it as "websocket: bad handshake" without the status, and the node answers
// 503 when it sheds), poker_storm_failed (no HTTP answer), poker_storm_unanswered (a request unanswered
// for 10 s), poker_storm_dropped (closed by the node before the answers). poker_storm_unclean is the
// rate of failed + unanswered + dropped + error answers. Env: BASE_URL, PLAYERS (2000), WITHIN (5s),
// HOLD (0s), DURATION (bound of the whole run: 60s).
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import { intEnv, isProtocolError, parseDuration, parseUrls, wsParams } from './k6/lib/poker.js';

const URLS = parseUrls(__ENV.BASE_URL);
const PLAYERS = intEnv(__ENV, 'PLAYERS', 2000);
const WITHIN_MS = Math.max(1000, parseDuration(__ENV.WITHIN, 5000));
const HOLD_MS = parseDuration(__ENV.HOLD, 0);
const DURATION_MS = parseDuration(__ENV.DURATION, 60000);
const PER_SECOND = Math.max(1, Math.round(PLAYERS * 1000 / WITHIN_MS));

const connectTime = new Trend('poker_connect_latency', true);
const sessionTime = new Trend('poker_session_time', true);
const ok = new Counter('poker_storm_ok');
const shed = new Counter('poker_storm_shed');
const failed = new Counter('poker_storm_failed');
const unanswered = new Counter('poker_storm_unanswered');
const dropped = new Counter('poker_storm_dropped');
const unclean = new Rate('poker_storm_unclean');
const errors = new Rate('poker_errors');
const protocolErrors = new Counter('poker_protocol_errors');

export const options = {
  scenarios: {
    storm: {
      executor: 'constant-arrival-rate',
      rate: PER_SECOND,
      timeUnit: '1s',
      duration: Math.ceil(WITHIN_MS / 1000) + 's',
      preAllocatedVUs: Math.min(PLAYERS, Math.max(10, Math.ceil(PER_SECOND * (1 + HOLD_MS / 1000)))),
      maxVUs: PLAYERS,
      gracefulStop: Math.ceil(Math.max(15000, HOLD_MS + 12000) / 1000) + 's'
    }
  },
  thresholds: {
    poker_storm_unclean: ['rate<0.01'],
    poker_protocol_errors: ['count==0'],
    poker_storm_ok: ['count>0']
  },
  // the storm must end by itself within DURATION
  setupTimeout: '10s',
  teardownTimeout: '10s'
};

export default function () {
  const start = Date.now();
  const url = URLS[(__VU - 1) % URLS.length];
  let outcome = 'unanswered';
  let answers = 0;
  let closing = false;
  let res;
  try {
    res = ws.connect(url, wsParams({ scenario: 'storm' }), function (socket) {
      socket.on('open', function () {
        connectTime.add(Date.now() - start);
        socket.send(JSON.stringify({ type: 'hello', id: 'h', name: 'k6s-' + __VU + '-' + __ITER }));
        socket.setTimeout(function () {
          if (answers < 3) {
            closing = true;
            socket.close(1000);
          }
        }, 10000);
      });
      socket.on('message', function (data) {
        let m;
        try {
          m = JSON.parse(data);
        } catch (e) {
          protocolErrors.add(1, { code: 'BAD_FRAME' });
          return;
        }
        if (m.type === 'error') {
          errors.add(true, { code: m.code });
          if (isProtocolError(m.code)) {
            protocolErrors.add(1, { code: m.code });
          }
          if (outcome === 'unanswered') {
            outcome = m.retryable ? 'retryable' : 'error';
          }
          closing = true;
          socket.close(1000);
          return;
        }
        if (m.type === 'welcome' && m.id === 'h') {
          answers++;
          errors.add(false);
          socket.send(JSON.stringify({ type: 'list_tables', id: 't' }));
          socket.send(JSON.stringify({ type: 'ping', id: 'p', t: Date.now() }));
        } else if ((m.type === 'tables' && m.id === 't') || (m.type === 'pong' && m.id === 'p')) {
          answers++;
          errors.add(false);
        }
        if (answers === 3 && outcome === 'unanswered') {
          outcome = 'ok';
          sessionTime.add(Date.now() - start);
          closing = true;
          if (HOLD_MS > 0) {
            socket.setTimeout(function () { socket.close(1000); }, HOLD_MS);
          } else {
            socket.close(1000);
          }
        }
      });
      socket.on('close', function () {
        if (outcome === 'unanswered' && !closing) {
          outcome = 'dropped'; // the node closed it before the answers came
        }
      });
    });
  } catch (e) {
    res = { status: 0, error: String(e) };
  }
  if (!res || res.status !== 101) {
    const err = res && res.error ? String(res.error) : '';
    outcome = res && (res.status === 503 || err.indexOf('bad handshake') >= 0) ? 'shed' : 'failed';
  }
  ok.add(outcome === 'ok' ? 1 : 0);
  shed.add(outcome === 'shed' ? 1 : 0);
  failed.add(outcome === 'failed' ? 1 : 0);
  unanswered.add(outcome === 'unanswered' ? 1 : 0);
  dropped.add(outcome === 'dropped' ? 1 : 0);
  unclean.add(outcome !== 'ok' && outcome !== 'shed' && outcome !== 'retryable');
  check(outcome, { 'served or shed cleanly': (o) => o === 'ok' || o === 'shed' || o === 'retryable' });
  if (Date.now() - start > DURATION_MS) {
    console.warn('a storm connection outlived DURATION');
  }
}
