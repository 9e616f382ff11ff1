// Tests of the k6 scripts' protocol logic (load/k6/lib/poker.js), against a scripted server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Player, buyIn, decide, isLegal, parseDuration, parseUrls, passive, rng, wsParams
} from '../lib/poker.js';

function harness(config) {
  const sent = [];
  const timers = [];
  const events = { protocol: [], actions: [], requests: [], resumed: [], disconnected: 0, tableResumed: [] };
  let now = 1000;
  const player = new Player(Object.assign({ name: 'p1', random: rng(7) }, config), {
    protocolError: (code, detail) => events.protocol.push(code + ' ' + detail),
    action: (corrected, raw, what) => events.actions.push({ corrected, raw, what }),
    request: (type, ok, ms, code) => events.requests.push({ type, ok, code }),
    resumed: (reconnect, resume) => events.resumed.push({ reconnect, resume }),
    disconnected: () => events.disconnected++,
    tableResumed: (gap) => events.tableResumed.push(gap)
  });
  const io = {
    send: (text) => sent.push(JSON.parse(text)),
    setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
    close: () => sent.push({ type: '<close>' }),
    now: () => now
  };
  return {
    player, sent, events, io,
    last: () => sent[sent.length - 1],
    recv: (msg) => player.onMessage(JSON.stringify(msg)),
    advance(ms) {
      now += ms;
      for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
        if (t.at <= now) t.fn(); else timers.push(t);
      }
    },
    get now() { return now; }
  };
}

const TABLE = { id: 't1', name: 'x', seats: 6, players: 2, smallBlind: 1, bigBlind: 2, ante: 0, minBuyIn: 40, maxBuyIn: 200, handsPlayed: 0 };
const VIEW = { id: 't1', name: 'x', seats: 6, smallBlind: 1, bigBlind: 2, ante: 0, anteType: 'none', minBuyIn: 40, maxBuyIn: 200,
  actionTimeMs: 15000, hand: 0, board: [], pots: [], players: [
    { seat: 0, account: 'a0', name: 'a', stack: 200, bet: 0 }, { seat: 1, account: 'a1', name: 'b', stack: 200, bet: 0 }] };

function seat(h) {
  h.player.attach(h.io);
  h.player.onOpen();
  assert.deepEqual(h.last(), { type: 'hello', name: 'p1', id: 'r1' });
  h.recv({ type: 'welcome', id: 'r1', account: 'me', name: 'p1', balance: 100000, token: 'tok1' });
  assert.equal(h.last().type, 'list_tables');
  h.recv({ type: 'tables', id: h.last().id, tables: [TABLE, Object.assign({}, TABLE, { id: 'full', players: 6 })] });
  const join = h.last();
  assert.equal(join.type, 'join');
  assert.equal(join.table, 't1');
  assert.equal(join.lastSeq, undefined);
  h.recv({ type: 'snapshot', table: 't1', seq: 5, view: VIEW });
  h.recv({ type: 'ack', id: join.id, table: 't1', seq: 5 });
  const sit = h.last();
  assert.equal(sit.type, 'sit');
  assert.ok(sit.seat >= 2 && sit.seat <= 5, 'a free seat: ' + sit.seat);
  assert.equal(sit.buyIn, 200);
  h.recv({ type: 'event', table: 't1', seq: 6, hand: 0, event: { kind: 'seated', seat: sit.seat, account: 'me', name: 'p1', stack: 200 } });
  h.recv({ type: 'ack', id: sit.id, table: 't1', seq: 6 });
  assert.equal(h.player.state, 'seated');
  return sit.seat;
}

test('hello, lobby, join the fullest table with room, sit on a free seat with a legal buy-in', () => {
  const h = harness();
  seat(h);
  assert.deepEqual(h.events.protocol, []);
});

test('an empty lobby creates a table, then joins it', () => {
  const h = harness();
  h.player.attach(h.io);
  h.player.onOpen();
  h.recv({ type: 'welcome', id: 'r1', account: 'me', name: 'p1', balance: 100000, token: 't' });
  h.recv({ type: 'tables', id: h.last().id, tables: [] });
  const c = h.last();
  assert.equal(c.type, 'create_table');
  assert.equal(c.seats, 6);
  assert.ok(c.name.length >= 1 && c.name.length <= 64);
  assert.ok(c.smallBlind <= c.bigBlind && c.minBuyIn <= c.maxBuyIn);
  h.recv({ type: 'ack', id: c.id, table: 'new1', seq: 0 });
  assert.deepEqual({ type: h.last().type, table: h.last().table }, { type: 'join', table: 'new1' });
});

test('acts on your_turn after the think time, legally, with a fresh actionId; latency from the intended time', () => {
  const h = harness({ thinkMinMs: 100, thinkMaxMs: 100 });
  const s = seat(h);
  const ids = new Set();
  for (let hand = 1; hand <= 30; hand++) {
    const turn = { type: 'your_turn', table: 't1', hand, seat: s, actions: ['fold', 'call', 'raise', 'all_in'],
      callAmount: 2, minTo: 4, maxTo: 200, deadline: 1, timeBankMs: 0 };
    const before = h.sent.length;
    h.recv(turn);
    assert.equal(h.sent.length, before, 'nothing before the think time');
    h.advance(130); // the generator is 30 ms late
    const act = h.last();
    assert.equal(act.type, 'act');
    assert.equal(act.hand, hand);
    assert.equal(act.table, 't1');
    assert.ok(isLegal({ action: act.action, amount: act.amount }, turn), JSON.stringify(act));
    assert.ok(act.actionId.length >= 1 && act.actionId.length <= 64);
    assert.ok(!ids.has(act.actionId), 'unique actionIds');
    ids.add(act.actionId);
    h.advance(5);
    h.recv({ type: 'event', table: 't1', seq: 6 + hand, hand, event: { kind: 'action', seat: s, action: act.action === 'all_in' ? 'raise' : act.action, added: 2, betTo: 2, allIn: false, auto: false } });
    h.recv({ type: 'ack', id: act.id, table: 't1', seq: 6 + hand });
  }
  assert.equal(h.events.actions.length, 30);
  for (const a of h.events.actions) {
    assert.equal(a.corrected, 35); // from the intended send time: the 30 ms the generator was late + 5 ms
    assert.equal(a.raw, 5);
  }
  assert.deepEqual(h.events.protocol, []);
});

test('a repeated prompt for the same decision re-sends the same actionId once the first got no answer', () => {
  const h = harness();
  const s = seat(h);
  const turn = { type: 'your_turn', table: 't1', hand: 3, seat: s, actions: ['fold', 'check', 'bet', 'all_in'], callAmount: 0, minTo: 2, maxTo: 200 };
  h.recv(turn);
  const first = h.last();
  h.recv(turn); // in flight: nothing new
  assert.equal(h.last(), first);
  h.player.onClose(1006);
  h.player.attach(h.io);
  h.player.onOpen();
  assert.deepEqual(h.last(), { type: 'hello', token: 'tok1', id: h.last().id });
  h.recv({ type: 'welcome', id: h.last().id, account: 'me', name: 'p1', balance: 99800, token: 'tok2' });
  const join = h.last();
  assert.equal(join.type, 'join');
  assert.equal(join.lastSeq, 6);
  h.recv({ type: 'your_turn', table: 't1', hand: 3, seat: s, actions: turn.actions, callAmount: 0, minTo: 2, maxTo: 200 });
  const again = h.last();
  assert.equal(again.type, 'act');
  assert.equal(again.actionId, first.actionId);
  assert.notEqual(again.id, first.id);
  assert.equal(h.events.disconnected, 1);
  assert.equal(h.events.resumed.length, 0); // no table message yet after the welcome
});

test('after a reconnect the player resumes: catch-up events, then the table plays again', () => {
  const h = harness();
  const s = seat(h);
  h.advance(100);
  h.recv({ type: 'event', table: 't1', seq: 7, hand: 1, event: { kind: 'action', seat: 0, action: 'call', added: 1, betTo: 2, allIn: false, auto: false } });
  h.advance(50);
  h.player.onClose(1001);
  h.advance(2000);
  h.player.attach(h.io);
  h.player.onOpen();
  h.recv({ type: 'welcome', id: h.last().id, account: 'me', name: 'p1', balance: 99800, token: 'tok3' });
  const join = h.last();
  assert.equal(join.lastSeq, 7);
  h.advance(10);
  h.recv({ type: 'snapshot', table: 't1', seq: 9, view: Object.assign({}, VIEW, { players: VIEW.players.concat([{ seat: s, account: 'me', name: 'p1', stack: 200, bet: 0 }]), yourSeat: s }) });
  h.recv({ type: 'ack', id: join.id, table: 't1', seq: 9 });
  assert.equal(h.player.state, 'seated');
  assert.deepEqual(h.events.resumed, [{ reconnect: 2000, resume: 2010 }]);
  h.advance(500);
  h.recv({ type: 'event', table: 't1', seq: 10, hand: 2, event: { kind: 'action', seat: 1, action: 'fold', added: 0, betTo: 0, allIn: false, auto: false } });
  assert.deepEqual(h.events.tableResumed, [2560]);
});

test('a refused decision falls back to a passive one with a new actionId; a sequence gap is a protocol error', () => {
  const h = harness();
  const s = seat(h);
  const turn = { type: 'your_turn', table: 't1', hand: 1, seat: s, actions: ['fold', 'call', 'raise'], callAmount: 2, minTo: 4, maxTo: 200 };
  h.recv(turn);
  const act = h.last();
  h.recv({ type: 'error', id: act.id, code: 'BELOW_MIN_RAISE', message: 'x', retryable: false, table: 't1' });
  const again = h.last();
  assert.equal(again.type, 'act');
  assert.equal(again.action, 'call');
  assert.notEqual(again.actionId, act.actionId);
  assert.equal(h.events.protocol.length, 1);
  h.recv({ type: 'event', table: 't1', seq: 9, hand: 1, event: { kind: 'hand_ended', hand: 1 } });
  assert.match(h.events.protocol[1], /^SEQ_GAP expected 7, got 9/);
});

test('busted: top up to the buy-in, then sit in', () => {
  const h = harness();
  const s = seat(h);
  h.recv({ type: 'event', table: 't1', seq: 7, hand: 1, event: { kind: 'sat_out', seat: s, reason: 'busted' } });
  assert.deepEqual({ type: h.last().type, amount: h.last().amount }, { type: 'top_up', amount: 200 });
  h.recv({ type: 'ack', id: h.last().id, table: 't1', seq: 8 });
  assert.equal(h.last().type, 'sit_in');
});

test('a taken seat is not an error for the rate, and another free seat is tried', () => {
  const h = harness();
  h.player.attach(h.io);
  h.player.onOpen();
  h.recv({ type: 'welcome', id: 'r1', account: 'me', name: 'p1', balance: 100000, token: 't' });
  h.recv({ type: 'tables', id: h.last().id, tables: [TABLE] });
  const join = h.last();
  h.recv({ type: 'snapshot', table: 't1', seq: 5, view: VIEW });
  h.recv({ type: 'ack', id: join.id, table: 't1', seq: 5 });
  const sit = h.last();
  h.recv({ type: 'error', id: sit.id, code: 'SEAT_TAKEN', message: 'x', retryable: false, table: 't1' });
  const sit2 = h.last();
  assert.equal(sit2.type, 'sit');
  assert.notEqual(sit2.seat, sit.seat);
  assert.deepEqual(h.events.protocol, []);
});

test('the end of the session stands up, then closes', () => {
  const h = harness();
  seat(h);
  h.player.finish();
  assert.equal(h.last().type, 'leave');
  h.recv({ type: 'ack', id: h.last().id, table: 't1', seq: 9 });
  assert.equal(h.last().type, '<close>');
  h.player.onClose(1000);
  assert.equal(h.events.disconnected, 0);
});

test('decisions are always legal', () => {
  const random = rng(12345);
  const all = ['fold', 'check', 'call', 'bet', 'raise', 'all_in'];
  for (let i = 0; i < 5000; i++) {
    const actions = all.filter(() => random() < 0.6);
    if (actions.includes('check') && actions.includes('call')) actions.splice(actions.indexOf('call'), 1);
    if (actions.includes('bet') && actions.includes('raise')) actions.splice(actions.indexOf('raise'), 1);
    if (actions.length === 0) actions.push('fold');
    const minTo = 1 + Math.floor(random() * 50);
    const maxTo = random() < 0.2 ? minTo : minTo + Math.floor(random() * 500);
    const turn = { actions, minTo, maxTo, callAmount: 2 };
    const d = decide(turn, random);
    assert.ok(isLegal(d, turn), JSON.stringify({ turn, d }));
    const p = passive(turn);
    assert.ok(p === null || isLegal(p, turn));
  }
  assert.equal(isLegal({ action: 'raise', amount: 3 }, { actions: ['raise'], minTo: 4, maxTo: 10 }), false);
  assert.equal(isLegal({ action: 'raise', amount: 11 }, { actions: ['raise'], minTo: 4, maxTo: 10 }), false);
  assert.equal(isLegal({ action: 'call', amount: 2 }, { actions: ['call'] }), false);
  assert.equal(isLegal({ action: 'check' }, { actions: ['call'] }), false);
});

test('helpers', () => {
  assert.equal(buyIn({ minBuyIn: 40, maxBuyIn: 200, bigBlind: 2 }, 100000, 100), 200);
  assert.equal(buyIn({ minBuyIn: 40, maxBuyIn: 200, bigBlind: 2 }, 150, 100), 150);
  assert.equal(buyIn({ minBuyIn: 40, maxBuyIn: 200, bigBlind: 2 }, 39, 100), 0);
  assert.equal(buyIn({ minBuyIn: 40, maxBuyIn: 1000, bigBlind: 2 }, 100000, 10), 40);
  assert.equal(parseDuration('90s'), 90000);
  assert.equal(parseDuration('1m30s'), 90000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('45'), 45000);
  assert.equal(parseDuration(undefined, 7), 7);
  assert.throws(() => parseDuration('soon'));
  assert.deepEqual(parseUrls('ws://a/ws, ws://b/ws,'), ['ws://a/ws', 'ws://b/ws']);
  assert.deepEqual(parseUrls(undefined), ['ws://127.0.0.1:8080/ws']);
  assert.deepEqual(wsParams({ s: 'x' }), { headers: { 'Sec-WebSocket-Protocol': 'poker.v1' }, tags: { s: 'x' } });
});
