// The k6 metrics the poker scripts record, and the callbacks that feed them from a Player (poker.js).
import { Counter, Rate, Trend } from 'k6/metrics';

// From the intended send time (your_turn received + think time) until the player has its own action
// event. k6 runs each player in its own VU, so "every player at the table" (what ./poker load measures)
// cannot be observed here; this is the acting player's view.
export var actionLatency = new Trend('poker_action_latency', true);
// The same from the moment the act frame was sent (not corrected for coordinated omission).
export var actionLatencyRaw = new Trend('poker_action_latency_raw', true);
// Every answer to a request: true when it was an error (and for connections lost unexpectedly).
export var errors = new Rate('poker_errors');
// Errors a correct client never gets (an illegal amount, a sequence gap, ...): must stay 0.
export var protocolErrors = new Counter('poker_protocol_errors');
export var actions = new Counter('poker_actions');
export var hands = new Counter('poker_hands');
export var timeToSeat = new Trend('poker_time_to_seat', true);
export var disconnects = new Counter('poker_disconnects');
export var reconnectTime = new Trend('poker_reconnect_time', true);
export var resumeTime = new Trend('poker_resume_time', true);
export var tableResumeGap = new Trend('poker_table_resume_gap', true);
export var timedOut = new Counter('poker_timed_out');
export var seatRaces = new Counter('poker_seat_races');
// Sessions that ended and were checked: a threshold count>0 beside checks rate>0.99, which passes when no
// check ran at all.
export var sessions = new Counter('poker_sessions');
// The trend statistics every script's summary shows: the SLOs are on p(99).
export var SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];

// Callbacks for new Player(config, playerMetrics()). options.disconnectIsError (default true): whether a
// lost connection counts in poker_errors (the failover script expects them and measures them instead).
export function playerMetrics(options) {
  var disconnectIsError = !options || options.disconnectIsError !== false;
  return {
    request: function (type, ok, ms, code) {
      if (code === 'SEAT_TAKEN') {
        seatRaces.add(1); // two players chose the same free seat at once: expected, and handled
        return;
      }
      errors.add(!ok, { request: type, code: code || 'ok' });
    },
    protocolError: function (code, detail) {
      protocolErrors.add(1, { code: code });
      console.error('protocol error ' + code + ': ' + detail);
    },
    action: function (correctedMs, rawMs) {
      actionLatency.add(correctedMs);
      actionLatencyRaw.add(rawMs);
      actions.add(1);
    },
    hand: function () { hands.add(1); },
    seated: function (ms) { timeToSeat.add(ms); },
    timedOut: function () { timedOut.add(1); },
    disconnected: function () {
      disconnects.add(1);
      if (disconnectIsError) {
        errors.add(true, { request: 'connection', code: 'DISCONNECTED' });
      }
    },
    resumed: function (reconnectMs, resumeMs) {
      reconnectTime.add(reconnectMs);
      resumeTime.add(resumeMs);
    },
    tableResumed: function (gapMs) { tableResumeGap.add(gapMs); }
  };
}
