// Fault 2: tool output over ~512 MB crashed the run ("Invalid string length": the whole log was
// kept in memory and joined into one string), so no numbers and no record. The log now streams to
// the record's sidecar as it arrives; memory stays bounded; the numbers are parsed as before.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '../../src/core/benchmark/runBenchmark';
import { RunLog } from '../../src/core/benchmark/runLog';
import { larEngine } from '../../src/core/engines/lar/index';
import { RecordStore } from '../../src/core/records/recordStore';
import type { RunOutcome, RunRequest, Runner } from '../../src/core/runners/runner';

/** Prints `noise` bytes of filler (one shared 64 KB chunk), then a real load_and_run log. */
class FloodRunner implements Runner {
  readonly target = 'local';
  constructor(
    private readonly noise: number,
    private readonly realLog: string,
  ) {}
  async run(req: RunRequest): Promise<RunOutcome> {
    const chunk = 'filler line printed by a chatty operator 0123456789\n'.repeat(1260); // ~64 KB
    for (let sent = 0; sent < this.noise; sent += chunk.length) req.onStderr?.(chunk);
    req.onStderr?.(this.realLog);
    return { exitCode: 0, signal: null, status: 'exited', durationMs: 1, artifacts: [], uploadedBytes: 0 };
  }
  async dispose(): Promise<void> {}
}

describe('reliability: huge tool output', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'lar-huge-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('540 MB of output: the run is recorded, the numbers parsed, the log complete in the sidecar', async () => {
    const realLog = await readFile('test/fixtures/real-logs/04_defaults.err', 'utf8');
    const noise = 540 * 1024 * 1024; // past V8's largest string (2^29 - 24 characters)
    const store = new RecordStore(join(dir, 'runs'));
    const record = await runBenchmark({
      engine: larEngine,
      runner: new FloodRunner(noise, realLog),
      program: 'load_and_run',
      model: join(dir, 'm.mge'),
      flags: {},
      store,
      collectFacts: false,
    });
    assert.equal(record.status, 'ok', record.reason);
    assert.ok(record.result!.phases.inference!.count > 0, 'the measurements were lost');
    assert.equal(record.log, null);
    const sidecar = join(store.dir, record.logFile!);
    assert.ok((await stat(sidecar)).size > noise);
    assert.deepEqual(
      (await readdir(store.dir)).filter((n) => n.endsWith('.tmp')),
      [],
      'the spill file was left behind',
    );
    const listed = (await store.list()).records[0]!;
    assert.equal(listed.id, record.id);
  });

  it('without a store, a long log keeps its head and tail within the inline limit', () => {
    const log = new RunLog({ inlineLimit: 1000 });
    let sent = 0;
    const push = (t: string): void => {
      log.push(t);
      sent += t.length;
    };
    push('HEAD\n');
    for (let i = 0; i < 10_000; i++) push(`line ${i}\n`);
    push('TAIL\n');
    assert.equal(log.bytes, sent);
    const { text } = log.finish();
    assert.ok(text !== null && text.length < 1200, `kept ${text?.length}`);
    assert.match(text, /^HEAD\n/);
    assert.match(text, /bytes of output left out; the last \d+ follow/);
    assert.match(text, /TAIL\n$/);
  });
});
