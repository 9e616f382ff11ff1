// Tests of the k6 shim's aggregation and thresholds (load/k6/shim/aggregate.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Aggregator, evaluate, parseDuration, parseExpression, parseMetricKey, parseThresholds, percentile } from '../shim/aggregate.mjs';

test('trend percentiles interpolate between ranks, as k6 does', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50.5);
  assert.equal(percentile(sorted, 99), 99.01);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile([], 99), 0);
});

test('thresholds on trends, rates and counters, with tag filters', () => {
  const agg = new Aggregator();
  agg.define('lat', 'trend', true);
  agg.define('err', 'rate');
  agg.define('bad', 'counter');
  for (let i = 1; i <= 1000; i++) agg.add('lat', i, null);
  for (let i = 0; i < 200; i++) agg.add('err', i < 3 ? 1 : 0, { request: i < 2 ? 'act' : 'sit', code: i < 3 ? 'X' : 'ok' });
  const ths = parseThresholds({
    lat: ['p(99)<995', { threshold: 'p(99)<900', abortOnFail: true, delayAbortEval: '10s' }, 'avg<=500.5', 'max==1000'],
    err: ['rate<0.01', 'rate<0.02'],
    'err{request:act}': ['rate<0.5'],
    bad: ['count==0', 'count>0']
  });
  const results = ths.map((t) => [t.key + ' ' + t.source, evaluate(agg, t).ok]);
  assert.deepEqual(results, [
    ['lat p(99)<995', true], ['lat p(99)<900', false], ['lat avg<=500.5', true], ['lat max==1000', true],
    ['err rate<0.01', false], ['err rate<0.02', true],
    ['err{request:act} rate<0.5', false],
    ['bad count==0', true], ['bad count>0', false]
  ]);
  assert.equal(ths[1].abortOnFail, true);
  assert.equal(ths[1].delayAbortEvalMs, 10000);
  assert.deepEqual(agg.breakdown('err', 'code'), { X: 3 });
});

test('parsing', () => {
  assert.deepEqual(parseExpression('p(99.9) < 200'), { stat: 'p(99.9)', op: '<', value: 200 });
  assert.deepEqual(parseMetricKey('a{b:c, d:"e"}'), { name: 'a', filter: { b: 'c', d: 'e' } });
  assert.throws(() => parseExpression('p99<200'));
  assert.equal(parseDuration('1m30s'), 90000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration(3), 3000);
});
