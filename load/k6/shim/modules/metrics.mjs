// Fake 'k6/metrics' for the shim: Counter, Gauge, Rate, Trend. Samples go to the main thread, which
// aggregates them and checks the thresholds.
import { define, sample } from '../runtime.mjs';

class Metric {
  constructor(name, type, isTime) {
    this.name = name;
    this.type = type;
    define(name, type, isTime);
  }

  add(value, tags) {
    let v = value;
    if (this.type === 'rate') {
      v = value ? 1 : 0;
    } else if (typeof value === 'boolean') {
      v = value ? 1 : 0;
    } else {
      v = Number(value);
      if (Number.isNaN(v)) {
        throw new Error(this.name + ': not a number: ' + value);
      }
    }
    sample(this.name, v, tags);
    return true;
  }
}

export class Counter extends Metric {
  constructor(name, isTime) {
    super(name, 'counter', isTime);
  }
}

export class Gauge extends Metric {
  constructor(name, isTime) {
    super(name, 'gauge', isTime);
  }
}

export class Rate extends Metric {
  constructor(name, isTime) {
    super(name, 'rate', isTime);
  }
}

export class Trend extends Metric {
  constructor(name, isTime) {
    super(name, 'trend', isTime);
  }
}

export default { Counter, Gauge, Rate, Trend };
