// k6: connection storm. Exactly PLAYERS connections are opened evenly within WITHIN (an open arrival
// schedule); each says hello, asks list_tables and ping, holds the connection HOLD, and closes. The node
// must serve, shed (HTTP 503 at the handshake) or refuse cleanly (close 1013 "over capacity; retry") and
// keep running. The whole run ends by DURATION: every wait of a connection is cut short at that bound.
//
//   k6 run -e BASE_URL=ws://127.0.0.1:8080/ws -e PLAYERS=2000 -e WITHIN=5s load/k6-storm.js
//
// Outcomes (one counter each; together they count every connection tried): poker_storm_ok (all three
// answered), poker_storm_shed (the handshake got HTTP 503; k6 0.48 gives res.status 503 and the node's
// sentence in res.body), poker_storm_refused (upgraded, then closed by the node with 1013 because it was
// over capacity), poker_storm_failed (no HTTP answer, or an HTTP status other than 101 and 503),
// poker_storm_unanswered (a request unanswered for 10 s, or at DURATION), poker_storm_dropped (closed by
// the node before the answers, with a code other than 1013). poker_storm_attempts counts connections
// tried and must equal PLAYERS: an iteration k6 could not start (dropped_iterations, no free VU) makes
// both thresholds fail instead of vanishing. poker_storm_unclean is the rate of failed + unanswered +
// dropped + error answers. Env: BASE_URL, PLAYERS (2000), WITHIN (5s), HOLD (0s), DURATION (the bound
// of the whole run, at least WITHIN + 2s: 60s).
import ws from 'k6/ws';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import { intEnv, isProtocolError, parseDuration, parseUrls, wsParams } from './k6/lib/poker.js';
import { SUMMARY_TREND_STATS } from './k6/lib/metrics.js';

const URLS = parseUrls(__ENV.BASE_URL);
const PLAYERS = intEnv(__ENV, 'PLAYERS', 2000);
const WITHIN_MS = Math.max(1000, parseDuration(__ENV.WITHIN, 5000));
const HOLD_MS = parseDuration(__ENV.HOLD, 0);
const DURATION_MS = parseDuration(__ENV.DURATION, 60000);
if (DURATION_MS < WITHIN_MS + 2000) {
  throw new Error('DURATION (' + DURATION_MS + ' ms) must be at least WITHIN + 2s (' + (WITHIN_MS + 2000) + ' ms)');
}
const ANSWER_TIMEOUT_MS = 10000;

const connectTime = new Trend('poker_connect_latency', true);
const sessionTime = new Trend('poker_session_time', true);
const ok = new Counter('poker_storm_ok');
const shed = new Counter('poker_storm_shed');
const refused = new Counter('poker_storm_refused');
const attempts = new Counter('poker_storm_attempts');
const failed = new Counter('poker_storm_failed');
const unanswered = new Counter('poker_storm_unanswered');
const dropped = new Counter('poker_storm_dropped');
const unclean = new Rate('poker_storm_unclean');
const errors = new Rate('poker_errors');
const protocolErrors = new Counter('poker_protocol_errors');

export const options = {
  scenarios: {
    storm: {
      // PLAYERS iterations per WITHIN for WITHIN: exactly PLAYERS starts, evenly spaced
      executor: 'constant-arrival-rate',
      rate: PLAYERS,
      timeUnit: WITHIN_MS + 'ms',
      // k6 also starts one at the end of the duration: stop half a slot before it
      duration: Math.max(1, Math.floor(WITHIN_MS - WITHIN_MS / PLAYERS / 2)) + 'ms',
      // VUs busy at once: the arrival rate times a session (about a second) plus HOLD; more when needed
      preAllocatedVUs: Math.min(PLAYERS, Math.max(10, Math.ceil(PLAYERS * 1000 / WITHIN_MS * (1 + HOLD_MS / 1000)))),
      maxVUs: PLAYERS,
      // the iterations bound themselves by DURATION (below); this only stops a stuck one a little later
      gracefulStop: Math.ceil((DURATION_MS - WITHIN_MS) / 1000 + 1) + 's'
    }
  },
  thresholds: {
    poker_storm_unclean: ['rate<0.01'],
    poker_protocol_errors: ['count==0'],
    poker_storm_ok: ['count>0'],
    poker_storm_attempts: ['count==' + PLAYERS],
    dropped_iterations: ['count==0']
  },
  summaryTrendStats: SUMMARY_TREND_STATS,
  setupTimeout: '10s',
  teardownTimeout: '10s'
};

export default function () {
  if (exec.scenario.iterationInTest >= PLAYERS) {
    return; // never more than PLAYERS, whatever k6's rounding of the schedule
  }
  const start = Date.now();
  const deadline = exec.scenario.startTime + DURATION_MS - 500;
  const wait = function (ms) { return Math.max(1, Math.min(ms, deadline - Date.now())); };
  attempts.add(1);
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
        }, wait(ANSWER_TIMEOUT_MS));
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
            socket.setTimeout(function () { socket.close(1000); }, wait(HOLD_MS));
          } else {
            socket.close(1000);
          }
        }
      });
      socket.on('close', function (code) {
        if (outcome === 'unanswered' && !closing) {
          // 1013: over capacity, a clean refusal; otherwise the node closed it before the answers came
          outcome = code === 1013 ? 'refused' : 'dropped';
        }
      });
    });
  } catch (e) {
    res = { status: 0, error: String(e) };
  }
  if (!res || res.status !== 101) {
    outcome = res && res.status === 503 ? 'shed' : 'failed';
  }
  ok.add(outcome === 'ok' ? 1 : 0);
  shed.add(outcome === 'shed' ? 1 : 0);
  refused.add(outcome === 'refused' ? 1 : 0);
  failed.add(outcome === 'failed' ? 1 : 0);
  unanswered.add(outcome === 'unanswered' ? 1 : 0);
  dropped.add(outcome === 'dropped' ? 1 : 0);
  const clean = outcome === 'ok' || outcome === 'shed' || outcome === 'refused' || outcome === 'retryable';
  unclean.add(!clean);
  check(outcome, { 'served, shed or refused cleanly': () => clean });
}
