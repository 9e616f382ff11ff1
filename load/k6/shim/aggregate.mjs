// Metric aggregation and thresholds for the k6 shim, with k6's semantics where the scripts rely on them:
// Trend (avg, min, med, max, p(N)), Counter (count, rate per second), Rate (rate: share of non-zero
// samples), Gauge (value, min, max); thresholds such as 'p(99)<200', 'rate<0.01', 'count==0', on a
// metric or a tagged sub-metric ('poker_errors{request:act}'), with { threshold, abortOnFail,
// delayAbortEval }.

export function parseDuration(text) {
  if (typeof text === 'number') return text * 1000;
  const s = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseFloat(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  let m;
  while ((m = re.exec(s)) !== null) {
    const n = parseFloat(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60000 : n * 3600000;
    matched += m[0];
  }
  if (!matched || matched !== s) throw new Error('not a duration: ' + text);
  return total;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  // k6: linear interpolation between the closest ranks
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export class Aggregator {
  constructor() {
    this.defs = new Map(); // name -> { type, isTime }
    this.samples = new Map(); // name -> [[value, tags], ...]
    this.startedAt = Date.now();
    this.endedAt = 0;
  }

  define(name, type, isTime) {
    const d = this.defs.get(name);
    if (d && d.type !== type) {
      throw new Error('metric ' + name + ' defined as ' + d.type + ' and ' + type);
    }
    if (!d) this.defs.set(name, { type, isTime: !!isTime });
  }

  add(name, value, tags) {
    if (!this.defs.has(name)) throw new Error('metric ' + name + ' was never defined');
    let list = this.samples.get(name);
    if (!list) {
      list = [];
      this.samples.set(name, list);
    }
    list.push([value, tags || null]);
  }

  values(name, filter) {
    const list = this.samples.get(name) || [];
    if (!filter) return list.map((s) => s[0]);
    const out = [];
    for (const [v, tags] of list) {
      let ok = true;
      for (const [k, want] of Object.entries(filter)) {
        if (!tags || String(tags[k]) !== want) {
          ok = false;
          break;
        }
      }
      if (ok) out.push(v);
    }
    return out;
  }

  // Non-zero samples counted by the values of one tag ({ code: { TIMEOUT: 3 } }): where errors came from.
  breakdown(name, tag) {
    const out = {};
    for (const [v, tags] of this.samples.get(name) || []) {
      if (v && tags && tags[tag] !== undefined) {
        out[tags[tag]] = (out[tags[tag]] || 0) + (this.defs.get(name).type === 'counter' ? v : 1);
      }
    }
    return out;
  }

  // The figures of one metric (or sub-metric) as k6 shows them.
  stats(name, filter) {
    const def = this.defs.get(name);
    if (!def) return null;
    const vals = this.values(name, filter);
    const seconds = Math.max(0.001, ((this.endedAt || Date.now()) - this.startedAt) / 1000);
    switch (def.type) {
      case 'counter': {
        const count = vals.reduce((a, b) => a + b, 0);
        return { count, rate: count / seconds };
      }
      case 'rate': {
        const passes = vals.filter((v) => v !== 0).length;
        return { rate: vals.length ? passes / vals.length : 0, passes, fails: vals.length - passes, total: vals.length };
      }
      case 'gauge': {
        return {
          value: vals.length ? vals[vals.length - 1] : 0,
          min: vals.length ? Math.min(...vals) : 0,
          max: vals.length ? Math.max(...vals) : 0
        };
      }
      default: {
        const sorted = vals.slice().sort((a, b) => a - b);
        const out = {
          count: sorted.length,
          avg: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
          min: sorted.length ? sorted[0] : 0,
          med: percentile(sorted, 50),
          max: sorted.length ? sorted[sorted.length - 1] : 0
        };
        for (const p of [90, 95, 99, 99.9]) out['p(' + p + ')'] = percentile(sorted, p);
        return out;
      }
    }
  }
}

// 'name' or 'name{tag:value,...}' -> { name, filter }
export function parseMetricKey(key) {
  const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(?:\{(.*)\})?$/.exec(key.trim());
  if (!m) throw new Error('bad threshold metric: ' + key);
  let filter = null;
  if (m[2] !== undefined && m[2].trim() !== '') {
    filter = {};
    for (const part of m[2].split(',')) {
      const i = part.indexOf(':');
      if (i < 0) throw new Error('bad tag filter in ' + key);
      filter[part.slice(0, i).trim()] = part.slice(i + 1).trim().replace(/^['"]|['"]$/g, '');
    }
  }
  return { name: m[1], filter };
}

const OPS = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b
};

// 'p(99)<200' -> { stat: 'p(99)', op: '<', value: 200 }
export function parseExpression(expr) {
  const m = /^\s*(avg|min|max|med|count|rate|value|p\(\s*\d+(?:\.\d+)?\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expr);
  if (!m) throw new Error('the shim cannot read the threshold "' + expr + '"');
  return { stat: m[1].replace(/\s+/g, ''), op: m[2], value: parseFloat(m[3]) };
}

// options.thresholds -> [{ key, name, filter, source, stat, op, value, abortOnFail, delayAbortEvalMs }]
export function parseThresholds(thresholds) {
  const out = [];
  for (const [key, list] of Object.entries(thresholds || {})) {
    const { name, filter } = parseMetricKey(key);
    for (const t of Array.isArray(list) ? list : [list]) {
      const source = typeof t === 'string' ? t : t.threshold;
      const e = parseExpression(source);
      out.push({
        key, name, filter, source, stat: e.stat, op: e.op, value: e.value,
        abortOnFail: typeof t === 'object' && !!t.abortOnFail,
        delayAbortEvalMs: typeof t === 'object' && t.delayAbortEval ? parseDuration(t.delayAbortEval) : 0
      });
    }
  }
  return out;
}

// { ok, actual } for one threshold; a metric with no samples passes, as in k6, except count > 0.
export function evaluate(agg, t) {
  const s = agg.stats(t.name, t.filter);
  if (!s) return { ok: false, actual: undefined, missing: true };
  let actual = s[t.stat];
  if (actual === undefined && t.stat === 'count' && s.total !== undefined) actual = s.total;
  if (actual === undefined) return { ok: false, actual: undefined, missing: true };
  const empty = (s.count === 0 || s.total === 0) && !(t.stat === 'count' && (t.op === '>' || t.op === '>='));
  return { ok: empty || OPS[t.op](actual, t.value), actual };
}
