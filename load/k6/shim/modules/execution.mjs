// Fake 'k6/execution' for the shim: the VU, scenario and test facts the scripts read.
import { post, rt } from '../runtime.mjs';

const execution = {
  get vu() {
    return { idInTest: rt.vu, idInInstance: rt.vu, iterationInInstance: rt.iterInVu, iterationInScenario: rt.iterInVu };
  },
  get scenario() {
    return {
      name: rt.scenario, executor: rt.executor, startTime: rt.scenarioStart, progress: 0,
      iterationInInstance: rt.iterInScenario, iterationInTest: rt.iterInScenario
    };
  },
  get instance() {
    return { vusActive: 0, vusInitialized: 0, iterationsCompleted: 0, iterationsInterrupted: 0, currentTestRunDuration: 0 };
  },
  test: {
    abort(message) {
      post({ op: 'abort', message: String(message || 'test.abort() called') });
      throw new Error('test aborted: ' + (message || ''));
    },
    options: {}
  }
};

export default execution;
