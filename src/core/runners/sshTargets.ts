/**
 * SSH targets as the user already knows them: destinations (`host`, `user@host`,
 * `ssh://user@host:port`) and the host aliases of their OpenSSH config (`~/.ssh/config` by default,
 * read with the maintained `ssh-config` parser, `Include` followed, wildcard patterns skipped).
 * Reading the config never runs anything: `Match exec` is not evaluated.
 */
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, type Line, type Section } from 'ssh-config';
import type { LocalizedText } from '../engine';

export interface SshHost {
  alias: string;
  hostName?: string;
  user?: string;
  port?: number;
}

export interface SshDestination {
  user?: string;
  host: string;
  port?: number;
}

/** Split a destination; never throws (an unusable one comes back with `host: ''`). */
export function parseDestination(dest: string): SshDestination {
  const d = dest.trim();
  if (d.startsWith('ssh://')) {
    try {
      const url = new URL(d);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      return {
        ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
        host,
        ...(url.port ? { port: Number(url.port) } : {}),
      };
    } catch {
      return { host: '' };
    }
  }
  const at = d.lastIndexOf('@');
  if (at < 0) return { host: d };
  const user = d.slice(0, at);
  return { ...(user ? { user } : {}), host: d.slice(at + 1) };
}

/** Why a destination cannot be passed to ssh, or null when it can. */
export function destinationProblem(dest: string): string | null {
  return destinationProblemText(dest)?.en ?? null;
}

/** The same in English and Chinese, for shells that speak both (the CLI). */
export function destinationProblemText(dest: string): LocalizedText | null {
  const d = dest.trim();
  if (d === '') return { en: 'The SSH destination is empty.', zh: 'SSH 目标为空。' };
  // A leading dash would be read by ssh as an option.
  if (d.startsWith('-'))
    return {
      en: `The SSH destination "${dest}" starts with "-".`,
      zh: `SSH 目标“${dest}”以 "-" 开头。`,
    };
  if (/\s/.test(d))
    return { en: `The SSH destination "${dest}" contains a space.`, zh: `SSH 目标“${dest}”含有空格。` };
  // scp's `host:port` is not ssh syntax: ssh would look up a host literally named "host:port".
  const plain = /^(?:[^@/]+@)?([^@/:]+):(\d+)$/.exec(d);
  if (!d.startsWith('ssh://') && plain) {
    const uri = `ssh://${d.includes('@') ? d.slice(0, d.indexOf('@') + 1) : ''}${plain[1]}:${plain[2]}`;
    return {
      en: `The SSH destination "${dest}" uses host:port, which ssh does not read; write ${uri} or set Port in ~/.ssh/config.`,
      zh: `SSH 目标“${dest}”使用了 host:port 写法，ssh 不认识；请写成 ${uri}，或在 ~/.ssh/config 中设置 Port。`,
    };
  }
  const { host, port } = parseDestination(d);
  if (host === '')
    return { en: `The SSH destination "${dest}" has no host name.`, zh: `SSH 目标“${dest}”缺少主机名。` };
  if (port !== undefined && !(port > 0 && port < 65536))
    return { en: `The SSH destination "${dest}" has a bad port.`, zh: `SSH 目标“${dest}”的端口无效。` };
  return null;
}

/** Default OpenSSH user config. */
export function defaultSshConfigPath(): string {
  return path.join(os.homedir(), '.ssh', 'config');
}

/** Host aliases of an OpenSSH config file (missing file: empty list). */
export async function listSshHosts(configFile: string = defaultSshConfigPath()): Promise<SshHost[]> {
  const text = await expandIncludes(configFile, 0);
  if (text === null) return [];
  const config = parse(text);
  const hosts: SshHost[] = [];
  const seen = new Set<string>();
  for (const line of config) {
    if (!isHostSection(line)) continue;
    for (const alias of patternsOf(line)) {
      if (/[*?!]/.test(alias) || seen.has(alias)) continue;
      seen.add(alias);
      const c = config.compute(alias, { ignoreCase: true, matchExec: false });
      const hostName = first(c.hostname);
      const user = first(c.user);
      const port = Number(first(c.port));
      hosts.push({
        alias,
        ...(hostName && hostName !== alias ? { hostName } : {}),
        ...(user ? { user } : {}),
        ...(Number.isInteger(port) && port > 0 ? { port } : {}),
      });
    }
  }
  return hosts;
}

function isHostSection(line: Line): line is Section {
  return 'param' in line && 'config' in line && line.param.toLowerCase() === 'host';
}

function patternsOf(section: Section): string[] {
  const v = section.value;
  const raw = typeof v === 'string' ? v.split(/\s+/) : v.map((p) => p.val);
  return raw.filter((p) => p !== '');
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The config text with top-level `Include` lines replaced by the files they name (as ssh does;
 * relative paths are under ~/.ssh, `*` and `?` match within the last path part). Null when the
 * file cannot be read.
 */
async function expandIncludes(file: string, depth: number): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  if (depth >= 8) return text;
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*include\s*[=\s]\s*(.+?)\s*$/i.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    for (const pattern of m[1].split(/\s+/)) {
      for (const included of await globOne(pattern)) {
        const sub = await expandIncludes(included, depth + 1);
        if (sub !== null) out.push(sub);
      }
    }
  }
  return out.join('\n');
}

async function globOne(pattern: string): Promise<string[]> {
  let p = pattern.replace(/^"(.*)"$/, '$1');
  if (p.startsWith('~/')) p = path.join(os.homedir(), p.slice(2));
  else if (!path.isAbsolute(p)) p = path.join(os.homedir(), '.ssh', p);
  const base = path.basename(p);
  if (!/[*?]/.test(base)) return [p];
  const dir = path.dirname(p);
  const re = new RegExp(
    '^' +
      base
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}
