// Fake 'k6' for the shim: check, sleep, group, fail.
import { pause, rt, sample } from '../runtime.mjs';

export function check(value, checks, tags) {
  let all = true;
  for (const name of Object.keys(checks || {})) {
    let ok;
    try {
      const c = checks[name];
      ok = !!(typeof c === 'function' ? c(value) : c);
    } catch (e) {
      ok = false;
    }
    sample('checks', ok ? 1 : 0, Object.assign({ check: name }, tags || {}));
    all = all && ok;
  }
  return all;
}

export function sleep(seconds) {
  if (!rt.inVu) {
    throw new Error('sleep() is not allowed in the init context');
  }
  pause(Math.max(0, Number(seconds) * 1000));
}

export function group(name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message || 'fail() called');
}

export function randomSeed() {
  // the shim uses Math.random as is
}

export default { check, sleep, group, fail, randomSeed };
