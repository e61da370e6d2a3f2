import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAR_CATALOG } from '../../../src/core/engines/lar/catalog';
import { missingFlags, parseLarHelp } from '../../../src/core/engines/lar/helpParser';

const HELP = readFileSync(path.join(__dirname, '../../fixtures/real-logs/02_help.out'), 'utf8');

describe('parseLarHelp', () => {
  const help = parseLarHelp(HELP);

  it('reads the usage line', () => {
    assert.equal(help.usage, 'load_and_run <model_path> [options Flags...]');
  });

  it('reads every flag of the real --help in dash spelling', () => {
    // 71 load_and_run flags + 14 of gflags itself (flagfile ... version) in 02_help.out.
    assert.equal(help.flags.size, 85);
    for (const name of [
      'fast-run',
      'layout-transform',
      'record-comp-seq2',
      'multi-thread-core-ids',
      'iter',
      'flagfile',
    ]) {
      assert.ok(help.flags.has(name), name);
    }
    for (const name of help.flags) assert.match(name, /^[a-z0-9-]+$/);
  });

  it('knows this CPU-only build has no CUDA flags', () => {
    assert.ok(!help.flags.has('cuda'));
    assert.ok(!help.flags.has('tensorrt'));
    assert.ok(!HELP.includes('-cuda '));
    assert.deepEqual(missingFlags(LAR_CATALOG, help.flags), ['cuda', 'tensorrt', 'tensorrt-cache']);
  });

  it('reads types and defaults, also when they wrap onto the next line', () => {
    assert.deepEqual(help.details.get('multithread'), {
      type: 'int32',
      default: '-1',
      source: '/data/megbuild/src/lite/load_and_run/src/options/device_options.cpp',
    });
    assert.equal(help.details.get('reproducible')?.type, 'bool');
    assert.equal(help.details.get('c-opr-init-interface')?.default, 'mgb_c_opr_init');
    assert.equal(help.details.get('workspace-limit')?.default, '18446744073709551615');
    assert.equal(help.details.get('help')?.default, 'false'); // "currently: true" dropped
    assert.equal(help.details.get('input')?.default, '');
  });

  it('reads CRLF help (captured under a terminal) the same', () => {
    const crlf = parseLarHelp(HELP.replace(/\n/g, '\r\n'));
    assert.deepEqual([...crlf.flags], [...help.flags]);
    assert.equal(crlf.usage, help.usage);
  });

  it('gives an empty set for text that is not help, without throwing', () => {
    for (const text of ['', "ERROR: unknown command line flag 'x'", '\u0000garbage -', '-x']) {
      const r = parseLarHelp(text);
      assert.equal(r.flags.size, 0, text);
      assert.equal(r.usage, null);
    }
  });

  it('lists all catalogue flags as missing from an empty set', () => {
    assert.equal(missingFlags(LAR_CATALOG, new Set()).length, LAR_CATALOG.flags.length);
  });
});
