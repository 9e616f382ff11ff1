// k6: capacity. Players at human pace (think 2-4 s) are added in STEPS steps up to PLAYERS over
// DURATION; the run aborts as soon as p99 action latency goes over the goal (GOAL_P99_MS, 50 ms). The
// highest step reached before the abort (the "vus" line of the summary) is the node's capacity at that
// goal; a run that reaches PLAYERS without aborting means the node holds more.
//
//   k6 run -e BASE_URL=ws://127.0.0.1:8080/ws -e PLAYERS=1000 -e DURATION=10m load/k6-capacity.js
//
// Env: BASE_URL, PLAYERS (500), DURATION (5m), STEPS (5), SEATS (6), THINK_MIN_MS (2000),
// THINK_MAX_MS (4000), GOAL_P99_MS (50).
import ws from 'k6/ws';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Player, intEnv, parseDuration, parseUrls, playSession, rng, wsParams } from './k6/lib/poker.js';
import { SUMMARY_TREND_STATS, errors, playerMetrics, sessions } from './k6/lib/metrics.js';

const URLS = parseUrls(__ENV.BASE_URL);
const PLAYERS = intEnv(__ENV, 'PLAYERS', 500);
const DURATION_MS = parseDuration(__ENV.DURATION, 300000);
const STEPS = Math.max(1, intEnv(__ENV, 'STEPS', 5));
const GOAL_P99_MS = intEnv(__ENV, 'GOAL_P99_MS', 50);

// each step: a ramp over a fifth of it, then a hold
function stages() {
  const step = DURATION_MS / STEPS;
  const out = [];
  for (let i = 1; i <= STEPS; i++) {
    const target = Math.round(PLAYERS * i / STEPS);
    out.push({ duration: Math.max(1, Math.round(step * 0.2 / 1000)) + 's', target: target });
    out.push({ duration: Math.max(1, Math.round(step * 0.8 / 1000)) + 's', target: target });
  }
  return out;
}

export const options = {
  scenarios: {
    capacity: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: stages(),
      gracefulRampDown: '5s',
      gracefulStop: '10s'
    }
  },
  thresholds: {
    poker_action_latency: [{ threshold: 'p(99)<' + GOAL_P99_MS, abortOnFail: true, delayAbortEval: '20s' }],
    poker_errors: ['rate<0.01'],
    poker_protocol_errors: ['count==0'],
    checks: ['rate>0.99'],
    poker_sessions: ['count>0']
  },
  summaryTrendStats: SUMMARY_TREND_STATS
};

const metrics = playerMetrics();

export default function () {
  const endAt = exec.scenario.startTime + DURATION_MS - 2000;
  if (Date.now() > endAt - 1000) {
    sleep(Math.max(0, (exec.scenario.startTime + DURATION_MS - Date.now()) / 1000) + 1);
    return;
  }
  const player = new Player({
    name: 'k6c-' + __VU + '-' + __ITER,
    vu: __VU,
    seats: intEnv(__ENV, 'SEATS', 6),
    thinkMinMs: intEnv(__ENV, 'THINK_MIN_MS', 2000),
    thinkMaxMs: intEnv(__ENV, 'THINK_MAX_MS', 4000),
    random: rng(intEnv(__ENV, 'SEED', 1) * 100003 + __VU * 7919 + __ITER)
  }, metrics);
  const out = playSession({
    ws: ws, sleep: sleep, urls: URLS, firstUrl: __VU - 1, params: wsParams({ scenario: 'capacity' }),
    player: player, endAt: endAt, reconnect: false,
    onConnectFailed: function () { errors.add(true, { request: 'connect', code: 'CONNECT_FAILED' }); }
  });
  sessions.add(1);
  check(out, { 'connected (101)': (o) => o.statuses.length > 0 && o.statuses[0] === 101 });
}
