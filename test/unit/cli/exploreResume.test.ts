// `explore` killed with SIGKILL mid-study (no chance to clean up), then `--resume`: no finished run is lost.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RecordStore } from '../../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

const require = createRequire(resolve('package.json'));
const MAIN = resolve('src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

function finishedRuns(dir: string): number {
  const folder = join(dir, '.lar-explorer', 'studies');
  if (!existsSync(folder)) return 0;
  const file = readdirSync(folder).find((f) => f.endsWith('.json') && !f.startsWith('.'));
  if (!file) return 0;
  try {
    const study = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    return study.schedule.filter((s: { runId?: string }) => s.runId).length;
  } catch {
    return 0; // never half a record (atomic writes), but the file may not exist yet
  }
}

describe('lar-explorer explore after kill -9', function () {
  this.timeout(120_000);
  let ws: CliWorkspace;
  before(async () => (ws = await CliWorkspace.create()));
  after(async () => ws.dispose());

  it('resume keeps every run finished before the kill and completes the study', async () => {
    const args = [
      'explore',
      MODEL,
      '--lar',
      STANDIN,
      '--candidate',
      'defaults:',
      '--candidate',
      'wp: --weight-preprocess',
    ];
    const child = spawn(
      process.execPath,
      [
        '--import',
        TSX,
        MAIN,
        ...args,
        '--max-rounds',
        '4',
        '--no-racing',
        '--save',
        '--seed',
        '5',
        '--',
        '--cpu',
      ],
      { cwd: ws.dir, env: { ...process.env, NODE_OPTIONS: '', STANDIN_ITER_MS: '15' }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('close', (_c, signal) => done(signal)),
    );
    const deadline = Date.now() + 60_000;
    while (finishedRuns(ws.dir) < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const saved = (await RecordStore.forWorkspace(ws.dir).list()).records.filter((r) => r.status === 'ok');
    assert.ok(saved.length >= 5 && saved.length < 12, `${saved.length} runs finished before the kill`);
    const studyId = saved[0].study!.id;

    const again = await ws.run([
      'explore',
      '--resume',
      studyId.slice(0, 8),
      '--lar',
      STANDIN,
      '--json',
      '--env',
      'STANDIN_ITER_MS=0',
    ]);
    assert.equal(again.code, 0, again.stderr);
    const out = JSON.parse(again.stdout);
    assert.equal(out.study.id, studyId);
    assert.equal(out.study.rounds, 4);
    const file = readdirSync(join(ws.dir, '.lar-explorer', 'studies')).find((f) => f.endsWith('.json'))!;
    const study = JSON.parse(readFileSync(join(ws.dir, '.lar-explorer', 'studies', file), 'utf8'));
    const inStudy = new Set(study.schedule.map((s: { runId?: string }) => s.runId));
    for (const r of saved) assert.ok(inStudy.has(r.id), `run ${r.id} (round ${r.study!.round}) kept`);
    const ok = study.schedule.filter((s: { status?: string }) => s.status === 'ok');
    assert.equal(ok.length, 4 * 3, 'four full rounds: baseline twice + wp');
  });
});
