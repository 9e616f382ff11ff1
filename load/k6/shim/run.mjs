#!/usr/bin/env node
// A small stand-in for `k6 run`, so that the k6 scripts' protocol logic can run against a real node where
// k6 is not installed. Usage:
//
//   node load/k6/shim/run.mjs [-e KEY=VALUE]... [--summary-export FILE] [--quiet] SCRIPT
//
// What it provides: the modules k6, k6/ws, k6/metrics and k6/execution (./modules), one worker thread per
// VU (each with its own init context, blocking in ws.connect and sleep as k6 does), the executors
// constant-vus, ramping-vus, per-vu-iterations, shared-iterations, constant-arrival-rate and
// ramping-arrival-rate (startTime, gracefulStop, gracefulRampDown), the options shortcuts vus/duration/
// iterations/stages, thresholds (abortOnFail too), an end-of-test summary, and --summary-export.
// WebSockets are real (./wsclient.mjs). It is not k6: no HTTP module, no setup/teardown data beyond
// calling setup() once, no cloud, no outputs. Exit status: 0, 99 when a threshold failed, 108 when the
// test was aborted by test.abort(), 1 on a shim or script error.
import { register } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { connect as wsConnect } from './wsclient.mjs';
import { Aggregator, evaluate, parseDuration, parseThresholds } from './aggregate.mjs';

register('./hooks.mjs', import.meta.url);

// ------------------------------------------------------------------ arguments

const args = process.argv.slice(2);
const cliEnv = {};
let summaryExport = null;
let quiet = false;
let script = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-e' || a === '--env') {
    const kv = args[++i] || '';
    const eq = kv.indexOf('=');
    if (eq <= 0) usage('-e needs KEY=VALUE');
    cliEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else if (a === '--summary-export') {
    summaryExport = args[++i];
  } else if (a === '--quiet' || a === '-q') {
    quiet = true;
  } else if (a === '-h' || a === '--help') {
    usage(null);
  } else if (a.startsWith('-')) {
    usage('unknown option ' + a);
  } else if (script === null) {
    script = a;
  } else {
    usage('one script only');
  }
}
if (!script) usage('which script?');

function usage(problem) {
  const text = 'usage: node load/k6/shim/run.mjs [-e KEY=VALUE]... [--summary-export FILE] [--quiet] SCRIPT';
  if (problem) {
    console.error('k6 shim: ' + problem + '\n' + text);
    process.exit(1);
  }
  console.log(text);
  process.exit(0);
}

const env = Object.assign({}, process.env, cliEnv);
globalThis.__ENV = env;
globalThis.__VU = 0;
globalThis.__ITER = 0;
const scriptPath = path.resolve(script);
const scriptUrl = pathToFileURL(scriptPath).href;
const log = (...a) => { if (!quiet) console.log(...a); };

// ------------------------------------------------------------------ the script's options

const mod = await import(scriptUrl);
const options = mod.options || {};
const agg = new Aggregator();
for (const [name, type, isTime] of [
  ['checks', 'rate', false], ['iterations', 'counter', false], ['iteration_duration', 'trend', true],
  ['ws_connecting', 'trend', true], ['ws_sessions', 'counter', false], ['ws_msgs_sent', 'counter', false],
  ['ws_msgs_received', 'counter', false], ['ws_session_duration', 'trend', true], ['vus', 'gauge', false],
  ['vus_max', 'gauge', false], ['dropped_iterations', 'counter', false]
]) {
  agg.define(name, type, isTime);
}
for (const [name, d] of globalThis.__k6shimDefs || new Map()) {
  agg.define(name, d.type, d.isTime);
}
const thresholds = parseThresholds(options.thresholds);

function scenarioList() {
  if (options.scenarios && Object.keys(options.scenarios).length) {
    return Object.entries(options.scenarios).map(([name, s]) => Object.assign({ name }, s));
  }
  if (options.stages) {
    return [{ name: 'default', executor: 'ramping-vus', startVUs: options.vus || 1, stages: options.stages }];
  }
  if (options.iterations) {
    return [{ name: 'default', executor: 'shared-iterations', vus: options.vus || 1, iterations: options.iterations }];
  }
  if (options.duration) {
    return [{ name: 'default', executor: 'constant-vus', vus: options.vus || 1, duration: options.duration }];
  }
  return [{ name: 'default', executor: 'per-vu-iterations', vus: options.vus || 1, iterations: 1 }];
}

let setupData;
if (typeof mod.setup === 'function') {
  setupData = mod.setup();
}

// ------------------------------------------------------------------ VUs

let nextVuId = 1;
const allVus = [];
const iterationErrors = [];
let aborted = null;
let testStart = Date.now();

class Vu {
  constructor(scn) {
    this.id = nextVuId++;
    this.scn = scn;
    this.index = scn.vus.length;
    this.state = 'starting';
    this.iterInVu = 0;
    this.pendingIterate = false;
    this.sockets = new Map();
    this.sigBuffer = new SharedArrayBuffer(8);
    this.sig = new Int32Array(this.sigBuffer);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./vu.mjs', import.meta.url), {
      workerData: {
        vu: this.id, scenario: scn.name, executor: scn.executor, exec: scn.exec || 'default', env: Object.assign({}, env, scn.env || {}),
        scriptUrl, port: port2, sig: this.sigBuffer, setupData
      },
      transferList: [port2]
    });
    this.exited = new Promise((resolve) => { this.resolveExited = resolve; });
    this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    this.worker.on('message', (m) => this.onMessage(m));
    this.worker.on('error', (e) => {
      console.error('k6 shim: VU ' + this.id + ' failed: ' + (e && e.stack ? e.stack : e));
      iterationErrors.push(String(e));
      this.finish();
    });
    this.worker.on('exit', () => this.finish());
    scn.vus.push(this);
    allVus.push(this);
  }

  send(msg) {
    this.port.postMessage(msg);
    Atomics.add(this.sig, 0, 1);
    Atomics.notify(this.sig, 0);
  }

  iterate() {
    this.state = 'busy';
    this.pendingIterate = false;
    this.interruptAt = 0;
    Atomics.store(this.sig, 1, 0);
    this.send({ ctl: 'iterate', scenarioStart: this.scn.startedAt, iterInVu: this.iterInVu++, iterInScenario: this.scn.iterations++ });
  }

  interrupt() {
    Atomics.store(this.sig, 1, 1);
    Atomics.add(this.sig, 0, 1);
    Atomics.notify(this.sig, 0);
  }

  stop() {
    if (this.state === 'stopped' || this.state === 'exited') return;
    this.state = 'stopped';
    this.send({ ctl: 'stop' });
    setTimeout(() => this.worker.terminate(), 5000).unref();
    this.scn.check();
  }

  finish() {
    if (this.state === 'exited') return;
    this.state = 'exited';
    this.resolveReady();
    for (const s of this.sockets.values()) s.close(1001);
    this.sockets.clear();
    this.resolveExited();
    this.scn.check();
  }

  onMessage(m) {
    switch (m.op) {
      case 'ready':
        this.state = 'idle';
        this.resolveReady();
        this.scn.onReady(this);
        break;
      case 'define':
        agg.define(m.name, m.type, m.isTime);
        break;
      case 'metrics':
        for (const [name, value, tags] of m.samples) agg.add(name, value, tags);
        break;
      case 'open': {
        const id = m.id;
        const sock = wsConnect(m.url, m.headers, {
          onOpen: (r) => this.send({ id, ev: 'open', status: r.status, headers: r.headers }),
          onFailed: (r) => {
            this.sockets.delete(id);
            this.send({ id, ev: 'failed', status: r.status, error: r.error });
          },
          onMessage: (data) => this.send({ id, ev: 'message', data }),
          onPing: () => this.send({ id, ev: 'ping' }),
          onPong: () => this.send({ id, ev: 'pong' }),
          onError: (error) => this.send({ id, ev: 'error', error }),
          onClose: (code) => {
            this.sockets.delete(id);
            this.send({ id, ev: 'close', code });
          }
        });
        this.sockets.set(id, sock);
        break;
      }
      case 'send': {
        const s = this.sockets.get(m.id);
        if (s) s.send(m.data);
        break;
      }
      case 'ping': {
        const s = this.sockets.get(m.id);
        if (s) s.ping();
        break;
      }
      case 'close': {
        const s = this.sockets.get(m.id);
        if (s) {
          this.sockets.delete(m.id);
          s.close(m.code);
        }
        break;
      }
      case 'done':
        if (m.error) {
          iterationErrors.push(m.error);
          if (iterationErrors.length <= 5) console.error('k6 shim: VU ' + this.id + ' iteration failed: ' + m.error);
        }
        this.state = 'idle';
        this.scn.onDone(this);
        break;
      case 'log':
        (m.level === 'error' || m.level === 'warn' ? console.error : console.log)(`VU ${this.id}: ${m.text}`);
        break;
      case 'abort':
        abortTest('test.abort(): ' + m.message, 108);
        break;
      case 'fatal':
        console.error('k6 shim: VU ' + this.id + ': ' + m.message);
        iterationErrors.push(m.message);
        this.finish();
        break;
      case 'exited':
        this.worker.terminate();
        break;
      default:
        break;
    }
  }
}

// ------------------------------------------------------------------ executors

function stagesValue(start, stages, t) {
  // piecewise linear from `start` through the stages' targets; null after the last stage
  let from = start;
  let at = 0;
  for (const s of stages) {
    const d = parseDuration(s.duration);
    if (t <= at + d) return d === 0 ? s.target : from + (s.target - from) * ((t - at) / d);
    at += d;
    from = s.target;
  }
  return null;
}

function stagesLength(stages) {
  return stages.reduce((a, s) => a + parseDuration(s.duration), 0);
}

class Scenario {
  constructor(spec) {
    this.spec = spec;
    this.name = spec.name;
    this.executor = spec.executor;
    this.exec = spec.exec;
    this.env = spec.env;
    this.vus = [];
    this.iterations = 0;
    this.startedAt = 0;
    this.ending = false;
    this.dispatched = 0;
    this.gracefulStopMs = spec.gracefulStop !== undefined ? parseDuration(spec.gracefulStop) : 30000;
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
    const ms = (v, d) => (v !== undefined ? parseDuration(v) : d);
    switch (this.executor) {
      case 'constant-vus':
        this.durationMs = ms(spec.duration, 0);
        this.target = () => spec.vus || 1;
        break;
      case 'ramping-vus':
        this.durationMs = stagesLength(spec.stages || []);
        this.gracefulRampDownMs = ms(spec.gracefulRampDown, 30000);
        this.target = (t) => {
          const v = stagesValue(spec.startVUs !== undefined ? spec.startVUs : 1, spec.stages || [], t);
          return Math.round(v === null ? 0 : v);
        };
        break;
      case 'per-vu-iterations':
      case 'shared-iterations':
        this.durationMs = ms(spec.maxDuration, 600000);
        this.target = () => spec.vus || 1;
        this.left = this.executor === 'shared-iterations' ? spec.iterations || 1 : Infinity;
        this.perVu = this.executor === 'per-vu-iterations' ? spec.iterations || 1 : Infinity;
        break;
      case 'constant-arrival-rate':
      case 'ramping-arrival-rate': {
        const unit = ms(spec.timeUnit, 1000);
        if (this.executor === 'constant-arrival-rate') {
          this.durationMs = ms(spec.duration, 0);
          this.rateAt = () => spec.rate / unit;
        } else {
          this.durationMs = stagesLength(spec.stages || []);
          this.rateAt = (t) => {
            const v = stagesValue(spec.startRate || 0, spec.stages || [], t);
            return (v === null ? 0 : v) / unit;
          };
        }
        this.maxVus = Math.max(spec.maxVUs || 0, spec.preAllocatedVUs || 1);
        this.target = () => spec.preAllocatedVUs || 1;
        break;
      }
      default:
        throw new Error('the shim does not know the executor ' + this.executor);
    }
  }

  arrival() {
    return this.executor === 'constant-arrival-rate' || this.executor === 'ramping-arrival-rate';
  }

  // VUs made (and their init code run) before the scenario's clock starts, as k6 does
  initialVus() {
    if (this.executor === 'ramping-vus') {
      const s = this.spec;
      return Math.max(s.startVUs !== undefined ? s.startVUs : 1, ...(s.stages || []).map((x) => x.target));
    }
    return this.target(0);
  }

  prepare() {
    for (let i = 0; i < this.initialVus(); i++) new Vu(this);
    return Promise.all(this.vus.map((v) => v.ready));
  }

  start() {
    this.startedAt = Date.now();
    if (this.arrival()) {
      this.owed = 1; // as in k6, the first iteration starts at once, then one every 1/rate
      this.lastTick = this.startedAt;
    }
    this.timer = setInterval(() => this.tick(), this.arrival() ? 5 : 100);
    this.tick();
  }

  elapsed() {
    return Date.now() - this.startedAt;
  }

  active(vu) {
    if (this.ending || aborted) return false;
    if (this.executor === 'ramping-vus') return vu.index < this.target(this.elapsed());
    if (this.executor === 'per-vu-iterations') return vu.iterInVu < this.perVu;
    if (this.executor === 'shared-iterations') return this.left > 0;
    return true;
  }

  runOne(vu) {
    if (this.executor === 'shared-iterations') this.left--;
    vu.iterate();
  }

  tick() {
    const t = this.elapsed();
    if (!this.ending && (aborted || t >= this.durationMs || this.allDone())) {
      this.end();
      return;
    }
    if (this.ending) return;
    if (this.arrival()) {
      const now = Date.now();
      this.owed += this.rateAt(t) * (now - this.lastTick);
      this.lastTick = now;
      while (this.owed >= 1) {
        this.owed -= 1;
        const idle = this.vus.find((v) => v.state === 'idle' && !v.pendingIterate);
        if (idle) {
          this.runOne(idle);
        } else if (this.vus.length < this.maxVus) {
          new Vu(this).pendingIterate = true;
        } else {
          agg.add('dropped_iterations', 1, { scenario: this.name });
        }
      }
      return;
    }
    const want = this.executor === 'ramping-vus' ? this.target(t) : this.target();
    while (this.vus.length < want) new Vu(this);
    for (const vu of this.vus) {
      if (vu.state === 'idle' && this.active(vu)) {
        this.runOne(vu);
      } else if (vu.state === 'busy' && this.executor === 'ramping-vus' && vu.index >= want) {
        if (!vu.interruptAt) vu.interruptAt = Date.now() + this.gracefulRampDownMs;
        else if (Date.now() >= vu.interruptAt) vu.interrupt();
      }
    }
  }

  allDone() {
    if (this.executor === 'per-vu-iterations') {
      return this.vus.length >= this.target() && this.vus.every((v) => v.iterInVu >= this.perVu && v.state !== 'busy');
    }
    if (this.executor === 'shared-iterations') {
      return this.left <= 0 && this.vus.every((v) => v.state !== 'busy');
    }
    return false;
  }

  onReady(vu) {
    if (!this.startedAt) {
      return; // initialized ahead of the start
    }
    if (vu.pendingIterate && !this.ending && !aborted) {
      this.runOne(vu);
    } else if (this.ending || aborted) {
      vu.stop();
    } else if (!this.arrival() && this.active(vu)) {
      this.runOne(vu);
    }
  }

  onDone(vu) {
    if (this.ending || aborted) {
      vu.stop();
    } else if (!this.arrival() && this.active(vu)) {
      this.runOne(vu);
    }
  }

  end() {
    this.ending = true;
    clearInterval(this.timer);
    for (const vu of this.vus) {
      if (vu.state === 'idle' || vu.state === 'starting') vu.stop();
    }
    const grace = aborted ? 0 : this.gracefulStopMs;
    setTimeout(() => {
      for (const vu of this.vus) if (vu.state === 'busy') vu.interrupt();
      // a VU that does not come back from an interrupt is terminated
      setTimeout(() => { for (const vu of this.vus) if (vu.state !== 'exited') vu.worker.terminate(); }, 10000).unref();
    }, grace).unref();
    this.check();
  }

  check() {
    if (this.ending && this.vus.every((v) => v.state === 'exited' || v.state === 'stopped')) {
      Promise.all(this.vus.map((v) => v.exited)).then(() => this.resolveDone());
    }
  }
}

function abortTest(why, code) {
  if (aborted) return;
  aborted = { why, code };
  console.error('k6 shim: aborting: ' + why);
  for (const s of scenarios) s.tick();
}

// ------------------------------------------------------------------ run

const scenarios = scenarioList().map((s) => new Scenario(s));
const maxEnd = Math.max(...scenarios.map((s) => (s.spec.startTime ? parseDuration(s.spec.startTime) : 0) + s.durationMs + s.gracefulStopMs));
log(`k6 shim: ${path.relative(process.cwd(), scriptPath)}: ${scenarios.length} scenario(s), at most ${(maxEnd / 1000).toFixed(0)} s`);
const initStart = Date.now();
await Promise.all(scenarios.map((s) => s.prepare()));
log(`  ${allVus.length} VUs initialized in ${((Date.now() - initStart) / 1000).toFixed(1)} s`);
agg.startedAt = Date.now();
testStart = agg.startedAt;
for (const s of scenarios) {
  log(`  * ${s.name}: ${s.executor}, ${(s.durationMs / 1000).toFixed(1)} s (gracefulStop ${(s.gracefulStopMs / 1000).toFixed(0)} s)`);
  const delay = s.spec.startTime ? parseDuration(s.spec.startTime) : 0;
  setTimeout(() => s.start(), delay);
}

const gauges = setInterval(() => {
  const busy = allVus.filter((v) => v.state === 'busy').length;
  agg.add('vus', busy, null);
  agg.add('vus_max', allVus.length, null);
  if (!quiet) {
    const t = ((Date.now() - testStart) / 1000).toFixed(0);
    const it = agg.stats('iterations').count;
    process.stdout.write(`running (${t}s), ${busy}/${allVus.length} VUs, ${it} complete iterations\n`);
  }
  for (const th of thresholds) {
    if (th.abortOnFail && Date.now() - testStart >= th.delayAbortEvalMs && !evaluate(agg, th).ok) {
      abortTest(`threshold ${th.key}: '${th.source}' crossed`, 99);
    }
  }
}, 1000);

const hardStop = setTimeout(() => {
  console.error('k6 shim: the run outlived its scenarios by 30 s; terminating the VUs');
  for (const v of allVus) v.worker.terminate();
}, maxEnd + 30000);
hardStop.unref();

await Promise.all(scenarios.map((s) => s.done));
clearInterval(gauges);
agg.endedAt = Date.now();

if (typeof mod.teardown === 'function') {
  try {
    mod.teardown(setupData);
  } catch (e) {
    console.error('k6 shim: teardown failed: ' + e);
  }
}

// ------------------------------------------------------------------ summary

const results = thresholds.map((t) => Object.assign({ t }, evaluate(agg, t)));
const failed = results.filter((r) => !r.ok);
const fmt = (name, v) => {
  const def = agg.defs.get(name);
  if (typeof v !== 'number') return String(v);
  if (def && def.isTime) return v >= 1000 ? (v / 1000).toFixed(2) + 's' : v.toFixed(2) + 'ms';
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
};
const lines = [];
for (const name of [...agg.defs.keys()].sort()) {
  const s = agg.stats(name);
  const def = agg.defs.get(name);
  if (!agg.samples.has(name) && !thresholds.some((t) => t.name === name)) continue;
  const mark = results.some((r) => r.t.name === name) ? (results.some((r) => r.t.name === name && !r.ok) ? '✗' : '✓') : ' ';
  let text;
  if (def.type === 'trend') {
    text = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'].map((k) => k + '=' + fmt(name, s[k])).join(' ');
  } else if (def.type === 'rate') {
    text = (100 * s.rate).toFixed(2) + '% ✓ ' + s.passes + ' ✗ ' + s.fails;
  } else if (def.type === 'counter') {
    text = fmt(name, s.count) + ' ' + s.rate.toFixed(2) + '/s';
  } else {
    text = 'value=' + s.value + ' min=' + s.min + ' max=' + s.max;
  }
  lines.push(`  ${mark} ${(name + ' ').padEnd(30, '.')}: ${text}`);
}
console.log('\n' + lines.join('\n'));
if (results.length) {
  console.log('\n  thresholds:');
  for (const r of results) {
    const actual = r.actual === undefined ? 'no such metric' : `${r.t.stat}=${fmt(r.t.name, r.actual)}`;
    console.log(`    ${r.ok ? '✓' : '✗'} ${r.t.key}: '${r.t.source}' (${actual})`);
  }
}
for (const name of ['poker_errors', 'poker_protocol_errors']) {
  if (agg.defs.has(name)) {
    const b = agg.breakdown(name, 'code');
    if (Object.keys(b).length) console.log(`  ${name} by code: ${JSON.stringify(b)}`);
  }
}
if (iterationErrors.length) {
  console.log(`\n  ${iterationErrors.length} iteration(s) threw an exception`);
}

if (summaryExport) {
  const metrics = {};
  for (const name of agg.defs.keys()) {
    const def = agg.defs.get(name);
    const m = { type: def.type, contains: def.isTime ? 'time' : 'default', values: agg.stats(name) };
    if (def.type === 'rate' || def.type === 'counter') {
      const byCode = agg.breakdown(name, 'code');
      if (Object.keys(byCode).length) m.byCode = byCode;
    }
    const ths = results.filter((r) => r.t.name === name);
    if (ths.length) {
      m.thresholds = {};
      for (const r of ths) m.thresholds[r.t.key === name ? r.t.source : r.t.key + ': ' + r.t.source] = { ok: r.ok, actual: r.actual };
    }
    metrics[name] = m;
  }
  const out = {
    script: scriptPath,
    durationMs: agg.endedAt - testStart,
    thresholdsOk: failed.length === 0,
    aborted: aborted ? aborted.why : null,
    iterationErrors: iterationErrors.length,
    firstIterationErrors: iterationErrors.slice(0, 5),
    metrics
  };
  fs.mkdirSync(path.dirname(path.resolve(summaryExport)), { recursive: true });
  fs.writeFileSync(summaryExport, JSON.stringify(out, null, 2) + '\n');
}

const code = aborted && aborted.code === 108 ? 108 : failed.length ? 99 : 0;
if (failed.length) console.error(`k6 shim: ${failed.length} threshold(s) crossed`);
process.exit(code);
