/**
 * The first command on a new SSH connection: learn the remote home AND sweep the run folders that
 * dead runs left in `<work dir>/runs/` (a dropped link after the run, a board that rebooted, a
 * killed client): one round trip, no extra cost per run.
 *
 * What may be removed, and why it is safe (the rule is deliberately narrow):
 * - only entries of `<work dir>/runs/` whose NAME is one of our run ids (`<base36 time>-<8 hex>`,
 *   sshRunner.ts), that are real directories (never a symlink, never a file), and nothing outside;
 * - a folder is in use while a remote process of its run lives: the wrapper writes its own PID to
 *   `.lar-explorer-run` (RUN_MARKER) when it starts, each download re-stamps it with the PID of its
 *   `cat`, and the program's process group is in `pgid`. Either one alive (`kill -0`, or /proc/PID
 *   where kill -0 is refused) keeps the folder;
 * - between those steps no remote process runs (uploading missing inputs, the gap between the
 *   program's end and the first download), so an AGE bound covers them too: anything in the folder
 *   touched within the last FRESH_MINUTES keeps it. One hour outlasts any single upload of a
 *   model over a slow link (1 GB at 300 kB/s), and every step re-stamps the folder;
 * - a folder with our name but no marker (made by a version before the marker, or whose inputs were
 *   still uploading) is swept only when nothing in it changed for a day.
 * A PID reused by an unrelated process after a reboot only keeps a folder longer: errs on keeping.
 * Paths travel as positional arguments (remoteScripts.ts), never inside the script's text.
 */
import { RUN_MARKER, remoteCommand } from './remoteScripts';
/** A marked folder whose processes are gone is kept this long after anything in it last changed. */
export const FRESH_MINUTES = 60;
/** A folder with a run id's name but no marker is kept this long after anything in it last changed. */
export const UNMARKED_MINUTES = 24 * 60;

const SWEPT = 'lar-explorer-swept';

/**
 * Args: work_dir (absolute, or `~`/`~/...` for the remote home) fresh_min unmarked_min.
 * Prints `lar-explorer-swept NAME` for each folder removed, then the home directory on the last line.
 */
export const CONNECT_SCRIPT = `
w=$1 fresh=$2 unmarked=$3
if [ -n "$HOME" ]; then home=$HOME; else home=$(pwd); fi
case $w in "~") w=$home ;; "~/"*) w=$home/\${w#"~/"} ;; esac
alive() {
  case $1 in ''|*[!0-9]*) return 1 ;; esac
  kill -0 "$1" 2>/dev/null || [ -d "/proc/$1" ]
}
recent() { [ -n "$(find "$1" -mmin -"$2" 2>/dev/null | head -n 1)" ]; }
runs=$w/runs
if [ -d "$runs" ] && [ ! -L "$runs" ]; then
  for d in "$runs"/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    name=\${d##*/}
    printf '%s\\n' "$name" | grep -Eq '^[0-9a-z]{6,12}-[0-9a-f]{8}$' || continue
    m=$d/${RUN_MARKER}
    if [ -f "$m" ] && [ ! -L "$m" ]; then
      alive "$(head -n 1 -- "$m" 2>/dev/null)" && continue
      age=$fresh
    else
      age=$unmarked
    fi
    if [ -f "$d/pgid" ]; then
      pg=$(head -n 1 -- "$d/pgid" 2>/dev/null)
      alive "$pg" && continue
      case $pg in ''|*[!0-9]*) ;; *) kill -0 -- -"$pg" 2>/dev/null && continue ;; esac
    fi
    recent "$d" "$age" && continue
    rm -rf -- "$d" 2>/dev/null && printf '%s %s\\n' ${SWEPT} "$name"
  done
fi
printf '%s\\n' "$home"
`;

export function connectCommand(workDirSpec: string): string {
  return remoteCommand(CONNECT_SCRIPT, [workDirSpec, String(FRESH_MINUTES), String(UNMARKED_MINUTES)]);
}

/** The home directory and the run folders swept, from the connect command's stdout. */
export function parseConnectOutput(stdout: string): { home: string; swept: string[] } {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const swept = lines.filter((l) => l.startsWith(`${SWEPT} `)).map((l) => l.slice(SWEPT.length + 1));
  // The home is the last line; a login banner (motd) may come before everything.
  const home = lines.filter((l) => !l.startsWith(`${SWEPT} `)).pop() ?? '';
  return { home: home.trim(), swept };
}
