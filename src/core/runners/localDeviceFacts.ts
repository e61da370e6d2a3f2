/**
 * The device facts of this machine read in-process: the same probes as DEVICE_FACTS_SCRIPT
 * (deviceFacts.ts), printed as the same `key=value` lines and parsed by the same parser, but
 * without starting a shell and its seven helper processes (hostname, uname, nproc, grep, sed, cat…),
 * which cost tens of milliseconds before and again after every local run (issue #15). Remote
 * targets keep the script: one round trip over the run's own connection.
 */
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, hostname, machine } from 'node:os';
import { join } from 'node:path';
import { parseDeviceFacts, type DeviceFacts } from './deviceFacts';

const CPU_DIR = '/sys/devices/system/cpu';
const THERMAL_DIR = '/sys/class/thermal';
/** The script's `grep -m1 -i -E '^(model name|hardware|cpu model|processor)…'` on /proc/cpuinfo. */
const CPU_MODEL_LINE = /^(model name|hardware|cpu model|processor)[ \t]*:[ \t]*[^0-9\s]/im;

export async function readLocalDeviceFacts(): Promise<DeviceFacts> {
  const [cpuinfo, loadavg, cpus, zones] = await Promise.all([
    readText('/proc/cpuinfo'),
    readText('/proc/loadavg'),
    list(CPU_DIR, /^cpu[0-9]+$/),
    list(THERMAL_DIR, /^thermal_zone/),
  ]);
  const each = (dirs: string[], base: string, file: string) =>
    Promise.all(dirs.map((d) => readText(join(base, d, file))));
  const [governors, freqs, temps] = await Promise.all([
    each(cpus, CPU_DIR, 'cpufreq/scaling_governor'),
    each(cpus, CPU_DIR, 'cpufreq/scaling_cur_freq'),
    each(zones, THERMAL_DIR, 'temp'),
  ]);
  const lines = [
    `hostname=${safe(hostname)}`,
    `arch=${safe(machine)}`,
    `cores=${safe(() => String(availableParallelism()))}`,
  ];
  const model = cpuinfo === null ? null : CPU_MODEL_LINE.exec(cpuinfo);
  if (model) {
    const line = cpuinfo!.slice(model.index, cpuinfo!.indexOf('\n', model.index) >>> 0);
    lines.push(`cpumodel=${line.replace(/^[^:]*:[ \t]*/, '')}`);
  }
  for (const g of governors) if (g !== null) lines.push(`governor=${g.trim()}`);
  for (const f of freqs) if (f !== null) lines.push(`freq=${f.trim()}`);
  lines.push(`loadavg=${(loadavg ?? '').trim()}`);
  for (const t of temps) if (t !== null) lines.push(`temp=${t.trim()}`);
  return parseDeviceFacts(lines.join('\n'));
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Directory entries matching `pattern`, in the shell glob's (sorted) order; none when unreadable. */
async function list(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => pattern.test(n)).sort();
  } catch {
    return [];
  }
}

function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}
