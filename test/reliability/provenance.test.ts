// Fault 14: an algo cache (or a dumped model) was reused whatever made it. Every artifact now gets
// a provenance sidecar, and reusing one under other conditions (model, binary, target, device) is
// flagged before the run, in English and Chinese; the run itself goes ahead.
import assert from 'node:assert/strict';
import { chmod, copyFile, readFile, writeFile, appendFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { provenanceDifferences, readProvenance } from '../../src/core/artifacts/provenance';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';

describe('reliability: artifact provenance', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());
  const env = { STANDIN_ITER_MS: '1' };
  const run = (model: string, extra: string[], lar = STANDIN, lang = 'C') =>
    ws.run(['run', '--lar', lar, model, '--', '--iter', '3', ...extra], { env: { ...env, LANG: lang } });

  it('a fast-run cache gets a sidecar with target, binary, model and flags', async () => {
    const r = await run(MODEL, ['--fast-run', '--fast-run-algo-policy', 'algo.cache']);
    assert.equal(r.code, 0, r.stderr);
    const p = await readProvenance(join(ws.dir, 'algo.cache'));
    assert.ok(p, 'no provenance sidecar');
    assert.equal(p.target, 'local');
    assert.equal(p.flag, '--fast-run-algo-policy');
    assert.match(p.binary.sha256!, /^[0-9a-f]{64}$/);
    assert.equal(p.binary.path, STANDIN);
    assert.match(p.model.sha256!, /^[0-9a-f]{64}$/);
    assert.equal(p.flags['fast-run'], true);
    assert.doesNotMatch(r.stderr, /other conditions/);
  });

  it('reusing it for the same model and binary says nothing', async () => {
    await run(MODEL, ['--fast-run', '--fast-run-algo-policy', 'algo.cache']);
    const again = await run(MODEL, ['--fast-run-algo-policy', 'algo.cache']);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /other conditions/);
  });

  it('reusing it for another model or another binary is flagged before the run, en and zh', async () => {
    await run(MODEL, ['--fast-run', '--fast-run-algo-policy', 'algo.cache']);
    await writeFile(join(ws.dir, 'other.mge'), 'another graph');
    const other = await run('other.mge', ['--fast-run-algo-policy', 'algo.cache']);
    assert.equal(other.code, 0, other.stderr);
    assert.match(
      other.stderr,
      /warning \(--fast-run-algo-policy\): --fast-run-algo-policy algo\.cache was made under other conditions .*another model \(made for my model 模型\.mge/,
    );
    // The run that used it rewrote the cache: its provenance now names the new model.
    const p = await readProvenance(join(ws.dir, 'algo.cache'));
    assert.equal(p!.model.path, 'other.mge');

    const lar2 = join(ws.dir, 'load_and_run_v2');
    await copyFile(STANDIN, lar2);
    await copyFile(join(dirname(STANDIN), 'help.out'), join(ws.dir, 'help.out'));
    await appendFile(lar2, '\n// another build\n');
    await chmod(lar2, 0o755);
    const zh = await run('other.mge', ['--fast-run-algo-policy', 'algo.cache'], lar2, 'zh_CN.UTF-8');
    assert.equal(zh.code, 0, zh.stderr);
    assert.match(zh.stderr, /是在不同条件下生成的.*程序已变化（/);
    assert.ok((await readFile(join(ws.dir, 'algo.cache'))).length > 0);
  });

  it('a device or target difference is named', () => {
    const diffs = provenanceDifferences(
      {
        schema: 1,
        createdAt: '2026-01-01T00:00:00Z',
        runId: 'abcdef0123',
        target: 'ssh:board1',
        device: { cpuModel: 'Cortex-A76' },
        binary: { path: '/opt/lar' },
        model: { path: 'm.mge', sha256: 'a'.repeat(64) },
        flags: {},
      },
      {
        target: 'local',
        device: { cpuModel: 'Xeon' },
        binary: { path: '/opt/lar' },
        model: { sha256: 'a'.repeat(64) },
      },
    );
    assert.deepEqual(
      diffs.map((d) => d.en),
      ['target ssh:board1 → local', 'device Cortex-A76 → Xeon'],
    );
  });
});
