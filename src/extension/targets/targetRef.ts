/**
 * What a target is, as the extension passes it around: this machine, or an SSH destination with
 * its per-target settings. Pure data plus the ids/labels derived from it; no I/O, no runners.
 */

/** One entry of the machine-scoped `lar-explorer.targets` setting. */
export interface TargetSetting {
  name: string;
  destination: string;
  sshConfigFile?: string;
  /** Path of load_and_run on the target. */
  loadAndRunPath?: string;
  env?: Record<string, string>;
  workDir?: string;
}

export type TargetRef =
  | { kind: 'local'; id: 'local'; label: string }
  | {
      kind: 'ssh';
      /** `ssh:<name>`: stable across reloads, unique in the picker. */
      id: string;
      label: string;
      destination: string;
      /** Where it was declared: the user's ssh config, or the extension's settings (which win). */
      source: 'ssh-config' | 'settings';
      sshConfigFile?: string;
      loadAndRunPath?: string;
      env?: Record<string, string>;
      workDir?: string;
      /** `user@hostname:port` as the ssh config resolves the alias, for tooltips. */
      resolved?: string;
    };

/** A host alias from the ssh config (the shape `listSshHosts` returns). */
export interface ConfigHost {
  alias: string;
  hostName?: string;
  user?: string;
  port?: number;
}

export const LOCAL_TARGET_ID = 'local';

export function localTarget(label: string): TargetRef {
  return { kind: 'local', id: LOCAL_TARGET_ID, label };
}

export function sshTargetId(name: string): string {
  return `ssh:${name}`;
}

/** The text a run record keeps as its target (the runner's name): `local`, or `ssh:<destination>`. */
export function recordTargetOf(target: TargetRef): string {
  return target.kind === 'local' ? 'local' : `ssh:${target.destination.trim()}`;
}

/**
 * Merge the ssh config's hosts with the settings' targets: a settings entry whose name or
 * destination matches a config host replaces it (it carries the per-target settings).
 */
export function mergeTargets(configHosts: ConfigHost[], settings: TargetSetting[]): TargetRef[] {
  const out: TargetRef[] = [];
  const claimed = new Set<string>();
  for (const s of settings) {
    if (!s.name || !s.destination) continue;
    claimed.add(s.name);
    claimed.add(s.destination);
    out.push({
      kind: 'ssh',
      id: sshTargetId(s.name),
      label: s.name,
      destination: s.destination,
      source: 'settings',
      sshConfigFile: s.sshConfigFile,
      loadAndRunPath: s.loadAndRunPath,
      env: s.env,
      workDir: s.workDir,
    });
  }
  for (const host of configHosts) {
    if (claimed.has(host.alias)) continue;
    claimed.add(host.alias);
    const resolved = `${host.user ? `${host.user}@` : ''}${host.hostName ?? host.alias}${host.port ? `:${host.port}` : ''}`;
    out.push({
      kind: 'ssh',
      id: sshTargetId(host.alias),
      label: host.alias,
      destination: host.alias,
      source: 'ssh-config',
      resolved,
    });
  }
  return out;
}
