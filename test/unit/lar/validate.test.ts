import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FlagSet, TargetTraits, ValidationIssue } from '../../../src/core/engine';
import { UINT64_MAX } from '../../../src/core/engines/lar/catalog';
import { parseLarCommandLine } from '../../../src/core/engines/lar/commandLine';
import { parseLarHelp } from '../../../src/core/engines/lar/helpParser';
import {
  archPlatform,
  validateLarFlags,
  validateLarRun,
  type LarRunContext,
} from '../../../src/core/engines/lar/validate';

const LOGS = path.join(__dirname, '../../fixtures/real-logs');
const realCmd = (name: string): FlagSet =>
  parseLarCommandLine(readFileSync(path.join(LOGS, name), 'utf8')).flags;

interface RuleCase {
  rule: string;
  severity: ValidationIssue['severity'];
  bad: FlagSet;
  good: FlagSet;
  context?: LarRunContext;
  /** When the passing case differs by target rather than by flags. */
  goodContext?: LarRunContext;
}

const X86: TargetTraits = { arch: 'x86_64', hasCuda: false };
const ARM: TargetTraits = { arch: 'aarch64' };

const CASES: RuleCase[] = [
  { rule: 'unknown-flag', severity: 'error', bad: { 'no-such-flag': true }, good: { 'fast-run': true } },
  { rule: 'unknown-flag', severity: 'error', bad: { fast_run: true }, good: { 'fast-run': true } },
  {
    rule: 'unsupported-flag',
    severity: 'error',
    bad: { 'fast-run': true },
    good: { iter: 5 },
    context: { target: { supportedFlags: new Set(['iter']) } },
  },
  { rule: 'bad-value', severity: 'error', bad: { iter: 'abc' }, good: { iter: 20 } },
  { rule: 'bad-value', severity: 'error', bad: { iter: 2.5 }, good: { iter: '20' } },
  { rule: 'bad-value', severity: 'error', bad: { 'fast-run': 'yes' }, good: { 'fast-run': true } },
  { rule: 'bad-value', severity: 'error', bad: { range: 'wide' }, good: { range: 1.5 } },
  {
    rule: 'bad-value',
    severity: 'error',
    bad: { 'workspace-limit': '18446744073709551616' },
    good: { 'workspace-limit': UINT64_MAX },
  },
  { rule: 'bad-value', severity: 'error', bad: { 'workspace-limit': -1 }, good: { 'workspace-limit': 0 } },
  { rule: 'bad-value', severity: 'error', bad: { profile: true }, good: { profile: 'p.json' } },
  {
    rule: 'enum-value',
    severity: 'error',
    bad: { 'layout-transform': 'gpu' },
    good: { 'layout-transform': 'cpu' },
  },
  { rule: 'empty-value', severity: 'warning', bad: { profile: '' }, good: { profile: 'p.json' } },
  { rule: 'range', severity: 'error', bad: { 'warmup-iter': -1 }, good: { 'warmup-iter': 0 } },
  { rule: 'range', severity: 'error', bad: { thread: 0 }, good: { thread: 1 } },
  { rule: 'one-device', severity: 'error', bad: { cpu: true, multithread: 4 }, good: { multithread: 4 } },
  {
    rule: 'core-ids-need-multithread',
    severity: 'error',
    bad: { cpu: true, 'multi-thread-core-ids': '0,1' },
    good: { multithread: 2, 'multi-thread-core-ids': '0,1' },
  },
  {
    rule: 'core-ids-format',
    severity: 'error',
    bad: { multithread: 2, 'multi-thread-core-ids': '0-1' },
    good: { multithread: 2, 'multi-thread-core-ids': '0, 1' },
  },
  {
    rule: 'core-ids-count',
    severity: 'error',
    bad: { 'multithread-default': 4, 'multi-thread-core-ids': '4,5' },
    good: { 'multithread-default': 2, 'multi-thread-core-ids': '4,5' },
  },
  {
    rule: 'one-layout',
    severity: 'error',
    bad: { 'enable-nchw44': true, 'enable-nchw44-dot': true },
    good: { 'enable-nchw44-dot': true, 'enable-nchw44': false },
  },
  {
    rule: 'fast-or-full-run',
    severity: 'error',
    bad: { 'fast-run': true, 'full-run': true },
    good: { 'full-run': true },
  },
  {
    rule: 'binary-equal-implies-reproducible',
    severity: 'warning',
    bad: { 'binary-equal-between-batch': true },
    good: { 'binary-equal-between-batch': true, reproducible: true },
  },
  {
    rule: 'algo-policy-must-exist',
    severity: 'warning',
    bad: { 'fast-run-algo-policy': 'a.cache' },
    good: { 'fast-run-algo-policy': 'a.cache', 'fast-run': true },
  },
  {
    rule: 'shared-batch-needs-fast-run',
    severity: 'error',
    bad: { 'fast-run-shared-batch-size': 8 },
    good: { 'fast-run-shared-batch-size': 8, 'full-run': true },
  },
  {
    rule: 'layout-dump-needs-transform',
    severity: 'error',
    bad: { 'layout-transform-dump': 'lt.mge' },
    good: { 'layout-transform-dump': 'lt.mge', 'layout-transform': 'cpu' },
  },
  {
    rule: 'layout-transform-device',
    severity: 'warning',
    bad: { 'layout-transform': 'cuda', cpu: true },
    good: { 'layout-transform': 'cuda', cuda: true },
  },
  {
    rule: 'layout-transform-device',
    severity: 'warning',
    bad: { 'layout-transform': 'cpu', cuda: true },
    good: { 'layout-transform': 'cpu', cpu: true },
  },
  {
    rule: 'record2-needs-no-sanity-check',
    severity: 'error',
    bad: { 'record-comp-seq2': true },
    good: { 'record-comp-seq2': true, 'no-sanity-check': true },
  },
  {
    rule: 'record2-forbids-fake-first',
    severity: 'error',
    bad: { 'record-comp-seq2': true, 'no-sanity-check': true, 'fake-first': true, 'warmup-iter': 2 },
    good: { 'record-comp-seq': true, 'fake-first': true, 'warmup-iter': 2 },
  },
  {
    rule: 'one-record-level',
    severity: 'error',
    bad: { 'record-comp-seq': true, 'record-comp-seq2': true, 'no-sanity-check': true },
    good: { 'record-comp-seq2': true, 'no-sanity-check': true },
  },
  { rule: 'iter-too-small', severity: 'error', bad: { iter: 0 }, good: { iter: 1 } },
  { rule: 'single-iteration', severity: 'warning', bad: { iter: 1 }, good: { iter: 2 } },
  { rule: 'few-iterations', severity: 'warning', bad: { iter: 5 }, good: { iter: 10 } },
  {
    rule: 'fake-first-warmup',
    severity: 'warning',
    bad: { 'fake-first': true },
    good: { 'fake-first': true, 'warmup-iter': 2 },
  },
  { rule: 'wait-gdb-blocks', severity: 'warning', bad: { 'wait-gdb': true }, good: { 'wait-gdb': false } },
  {
    rule: 'profile-overhead',
    severity: 'warning',
    bad: { profile: 'prof.json' },
    good: { 'model-info': true },
  },
  {
    rule: 'needs-cuda',
    severity: 'error',
    bad: { cuda: true },
    good: { cpu: true },
    context: { target: X86 },
  },
  {
    rule: 'needs-cuda',
    severity: 'error',
    bad: { 'layout-transform': 'cuda', cpu: true },
    good: { 'layout-transform': 'cpu', cpu: true },
    context: { target: X86 },
  },
  {
    rule: 'platform-mismatch',
    severity: 'warning',
    bad: { 'enable-nchw44': true },
    good: { 'enable-nchw88': true },
    context: { target: X86 },
  },
  {
    rule: 'platform-mismatch',
    severity: 'warning',
    bad: { 'enable-nchw88': true },
    good: { 'enable-nchw44-dot': true },
    context: { target: ARM },
  },
  {
    rule: 'platform-mismatch',
    severity: 'warning',
    bad: { 'enable-nchw32': true },
    good: { 'enable-nchw32': true },
    context: { target: X86 },
    goodContext: { target: { arch: 'x86_64', hasCuda: true } },
  },
  {
    rule: 'layout-dump-with-testcase',
    severity: 'warning',
    bad: { 'layout-transform': 'cpu', 'layout-transform-dump': 'lt.mge' },
    good: { 'layout-transform': 'cpu' },
    context: { modelHasTestcase: true },
  },
];

const ALL_RULES = [
  'unknown-flag',
  'unsupported-flag',
  'bad-value',
  'enum-value',
  'empty-value',
  'range',
  'one-device',
  'core-ids-need-multithread',
  'core-ids-format',
  'core-ids-count',
  'one-layout',
  'fast-or-full-run',
  'binary-equal-implies-reproducible',
  'algo-policy-must-exist',
  'shared-batch-needs-fast-run',
  'layout-dump-needs-transform',
  'layout-transform-device',
  'record2-needs-no-sanity-check',
  'record2-forbids-fake-first',
  'one-record-level',
  'iter-too-small',
  'single-iteration',
  'few-iterations',
  'fake-first-warmup',
  'wait-gdb-blocks',
  'profile-overhead',
  'needs-cuda',
  'platform-mismatch',
  'layout-dump-with-testcase',
];

function rulesOf(flags: FlagSet, context?: LarRunContext): ValidationIssue[] {
  return validateLarRun(flags, context ?? {});
}

describe('validateLarFlags', () => {
  it('has a failing and a passing case for every rule', () => {
    assert.deepEqual([...new Set(CASES.map((c) => c.rule))].sort(), [...ALL_RULES].sort());
  });

  for (const c of CASES) {
    it(`${c.rule}: ${JSON.stringify(c.bad)} fails, ${JSON.stringify(c.good)} passes`, () => {
      const bad = rulesOf(c.bad, c.context).filter((i) => i.rule === c.rule);
      assert.equal(bad.length, 1, JSON.stringify(rulesOf(c.bad, c.context)));
      assert.equal(bad[0]!.severity, c.severity);
      assert.ok(bad[0]!.flags.length > 0);
      assert.deepEqual(
        rulesOf(c.good, c.goodContext ?? c.context).filter((i) => i.rule === c.rule),
        [],
      );
    });
  }

  it('writes every message and fix in both languages', () => {
    for (const c of CASES) {
      for (const i of rulesOf(c.bad, c.context)) {
        for (const text of [i.message, i.fix]) {
          assert.ok(text.en.length > 5, i.rule);
          assert.match(text.zh, /[\u4e00-\u9fff]/, i.rule);
        }
      }
    }
  });

  it('explains why --iter 0 is refused though the tool takes it (real 43_iter0)', () => {
    const [i] = validateLarFlags(realCmd('43_iter0.cmd'));
    assert.equal(i?.rule, 'iter-too-small');
    assert.match(i!.message.en, /accepts it but prints no result/);
  });

  it('says to add --reproducible', () => {
    const i = validateLarFlags({ 'binary-equal-between-batch': true })[0]!;
    assert.match(i.fix.en, /add --reproducible/i);
  });

  it('mentions the measured slowdowns of wrong-platform layouts', () => {
    const [nchw44] = validateLarFlags({ 'enable-nchw44': true }, X86);
    assert.match(nchw44!.message.en, /4\.2× slower on x86/);
    const [nchw88] = validateLarFlags({ 'enable-nchw88': true }, ARM);
    assert.match(nchw88!.message.en, /160× slower/);
  });

  it('does not judge CPU platforms when the arch is unknown', () => {
    assert.deepEqual(validateLarFlags({ 'enable-nchw44': true }, { hasCuda: false }), []);
    assert.equal(
      validateLarFlags({ 'enable-nchw4': true }, { hasCuda: false })[0]?.rule,
      'platform-mismatch',
    );
    assert.deepEqual(validateLarFlags({ 'enable-nchw4': true }, { arch: 'aarch64' }), []);
  });

  it('accepts the real runs that worked and flags the ones that failed', () => {
    assert.deepEqual(validateLarFlags(realCmd('23_no_sanity_record2.cmd')), []);
    assert.deepEqual(validateLarFlags(realCmd('19_fake_first_warmup2.cmd')), []);
    assert.deepEqual(
      validateLarFlags(realCmd('49_algo_policy_nonexistent_file_no_fastrun.cmd')).map((i) => i.rule),
      ['algo-policy-must-exist', 'few-iterations'],
    );
    const help = parseLarHelp(readFileSync(path.join(LOGS, '02_help.out'), 'utf8'));
    assert.deepEqual(
      validateLarFlags(realCmd('33_cuda.cmd'), { supportedFlags: help.flags }).map((i) => i.rule),
      ['unsupported-flag'],
    );
    assert.deepEqual(
      validateLarFlags(realCmd('10_fast_run_algo_policy_write.cmd'), { supportedFlags: help.flags }),
      [],
    );
  });

  it('treats false booleans as absent', () => {
    assert.deepEqual(validateLarFlags({ cpu: true, cuda: false, 'fast-run': false, 'full-run': true }), []);
  });

  it('gives no issue for an empty flag set', () => {
    assert.deepEqual(validateLarFlags({}), []);
    assert.deepEqual(validateLarRun({}, { modelHasTestcase: true, target: X86 }), []);
  });

  it('maps uname -m to a platform', () => {
    assert.equal(archPlatform('x86_64'), 'x86');
    assert.equal(archPlatform('AMD64'), 'x86');
    assert.equal(archPlatform('aarch64'), 'arm');
    assert.equal(archPlatform('arm64'), 'arm');
    assert.equal(archPlatform('armv7l'), 'arm');
    assert.equal(archPlatform('riscv64'), null);
    assert.equal(archPlatform(undefined), null);
  });
});
