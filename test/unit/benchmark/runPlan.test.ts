import assert from 'node:assert/strict';
import { planRun, traitsOf } from '../../../src/core/benchmark/runPlan';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';

describe('planRun', () => {
  it('validates, builds the argv with the tool, quotes the command and shifts transfers past the prefix', () => {
    const plan = planRun(ortEngine, 'my model.onnx', { iter: 3, profile: 'out/p.json' }, undefined, {
      tool: { program: '/usr/bin/node', argsPrefix: ['/ext/dist/ort-runner.js'], env: {} },
    });
    assert.equal(plan.blocked, false);
    assert.deepEqual(plan.argv.slice(0, 3), ['/usr/bin/node', '/ext/dist/ort-runner.js', 'my model.onnx']);
    assert.match(plan.displayCommand, /^\/usr\/bin\/node \/ext\/dist\/ort-runner\.js 'my model\.onnx' /);
    // argIndex counts in the runner's args (argv without the program): the model is after the script.
    const model = plan.transfers.find((t) => t.localPath === 'my model.onnx')!;
    assert.equal(plan.argv.slice(1)[model.argIndex], 'my model.onnx');
    const profile = plan.transfers.find((t) => t.flag === '--profile')!;
    assert.equal(plan.argv.slice(1)[profile.argIndex], 'out/p.json');
    assert.equal(profile.direction, 'out');
  });

  it('names the default program when no tool is configured', () => {
    assert.equal(planRun(larEngine, 'm.mge', { iter: 2 }).argv[0], 'load_and_run');
    assert.equal(planRun(ortEngine, 'm.onnx', {}).argv[0], 'node');
  });

  it('is blocked by an error and keeps warnings as problems', () => {
    const bad = planRun(larEngine, 'm.mge', { cpu: true, cuda: true });
    assert.equal(bad.blocked, true);
    assert.ok(bad.problems.some((p) => p.severity === 'error'));
  });

  it('reaches the rules that need the model: a layout dump of a model with a test case', () => {
    const flags = { 'layout-transform': 'cpu', 'layout-transform-dump': 'out.mge' };
    const without = planRun(larEngine, 'm.mge', flags);
    const withCase = planRun(larEngine, 'm.mge', flags, undefined, { modelFacts: { hasTestcase: true } });
    assert.ok(!without.problems.some((p) => p.rule === 'layout-dump-with-testcase'));
    assert.ok(withCase.problems.some((p) => p.rule === 'layout-dump-with-testcase'));
  });

  it('checks flags against what the target’s binary lists', () => {
    const traits = traitsOf({
      checkedAt: 'x',
      reachable: true,
      supportedFlags: new Set(['iter']),
      problem: 'version check timed out',
    });
    const plan = planRun(larEngine, 'm.mge', { 'fast-run': true }, traits);
    assert.ok(plan.problems.some((p) => p.rule === 'unsupported-flag' && p.severity === 'error'));
  });
});

describe('traitsOf', () => {
  it('one rule for every caller: nothing unless reached; arch and listed flags when reached', () => {
    assert.equal(traitsOf(undefined), undefined);
    assert.equal(traitsOf({ checkedAt: 'x', reachable: false, arch: 'aarch64' }), undefined);
    assert.deepEqual(traitsOf({ checkedAt: 'x', reachable: true, arch: 'aarch64', problem: 'no binary' }), {
      arch: 'aarch64',
    });
    const flags = new Set(['iter']);
    assert.deepEqual(traitsOf({ checkedAt: 'x', reachable: true, supportedFlags: flags }), {
      supportedFlags: flags,
    });
  });
});
