/**
 * What the program on an SSH target is, by content: size, mtime and sha256 computed ON the board,
 * so an artifact's provenance names the binary that made it, not only its path (a rebuilt
 * load_and_run at the same path makes an old fast-run cache stale). Hashing a 30 MB binary on a
 * small board takes a while, so the hash is cached per connection by path + size + mtime: later
 * runs cost one `stat`. Boards without sha256sum, shasum or openssl say so instead of failing.
 */
import { remoteCommand } from './remoteScripts';
import type { ProgramFacts } from './runner';

/**
 * Args: program known_size known_mtime. Prints `size S`, `mtime M`, then `sha256 HEX`, `same`
 * (size and mtime match what the caller knows: not hashed again) or `nohash`. Exit 3: no such file.
 */
export const HASH_SCRIPT = `
p=$1
case $p in */*) ;; *) p=$(command -v -- "$p" 2>/dev/null) || exit 3 ;; esac
[ -f "$p" ] || exit 3
st=$(stat -L -c '%s %Y' -- "$p" 2>/dev/null || stat -L -f '%z %m' -- "$p" 2>/dev/null)
size=\${st%% *} mtime=\${st##* }
[ -n "$size" ] || size=$(($(wc -c < "$p")))
printf 'size %s\\nmtime %s\\n' "$size" "$mtime"
if [ -n "$mtime" ] && [ "$size" = "$2" ] && [ "$mtime" = "$3" ]; then echo same; exit 0; fi
if command -v sha256sum >/dev/null 2>&1; then h=$(sha256sum < "$p")
elif command -v shasum >/dev/null 2>&1; then h=$(shasum -a 256 < "$p")
elif command -v openssl >/dev/null 2>&1; then h=$(openssl dgst -sha256 < "$p"); h=\${h##*= }
else echo nohash; exit 0; fi
printf 'sha256 %s\\n' "\${h%% *}"
`;

export const NO_HASH_TOOL =
  'no sha256sum, shasum or openssl on the target: the binary is known by path and size only';

interface Known {
  bytes: number;
  mtime: string;
  sha256: string;
}

/** Describes programs over one connection, remembering each hash by path + size + mtime. */
export class RemoteProgramHasher {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly capture: (
      command: string,
    ) => Promise<{ stdout: string; stderr: string; exitCode: number | null }>,
  ) {}

  async describe(program: string): Promise<ProgramFacts> {
    const k = this.known.get(program);
    const r = await this.capture(
      remoteCommand(HASH_SCRIPT, [program, k ? String(k.bytes) : '', k ? k.mtime : '']),
    );
    if (r.exitCode === 3) return { path: program, note: 'not found on the target' };
    const fields = new Map(
      r.stdout
        .split('\n')
        .map((l) => l.trim().split(' '))
        .map(([key, ...rest]) => [key ?? '', rest.join(' ')] as const),
    );
    const bytes = Number(fields.get('size'));
    const base: ProgramFacts = { path: program, ...(Number.isFinite(bytes) && bytes >= 0 ? { bytes } : {}) };
    if (r.exitCode !== 0) return { ...base, note: `could not be read on the target${lastLine(r.stderr)}` };
    if (fields.has('same') && k) return { ...base, sha256: k.sha256 };
    if (fields.has('nohash')) return { ...base, note: NO_HASH_TOOL };
    const sha256 = fields.get('sha256') ?? '';
    if (!/^[0-9a-f]{64}$/.test(sha256))
      return { ...base, note: 'the hashing tool on the target gave no sha256' };
    const mtime = fields.get('mtime') ?? '';
    if (base.bytes !== undefined && mtime) this.known.set(program, { bytes: base.bytes, mtime, sha256 });
    return { ...base, sha256 };
  }
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').pop()?.trim();
  return line ? ` (${line})` : '';
}
