// One VU of the k6 shim (a worker thread): imports the script (its own init context, as in k6), then runs
// the scenario's exec function whenever the main thread says so.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./hooks.mjs', import.meta.url);

const runtime = await import('./runtime.mjs');
const { rt, init, post, next, flush } = runtime;

init(workerData);
// console output goes through the main thread, in order, and is not lost when the run ends
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...a) => post({ op: 'log', level, text: a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ') });
}
globalThis.__ENV = workerData.env;
globalThis.__VU = workerData.vu;
globalThis.__ITER = 0;

let mod;
try {
  mod = await import(workerData.scriptUrl);
} catch (e) {
  post({ op: 'fatal', message: 'init: ' + (e && e.stack ? e.stack : e) });
  throw e;
}
const fn = workerData.exec === 'default' ? mod.default : mod[workerData.exec];
if (typeof fn !== 'function') {
  post({ op: 'fatal', message: 'the script exports no function ' + workerData.exec });
} else {
  post({ op: 'ready' });
  for (;;) {
    const cmd = next(Date.now() + 3600 * 1000);
    if (cmd === null || cmd.ctl === undefined) {
      continue; // interrupted while idle, or late socket news
    }
    if (cmd.ctl === 'stop') {
      break;
    }
    if (cmd.ctl === 'iterate') {
      rt.scenarioStart = cmd.scenarioStart;
      rt.iterInVu = cmd.iterInVu;
      rt.iterInScenario = cmd.iterInScenario;
      globalThis.__ITER = cmd.iterInVu;
      const started = Date.now();
      let error = null;
      try {
        fn(workerData.setupData);
      } catch (e) {
        error = e && e.stack ? String(e.stack) : String(e);
      }
      runtime.sample('iterations', 1, { scenario: rt.scenario });
      runtime.sample('iteration_duration', Date.now() - started, { scenario: rt.scenario });
      flush();
      post({ op: 'done', error, interrupted: runtime.interrupted() });
    }
  }
}
flush();
post({ op: 'exited' });
rt.port.close();
