// k6: failover. PLAYERS players play (think 1-2 s) for DURATION against one or several nodes; kill a
// node while it runs (k6 cannot run commands: do it from the shell, see load/README.md). Players whose
// connection drops reconnect (backoff, next URL of BASE_URL), resume with their token, re-join their
// table with lastSeq and re-send an unanswered act with the same actionId.
//
//   k6 run -e BASE_URL=ws://n1:8080/ws,ws://n2:8080/ws -e PLAYERS=60 -e DURATION=90s load/k6-failover.js
//
// Measured: poker_reconnect_time (drop -> welcome on a new connection), poker_resume_time (drop -> first
// table message), poker_table_resume_gap (the table's last action before the drop -> first after it),
// poker_disconnects. Env: BASE_URL, PLAYERS (30), DURATION (60s), SEATS (6), THINK_MIN_MS (1000),
// THINK_MAX_MS (2000), RESUME_P99_MS (30000).
import ws from 'k6/ws';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Player, intEnv, parseDuration, parseUrls, playSession, rng, wsParams } from './k6/lib/poker.js';
import { SUMMARY_TREND_STATS, errors, playerMetrics, sessions } from './k6/lib/metrics.js';

const URLS = parseUrls(__ENV.BASE_URL);
const PLAYERS = intEnv(__ENV, 'PLAYERS', 30);
const DURATION_MS = parseDuration(__ENV.DURATION, 60000);
const RESUME_P99_MS = intEnv(__ENV, 'RESUME_P99_MS', 30000);

export const options = {
  scenarios: {
    failover: {
      executor: 'constant-vus',
      vus: PLAYERS,
      duration: Math.ceil(DURATION_MS / 1000) + 's',
      gracefulStop: '10s'
    }
  },
  thresholds: {
    poker_resume_time: ['p(99)<' + RESUME_P99_MS],
    poker_protocol_errors: ['count==0'],
    poker_errors: ['rate<0.01'],
    checks: ['rate>0.99'],
    poker_sessions: ['count>0']
  },
  summaryTrendStats: SUMMARY_TREND_STATS
};

// lost connections and failed reconnect attempts are what this test provokes: they are measured
// (poker_disconnects, poker_reconnect_time, ...), not counted as errors
const metrics = playerMetrics({ disconnectIsError: false });

export default function () {
  const endAt = exec.scenario.startTime + DURATION_MS - 2000;
  if (__ITER === 0) {
    sleep((__VU - 1) / 50);
  }
  if (Date.now() > endAt - 1000) {
    // too late for a session: wait out the scenario rather than spin through empty iterations
    sleep(Math.max(0, (exec.scenario.startTime + DURATION_MS - Date.now()) / 1000) + 1);
    return;
  }
  const player = new Player({
    name: 'k6f-' + __VU + '-' + __ITER,
    vu: __VU,
    seats: intEnv(__ENV, 'SEATS', 6),
    thinkMinMs: intEnv(__ENV, 'THINK_MIN_MS', 1000),
    thinkMaxMs: intEnv(__ENV, 'THINK_MAX_MS', 2000),
    random: rng(intEnv(__ENV, 'SEED', 1) * 100003 + __VU * 7919 + __ITER)
  }, metrics);
  const out = playSession({
    ws: ws, sleep: sleep, urls: URLS, firstUrl: __VU - 1, params: wsParams({ scenario: 'failover' }),
    player: player, endAt: endAt, reconnect: true,
    onConnectFailed: function (res, reconnecting) {
      if (!reconnecting) {
        errors.add(true, { request: 'connect', code: 'CONNECT_FAILED' });
      }
    }
  });
  sleep(Math.max(0, (exec.scenario.startTime + DURATION_MS - Date.now()) / 1000) + 1);
  sessions.add(1);
  check(out, { 'connected at least once': (o) => o.connects > 0 });
}
