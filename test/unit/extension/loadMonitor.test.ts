// The history-load monitor, in plain Node (loadMonitor.ts imports no vscode).
import assert from 'node:assert/strict';
import { loadLine, monitorLoad } from '../../../src/extension/history/loadMonitor';

describe('history load monitor (plain Node)', () => {
  it('writes one line with the counts, the time and the event-loop delay', () => {
    assert.equal(
      loadLine(
        'run history loaded',
        { records: 10000, folders: 1 },
        { ms: 812.4, maxDelayMs: 95, p99DelayMs: 40.2 },
      ),
      'run history loaded: 10,000 records from 1 folder in 812 ms; event-loop delay max 95 ms, p99 40 ms',
    );
    assert.match(
      loadLine('x', { records: 1, folders: 2 }, { ms: 1, maxDelayMs: 0, p99DelayMs: 0 }),
      /^x: 1 record from 2 folders in 1 ms/,
    );
  });

  it('sees a load that blocks the loop for 300 ms as a stall of about that length', async () => {
    const lines: string[] = [];
    const figures = await monitorLoad(
      'blocking load',
      { info: (m) => lines.push(m) },
      async () => {
        // Let the histogram take a few samples, then hold the loop.
        await new Promise((r) => setTimeout(r, 50));
        const until = Date.now() + 300;
        while (Date.now() < until);
        await new Promise((r) => setTimeout(r, 50));
      },
      () => ({ records: 3, folders: 1 }),
    );
    assert.ok(figures.maxDelayMs >= 250, `max delay ${figures.maxDelayMs} ms`);
    assert.ok(figures.ms >= 300);
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^blocking load: 3 records from 1 folder in \d+ ms; event-loop delay max \d+ ms, p99 \d+ ms$/,
    );
  });

  it('records a stall the load ends with (work done in the same macrotask as its resolution)', async () => {
    const figures = await monitorLoad(
      'ends blocked',
      { info: () => undefined },
      async () => {
        await new Promise((r) => setTimeout(r, 50));
        const until = Date.now() + 200;
        while (Date.now() < until);
      },
      () => ({ records: 0, folders: 1 }),
    );
    assert.ok(figures.maxDelayMs >= 150, `max delay ${figures.maxDelayMs} ms`);
  });

  it('logs nothing and passes the error on when the load fails', async () => {
    const lines: string[] = [];
    await assert.rejects(
      monitorLoad(
        'failing',
        { info: (m) => lines.push(m) },
        () => Promise.reject(new Error('EACCES')),
        () => ({ records: 0, folders: 1 }),
      ),
      /EACCES/,
    );
    assert.deepEqual(lines, []);
  });
});
