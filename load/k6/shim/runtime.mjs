// The VU side of the shim: what the fake k6 modules share inside one worker thread (one VU), and how the
// worker talks to the main thread.
//
// A VU blocks the way k6 blocks (ws.connect returns when the socket is closed; sleep sleeps): the socket
// itself lives on the main thread, and the worker waits with Atomics.wait on a shared counter that the
// main thread bumps after every message it posts, then reads the messages synchronously with
// receiveMessageOnPort.
import { isMainThread, parentPort, receiveMessageOnPort } from 'node:worker_threads';

export const rt = {
  inVu: false,
  vu: 0,
  scenario: '',
  executor: '',
  scenarioStart: 0,
  iterInVu: 0,
  iterInScenario: 0,
  port: null,
  sig: null,
  socketSeq: 0,
  samples: [],
  defined: new Set()
};

// Metric definitions made on the main thread (reading the script's options) land here.
const mainDefs = (globalThis.__k6shimDefs = globalThis.__k6shimDefs || new Map());

export function init(data) {
  rt.inVu = true;
  rt.vu = data.vu;
  rt.scenario = data.scenario;
  rt.executor = data.executor;
  rt.port = data.port;
  rt.sig = new Int32Array(data.sig);
}

export function post(msg) {
  parentPort.postMessage(msg);
}

export function define(name, type, isTime) {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/.test(name)) {
    throw new Error('invalid metric name: ' + name);
  }
  if (isMainThread) {
    mainDefs.set(name, { type, isTime: !!isTime });
  } else if (!rt.defined.has(name)) {
    rt.defined.add(name);
    post({ op: 'define', name, type, isTime: !!isTime });
  }
}

export function sample(name, value, tags) {
  if (!rt.inVu) {
    throw new Error('metrics can only be added while a VU runs (not in the init context)');
  }
  rt.samples.push([name, Number(value), tags || null]);
  if (rt.samples.length >= 200) {
    flush();
  }
}

export function flush() {
  if (rt.samples.length) {
    post({ op: 'metrics', samples: rt.samples });
    rt.samples = [];
  }
}

const early = [];

export function interrupted() {
  return rt.sig !== null && Atomics.load(rt.sig, 1) === 1;
}

// The next message from the main thread, or null once `deadline` (ms since the epoch) has passed or the
// VU is interrupted. Samples are flushed before blocking.
export function next(deadline) {
  if (early.length) return early.shift();
  flush();
  for (;;) {
    let m = receiveMessageOnPort(rt.port);
    if (m) return m.message;
    const seen = Atomics.load(rt.sig, 0);
    m = receiveMessageOnPort(rt.port);
    if (m) return m.message;
    if (interrupted()) return null;
    const wait = deadline - Date.now();
    if (wait <= 0) return null;
    Atomics.wait(rt.sig, 0, seen, Math.min(wait, 1000));
  }
}

// Blocks for `ms` (k6's sleep), returning early when the VU is interrupted. Messages that arrive
// meanwhile are kept for the caller of next().
export function pause(ms) {
  const until = Date.now() + ms;
  flush();
  while (!interrupted()) {
    const wait = until - Date.now();
    if (wait <= 0) return;
    const seen = Atomics.load(rt.sig, 0);
    Atomics.wait(rt.sig, 0, seen, Math.min(wait, 200));
    let m;
    while ((m = receiveMessageOnPort(rt.port))) early.push(m.message);
  }
}
