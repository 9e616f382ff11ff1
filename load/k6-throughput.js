// k6: throughput. PLAYERS players act as soon as it is their turn, for DURATION; sustained actions per
// second (poker_actions) and action latency percentiles (poker_action_latency).
//
//   k6 run -e BASE_URL=ws://127.0.0.1:8080/ws -e PLAYERS=200 -e DURATION=60s load/k6-throughput.js
//
// Env: BASE_URL (several nodes: comma-separated), PLAYERS (60), DURATION (60s), SEATS (6),
// THINK_MIN_MS/THINK_MAX_MS (0), RAMP players started per second (50), SLO_P99_MS (200).
import ws from 'k6/ws';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Player, intEnv, parseDuration, parseUrls, playSession, rng, wsParams } from './k6/lib/poker.js';
import { SUMMARY_TREND_STATS, errors, playerMetrics, sessions } from './k6/lib/metrics.js';

const URLS = parseUrls(__ENV.BASE_URL);
const PLAYERS = intEnv(__ENV, 'PLAYERS', 60);
const DURATION_MS = parseDuration(__ENV.DURATION, 60000);
const RAMP = intEnv(__ENV, 'RAMP', 50);
const SLO_P99_MS = intEnv(__ENV, 'SLO_P99_MS', 200);

export const options = {
  scenarios: {
    throughput: {
      executor: 'constant-vus',
      vus: PLAYERS,
      duration: Math.ceil(DURATION_MS / 1000) + 's',
      gracefulStop: '10s'
    }
  },
  thresholds: {
    poker_action_latency: ['p(99)<' + SLO_P99_MS],
    poker_errors: ['rate<0.01'],
    poker_protocol_errors: ['count==0'],
    poker_actions: ['count>0'],
    checks: ['rate>0.99'],
    poker_sessions: ['count>0']
  },
  summaryTrendStats: SUMMARY_TREND_STATS
};

const metrics = playerMetrics();

export default function () {
  const endAt = exec.scenario.startTime + DURATION_MS - 2000;
  if (__ITER === 0) {
    sleep(((__VU - 1) % PLAYERS) / RAMP); // start at RAMP players per second
  }
  if (Date.now() > endAt - 1000) {
    // too late for a session: wait out the scenario rather than spin through empty iterations
    sleep(Math.max(0, (exec.scenario.startTime + DURATION_MS - Date.now()) / 1000) + 1);
    return;
  }
  const player = new Player({
    name: 'k6t-' + __VU + '-' + __ITER,
    vu: __VU,
    seats: intEnv(__ENV, 'SEATS', 6),
    thinkMinMs: intEnv(__ENV, 'THINK_MIN_MS', 0),
    thinkMaxMs: intEnv(__ENV, 'THINK_MAX_MS', 0),
    random: rng(intEnv(__ENV, 'SEED', 1) * 100003 + __VU * 7919 + __ITER)
  }, metrics);
  const out = playSession({
    ws: ws, sleep: sleep, urls: URLS, firstUrl: __VU - 1, params: wsParams({ scenario: 'throughput' }),
    player: player, endAt: endAt, reconnect: false,
    onConnectFailed: function () { errors.add(true, { request: 'connect', code: 'CONNECT_FAILED' }); }
  });
  sleep(Math.max(0, (exec.scenario.startTime + DURATION_MS - Date.now()) / 1000) + 1);
  sessions.add(1);
  check(out, { 'connected (101)': (o) => o.statuses.length > 0 && o.statuses[0] === 101 });
}
