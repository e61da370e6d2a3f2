import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import {
  collectDeviceFacts,
  compareDeviceFacts,
  deviceWarnings,
  parseDeviceFacts,
} from '../../../src/core/runners/deviceFacts';
import { LocalRunner } from '../../../src/core/runners/localRunner';

// Output of the facts script on a Raspberry Pi 4 style board (arm64, cpufreq and thermal present).
const BOARD = [
  'hostname=rpi4',
  'arch=aarch64',
  'cores=4',
  'cpumodel=Raspberry  Pi 4 Model B Rev 1.4',
  'governor=ondemand',
  'governor=ondemand',
  'freq=1500000',
  'freq=1500000',
  'freq=600000',
  'freq=1500000',
  'loadavg=0.15 0.20 0.18 1/180 4242',
  'temp=48686',
  'temp=51000',
  '',
].join('\n');

describe('device facts', () => {
  it('parses a board with governor, frequencies, load and temperature', () => {
    assert.deepEqual(parseDeviceFacts(BOARD), {
      hostname: 'rpi4',
      arch: 'aarch64',
      cores: 4,
      cpuModel: 'Raspberry Pi 4 Model B Rev 1.4',
      governor: 'ondemand',
      freqMHz: [1500, 1500, 600, 1500],
      loadAvg: [0.15, 0.2, 0.18],
      temperatureC: 51,
    });
  });

  it('tolerates missing probes (a container without cpufreq or thermal zones) and garbage', () => {
    const facts = parseDeviceFacts(
      'hostname=box\narch=x86_64\ncores=\ngovernor=\nloadavg=\nnonsense\n=x\ntemp=abc\n',
    );
    assert.deepEqual(facts, { hostname: 'box', arch: 'x86_64' });
    assert.deepEqual(parseDeviceFacts(''), {});
  });

  it('reads this machine through the local runner with one command', async () => {
    const calls: string[][] = [];
    const runner = new LocalRunner();
    const facts = await collectDeviceFacts((p, a) => {
      calls.push([p, ...a]);
      return runner.exec(p, a);
    });
    assert.equal(calls.length, 1);
    assert.equal(calls[0][0], 'sh');
    assert.equal(facts.hostname, os.hostname());
    assert.equal(facts.arch, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.equal(facts.cores, Number(execFileSync('nproc', [], { encoding: 'utf8' }).trim()));
    assert.equal(facts.loadAvg?.length, 3);
  });

  it('warns when the run was disturbed', () => {
    const before = parseDeviceFacts(BOARD);
    const hot = {
      ...before,
      governor: 'powersave',
      freqMHz: [1000, 1000, 600, 1000],
      temperatureC: 65,
    };
    const warnings = compareDeviceFacts(before, hot);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.match(warnings[0], /governor changed from ondemand to powersave/);
    assert.match(warnings[1], /dropped from 1275 to 900 MHz \(29%\)/);
    assert.match(warnings[2], /rose from 51 °C to 65 °C/);
  });

  it('warns about a busy device and a governor that follows the load, and not about a calm one', () => {
    const busy = { cores: 4, loadAvg: [3.1, 2, 1], governor: 'schedutil' };
    const w = compareDeviceFacts(busy, busy);
    assert.equal(w.length, 2);
    assert.match(w[0], /schedutil/);
    assert.match(w[1], /load average 3\.1 on 4 cores/);
    const calm = {
      cores: 4,
      loadAvg: [0.1, 0.1, 0.1],
      governor: 'performance',
      freqMHz: [2000],
      temperatureC: 40,
    };
    assert.deepEqual(compareDeviceFacts(calm, { ...calm, freqMHz: [1900], temperatureC: 49 }), []);
    assert.deepEqual(compareDeviceFacts(undefined, calm), []);
  });

  it('says each warning in Chinese too, with the same numbers, and the English is what the record keeps', () => {
    const before = {
      hostname: 'rpi4',
      cores: 4,
      loadAvg: [3.1, 2, 1],
      governor: 'ondemand',
      freqMHz: [1500, 1050],
      temperatureC: 51,
    };
    const after = {
      hostname: 'rpi4b',
      cores: 4,
      governor: 'powersave',
      freqMHz: [900, 900],
      temperatureC: 65,
    };
    const both = deviceWarnings(before, after);
    assert.deepEqual(
      both.map((w) => w.en),
      compareDeviceFacts(before, after),
    );
    assert.equal(both.length, 5);
    const zh = both.map((w) => w.zh);
    assert.match(zh[0]!, /主机名从 rpi4 变为 rpi4b/);
    assert.match(zh[1]!, /调频策略从 ondemand 变为 powersave/);
    assert.match(zh[2]!, /从 1275 MHz 降到 900 MHz（29%）/);
    assert.match(zh[3]!, /从 51 °C 升到 65 °C/);
    assert.match(zh[4]!, /4 个核心上平均负载 3\.1/);
    for (const w of zh) assert.doesNotMatch(w, /\b(The|during|changed|busy)\b/, w);
  });
});
