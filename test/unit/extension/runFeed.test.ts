import assert from 'node:assert/strict';
import type { HostToBenchmark } from '../../../src/shared/benchmarkProtocol';
import { FLUSH_MS, RunFeed } from '../../../src/extension/benchmark/runFeed';

const it1 = (index: number, e2eMs: number) => ({ testcase: 0, index, e2eMs, hostMs: null, deviceMs: null });

describe('RunFeed (plain Node)', () => {
  it('batches log text and iterations into one message each until flushed', () => {
    const sent: HostToBenchmark[] = [];
    const feed = new RunFeed((m) => sent.push(m));
    feed.started('m.bin', "lar 'm.bin'", { index: 0, total: 3 });
    feed.log('a');
    feed.log('b\n');
    feed.iteration(it1(0, 1.5));
    feed.iteration(it1(1, 1.25));
    assert.equal(sent.length, 1, 'only the start went out at once');
    feed.flush();
    feed.dispose();
    assert.deepEqual(sent, [
      { type: 'runStarted', title: 'm.bin', command: "lar 'm.bin'", step: { index: 0, total: 3 } },
      { type: 'log', text: 'ab\n' },
      {
        type: 'iterations',
        points: [
          { index: 0, ms: 1.5 },
          { index: 1, ms: 1.25 },
        ],
      },
    ]);
  });

  it('flushes by itself after FLUSH_MS, and a new start sends what was waiting first', async () => {
    const sent: HostToBenchmark[] = [];
    const feed = new RunFeed((m) => sent.push(m));
    feed.log('x');
    await new Promise((r) => setTimeout(r, FLUSH_MS + 100));
    assert.deepEqual(sent, [{ type: 'log', text: 'x' }]);
    feed.log('y');
    feed.started('m', 'cmd');
    assert.deepEqual(
      sent.slice(1).map((m) => m.type),
      ['log', 'runStarted'],
    );
    feed.dispose();
  });

  it('after dispose nothing is sent by a pending timer', async () => {
    const sent: HostToBenchmark[] = [];
    const feed = new RunFeed((m) => sent.push(m));
    feed.log('late');
    feed.dispose();
    await new Promise((r) => setTimeout(r, FLUSH_MS + 100));
    assert.deepEqual(sent, []);
  });
});
