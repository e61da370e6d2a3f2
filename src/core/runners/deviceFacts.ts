/**
 * Device facts recorded before and after each run, on any target: hostname, arch, CPU model,
 * cores, CPU governor and frequencies, load average, temperature. Read with ONE fixed shell
 * command (no user data in it), tolerant of anything a board does not have. `compareDeviceFacts`
 * says when the machine changed in a way that spoils the numbers (`deviceWarnings`: in both languages).
 */
import type { LocalizedText } from '../engine';

/** What a machine is and how busy it is, around a run (stored in the run record's `host.device`). */
export interface DeviceFacts {
  hostname?: string;
  arch?: string;
  cpuModel?: string;
  cores?: number;
  governor?: string;
  freqMHz?: number[];
  loadAvg?: number[];
  temperatureC?: number;
}

export type FactsExec = (
  program: string,
  args: string[],
) => Promise<{ stdout: string; exitCode: number | null }>;

/** Prints `key=value` lines; every probe may fail silently. */
export const DEVICE_FACTS_SCRIPT = `
echo "hostname=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null)"
echo "arch=$(uname -m 2>/dev/null)"
echo "cores=$(nproc 2>/dev/null || grep -c '^processor' /proc/cpuinfo 2>/dev/null)"
grep -m1 -i -E '^(model name|hardware|cpu model|processor)[[:space:]]*:[[:space:]]*[^0-9[:space:]]' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*:[[:space:]]*/cpumodel=/'
for f in /sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor; do [ -r "$f" ] && echo "governor=$(cat "$f")"; done
for f in /sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_cur_freq; do [ -r "$f" ] && echo "freq=$(cat "$f")"; done
echo "loadavg=$(cat /proc/loadavg 2>/dev/null)"
for f in /sys/class/thermal/thermal_zone*/temp; do [ -r "$f" ] && echo "temp=$(cat "$f")"; done
exit 0
`;

/** Read the facts of the target `exec` runs on; an exec that fails gives what it could (maybe `{}`). */
export async function collectDeviceFacts(exec: FactsExec): Promise<DeviceFacts> {
  const r = await exec('sh', ['-c', DEVICE_FACTS_SCRIPT]);
  return parseDeviceFacts(r.stdout);
}

/** Parse the script's output; never throws. */
export function parseDeviceFacts(text: string): DeviceFacts {
  const facts: DeviceFacts = {};
  const governors = new Set<string>();
  const freqs: number[] = [];
  const temps: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') continue;
    switch (key) {
      case 'hostname':
        facts.hostname = value;
        break;
      case 'arch':
        facts.arch = value;
        break;
      case 'cores': {
        const n = parseInt(value, 10);
        if (n > 0) facts.cores = n;
        break;
      }
      case 'cpumodel':
        facts.cpuModel = value.replace(/\s+/g, ' ');
        break;
      case 'governor':
        governors.add(value);
        break;
      case 'freq': {
        const khz = Number(value);
        if (Number.isFinite(khz) && khz > 0) freqs.push(Math.round(khz / 1000));
        break;
      }
      case 'loadavg': {
        const loads = value.split(/\s+/).slice(0, 3).map(Number);
        if (loads.length === 3 && loads.every(Number.isFinite)) facts.loadAvg = loads;
        break;
      }
      case 'temp': {
        const t = Number(value);
        // Zones report millidegrees; a few drivers report degrees.
        if (Number.isFinite(t) && t !== 0) temps.push(Math.abs(t) >= 1000 ? t / 1000 : t);
        break;
      }
    }
  }
  if (governors.size > 0) facts.governor = [...governors].sort().join(',');
  if (freqs.length > 0) facts.freqMHz = freqs;
  if (temps.length > 0) facts.temperatureC = Math.round(Math.max(...temps) * 10) / 10;
  return facts;
}

/** Plain-language warnings about changes (or states) that make a run's numbers less trustworthy. */
export function compareDeviceFacts(
  before: DeviceFacts | undefined,
  after: DeviceFacts | undefined,
): string[] {
  return deviceWarnings(before, after).map((w) => w.en);
}

/**
 * The same warnings in English and Simplified Chinese. Derived from the facts alone, so a view can
 * say them in its language from a stored record's `before`/`after` (the record keeps the English).
 */
export function deviceWarnings(
  before: DeviceFacts | undefined,
  after: DeviceFacts | undefined,
): LocalizedText[] {
  const warnings: LocalizedText[] = [];
  if (!before || !after) return warnings;
  if (before.hostname && after.hostname && before.hostname !== after.hostname) {
    warnings.push({
      en: `The host name changed from ${before.hostname} to ${after.hostname}: was this the same device?`,
      zh: `主机名从 ${before.hostname} 变为 ${after.hostname}：这还是同一台设备吗？`,
    });
  }
  if (before.governor && after.governor && before.governor !== after.governor) {
    warnings.push({
      en: `The CPU governor changed from ${before.governor} to ${after.governor} during the run.`,
      zh: `运行期间 CPU 调频策略从 ${before.governor} 变为 ${after.governor}。`,
    });
  } else if (before.governor && /powersave|ondemand|conservative|schedutil/.test(before.governor)) {
    warnings.push({
      en:
        `The CPU governor is ${before.governor}: the frequency follows the load, so timings vary. ` +
        'Set it to performance for stable numbers.',
      zh: `CPU 调频策略为 ${before.governor}：频率随负载变化，耗时会波动。设为 performance 可得到稳定的数字。`,
    });
  }
  const fBefore = mean(before.freqMHz);
  const fAfter = mean(after.freqMHz);
  if (fBefore && fAfter && fAfter < fBefore * 0.9) {
    const drop = Math.round((1 - fAfter / fBefore) * 100);
    warnings.push({
      en:
        `The average CPU frequency dropped from ${Math.round(fBefore)} to ${Math.round(fAfter)} MHz ` +
        `(${drop}%): thermal throttling?`,
      zh: `平均 CPU 频率从 ${Math.round(fBefore)} MHz 降到 ${Math.round(fAfter)} MHz（${drop}%）：是否发生了过热降频？`,
    });
  }
  if (
    before.temperatureC !== undefined &&
    after.temperatureC !== undefined &&
    after.temperatureC - before.temperatureC > 10
  ) {
    warnings.push({
      en: `The temperature rose from ${before.temperatureC} °C to ${after.temperatureC} °C during the run.`,
      zh: `运行期间温度从 ${before.temperatureC} °C 升到 ${after.temperatureC} °C。`,
    });
  }
  const cores = before.cores ?? after.cores;
  const load = before.loadAvg?.[0];
  if (cores && load !== undefined && load > cores * 0.5) {
    warnings.push({
      en: `The device was busy before the run (load average ${load} on ${cores} cores): other work competes for the CPU.`,
      zh: `运行前设备已较忙（${cores} 个核心上平均负载 ${load}）：其他任务会与之争用 CPU。`,
    });
  }
  return warnings;
}

function mean(xs: number[] | undefined): number | undefined {
  if (!xs || xs.length === 0) return undefined;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
