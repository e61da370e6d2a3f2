// The in-process device facts of this machine must say what the shell script says (issue #15
// replaced seven helper processes per probe with file reads for local runs).
import assert from 'node:assert/strict';
import { collectDeviceFacts } from '../../../src/core/runners/deviceFacts';
import { readLocalDeviceFacts } from '../../../src/core/runners/localDeviceFacts';
import { LocalRunner } from '../../../src/core/runners/localRunner';
import { observeDevice } from '../../../src/core/benchmark/deviceObservation';

describe('local device facts (in-process)', () => {
  it('agree with the facts script on this machine (the fields that do not move)', async () => {
    const runner = new LocalRunner();
    const [script, local] = await Promise.all([
      collectDeviceFacts((program, args) => runner.exec(program, args)),
      readLocalDeviceFacts(),
    ]);
    assert.ok(local.hostname, 'a host name is read');
    for (const key of ['hostname', 'arch', 'cores', 'cpuModel', 'governor'] as const)
      assert.deepEqual(local[key], script[key], key);
    // Load and frequencies move between two reads; their presence must not.
    assert.equal(local.loadAvg?.length, script.loadAvg?.length);
    assert.equal(local.freqMHz?.length, script.freqMHz?.length);
    assert.equal(local.temperatureC === undefined, script.temperatureC === undefined);
  });

  it('a local run observes the device without exec', async () => {
    const runner = new LocalRunner();
    let execs = 0;
    const exec = runner.exec.bind(runner);
    runner.exec = async (...args) => {
      execs++;
      return exec(...args);
    };
    const observation = observeDevice(runner)!;
    await observation.before();
    await observation.after();
    assert.equal(execs, 0);
    assert.ok(observation.facts()?.before?.arch);
  });
});
