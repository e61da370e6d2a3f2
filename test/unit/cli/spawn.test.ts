// The CLI as a real process (node + tsx on src/cli/main.ts): exit codes, stdout/stderr, SIGINT.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RecordStore } from '../../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

const require = createRequire(resolve('package.json'));
const MAIN = resolve('src/cli/main.ts');
// The child runs in the temp workspace, so tsx is given by absolute URL, not by package name.
const TSX = pathToFileURL(require.resolve('tsx')).href;

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr!.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
      onStderr?.(stderr, child);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

describe('lar-explorer CLI as a process', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  before(async () => (ws = await CliWorkspace.create()));
  after(async () => ws.dispose());

  it('prints the version and exits 0; a usage error exits 2', async () => {
    const v = await cli(['--version'], ws.dir);
    assert.equal(v.code, 0);
    assert.equal(v.stdout, '0.1.0\n');
    const bad = await cli(['run'], ws.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /missing required argument 'model'/);
  });

  it('runs the stand-in and exits 0 with the phase table on stdout', async () => {
    const r = await cli(['run', '--lar', STANDIN, '--save', MODEL, '--', '--iter', '10'], ws.dir, {
      STANDIN_ITER_MS: '1',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\ninference +\d+\.\d{3} +± /);
    assert.match(r.stderr, /iter 9\/10: e2e=/);
  });

  it('SIGINT cancels the run, kills load_and_run and exits 130 with a cancelled record', async () => {
    let sent = false;
    // An absolute model path puts the unique temp folder into load_and_run's argv, so `ps` finds it.
    const model = join(ws.dir, MODEL);
    const r = await cli(
      ['run', '--lar', STANDIN, '--save', model],
      ws.dir,
      { STANDIN_HANG: '1' },
      (text, child) => {
        if (!sent && text.includes('=== prepare')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /cancelling/);
    const cancelled = (await RecordStore.forWorkspace(ws.dir).list()).records.filter(
      (x) => x.status === 'cancelled',
    );
    assert.equal(cancelled.length, 1);
    assert.match(r.stdout, /^CANCELLED/);
    const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
    assert.ok(!ps.includes(ws.dir), `load_and_run still running:\n${ps}`);
  });
});
