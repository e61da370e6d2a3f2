// Fault 8: escape sequences in labels, model names, flags or file names from a shared record are
// data: `list`, `compare`, `run` and error messages must show them, not let the terminal obey them.
// CSV export must leave no live formula (=HYPERLINK(...)) for spreadsheets.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordToJson } from '../../src/core/records/canonicalJson';
import { recordsToCsv } from '../../src/core/records/export';
import { RecordStore } from '../../src/core/records/recordStore';
import { CliWorkspace } from '../unit/cli/cliHarness';
import { sampleRecord, sampleResult } from '../unit/records/sampleRecord';

const TITLE = '\x1b]0;pwned\x07'; // OSC: set the terminal title
const CLEAR = '\x1b[2J\x1b[H'; // CSI: clear the screen
const C1_CSI = '\u009b31m'; // one-byte CSI
const RLO = '\u202e'; // right-to-left override
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** RFC 4180 rows as objects keyed by the header (quoted cells, doubled quotes, newlines in quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      rows.at(-1)!.push(cell);
      cell = '';
      if (ch === '\n') rows.push([]);
    } else cell += ch;
  }
  const [header, ...body] = rows.filter((r) => r.length > 0);
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('reliability: hostile text in records', function () {
  this.timeout(20_000);
  let ws: CliWorkspace;
  let ids: string[];
  before(async () => {
    ws = await CliWorkspace.create();
    const store = RecordStore.forWorkspace(ws.dir);
    const a = sampleRecord({ label: `fast${TITLE}${CLEAR}`, result: sampleResult([5, 5.1, 4.9]) });
    a.model.path = `evil${RLO}gpj.mge`;
    a.flags = { ...a.flags, 'fast-run-algo-policy': `x${C1_CSI}.cache` };
    const b = sampleRecord({
      label: '=HYPERLINK("http://evil.example","click")',
      result: sampleResult([6, 6.1, 5.9]),
    });
    ids = [(await store.save(a)).id, (await store.save(b)).id];
    await writeFile(join(store.dir, `bad\x1b[31mname.json`), recordToJson({ ...a, id: 'x' }).slice(0, 20));
  });
  after(async () => ws.dispose());

  it('list shows escape sequences as text, on stdout and stderr', async () => {
    const r = await ws.run(['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.doesNotMatch(r.stderr, RAW_CONTROL);
    assert.ok(r.stdout.includes('fast\\x1b]0;pwned\\x07\\x1b[2J\\x1b[H'), r.stdout);
    assert.ok(r.stdout.includes('evil\\u202egpj.mge'), r.stdout);
    assert.ok(r.stderr.includes('bad\\x1b[31mname.json'), r.stderr);
  });

  it('compare shows them as text too', async () => {
    const r = await ws.run(['compare', ids[0]!, ids[1]!]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.ok(r.stdout.includes('x\\x9b31m.cache'), r.stdout);
  });

  it('an id typed with escapes is echoed inert in the error', async () => {
    const r = await ws.run(['compare', `${TITLE}a`, ids[0]!]);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, RAW_CONTROL);
  });

  it('CSV export makes formula cells inert and keeps their text', async () => {
    const records = (await RecordStore.forWorkspace(ws.dir).list()).records;
    const rows = parseCsv(recordsToCsv(records));
    for (const row of rows)
      for (const cell of Object.values(row)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `live cell ${cell}`);
    assert.ok(rows.some((r) => r.label === `'=HYPERLINK("http://evil.example","click")`));
    // Numbers stay numbers (a negative number would not be quoted either).
    assert.ok(rows.every((r) => r.meanMs === '' || Number.isFinite(Number(r.meanMs))));
  });
});
