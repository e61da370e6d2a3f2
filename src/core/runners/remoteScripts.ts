/**
 * The fixed POSIX sh scripts the SSH runner sends. User data never enters a script's text: every
 * path, flag and value travels as a positional argument (`sh -c SCRIPT lar-explorer ARG...`),
 * shell-quoted once by `remoteCommand`, so the remote login shell hands them over unchanged.
 * Scripts stick to POSIX sh + coreutils/busybox so they work on small boards (dash, ash).
 */
import { shellJoin } from '../shellQuote';

/** Name of the marker holding the PID of the remote process using a run folder (remoteSweep.ts). */
export const RUN_MARKER = '.lar-explorer-run';

/** `sh -c SCRIPT lar-explorer ARGS...` as one command line for the remote login shell. */
export function remoteCommand(script: string, args: readonly string[]): string {
  return shellJoin(['sh', '-c', script, 'lar-explorer', ...args]);
}

/**
 * Runs a program in its own process group and reports how it ended on stderr, as a trailer line
 * `<mark> exit N` / `<mark> signal NAME` (the exit code of ssh cannot tell a signal from a code,
 * nor a program's 255 from ssh's own failure). Before starting it can create directories and check
 * that required files exist (`<mark> need I J...`: upload those and ask again).
 *
 * It stamps the run folder (the pgid file's folder) with its own PID in RUN_MARKER, so a sweep on
 * another connection leaves the folder alone while it lives (remoteSweep.ts).
 *
 * The group dies when the run is cancelled (the runner kills the PGID written to `pgid_file`) and
 * when the SSH link drops: a watcher reads the session's stdin, which the runner never writes;
 * EOF there means ssh went away, and the watcher kills the group (TERM, then KILL after `grace`).
 *
 * Args: pgid_file cwd mark grace cleanup_dir NDIRS dir... NREQ file... NAME=VALUE... -- program arg...
 */
export const RUN_SCRIPT = `
pgid_file=$1 cwd=$2 mark=$3 grace=$4 cleanup=$5
shift 5
say() { printf '%s %s\\n' "$mark" "$*" >&2; }
n=$1; shift
while [ "$n" -gt 0 ]; do mkdir -p -- "$1" || { say setup-failed; exit 125; }; shift; n=$((n - 1)); done
if [ -n "$pgid_file" ]; then printf '%s\\n' "$$" > "\${pgid_file%/*}/${RUN_MARKER}" || { say setup-failed; exit 125; }; fi
n=$1; shift; need=; i=0
while [ "$i" -lt "$n" ]; do [ -f "$1" ] || need="$need $i"; shift; i=$((i + 1)); done
if [ -n "$need" ]; then say need$need; exit 0; fi
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do export "$1" || { say setup-failed; exit 125; }; shift; done
shift
if [ -n "$cwd" ]; then cd -- "$cwd" || { say setup-failed; exit 125; }; fi
prog=$1
case $prog in
  */*)
    if [ ! -e "$prog" ]; then echo "lar-explorer: no such program: $prog" >&2; say missing; exit 127; fi
    if [ -d "$prog" ]; then echo "lar-explorer: is a folder: $prog" >&2; say notexec; exit 126; fi
    if [ ! -f "$prog" ] || [ ! -x "$prog" ]; then echo "lar-explorer: not executable: $prog" >&2; say notexec; exit 126; fi ;;
  *)
    if ! command -v "$prog" >/dev/null 2>&1; then echo "lar-explorer: no such program: $prog" >&2; say missing; exit 127; fi ;;
esac
exec 3<&0
if command -v setsid >/dev/null 2>&1; then setsid "$@" </dev/null 3<&- & else "$@" </dev/null 3<&- & fi
child=$!
if [ -n "$pgid_file" ]; then echo "$child" > "$pgid_file"; fi
(
  while IFS= read -r _; do :; done
  kill -s TERM -- -"$child" 2>/dev/null || kill -s TERM "$child" 2>/dev/null
  sleep "$grace"
  kill -s KILL -- -"$child" 2>/dev/null || kill -s KILL "$child" 2>/dev/null
) <&3 >/dev/null 2>&1 &
watcher=$!
exec 3<&-
wait "$child"; st=$?
kill "$watcher" 2>/dev/null
if [ -n "$cleanup" ]; then cd / && rm -rf -- "$cleanup"; elif [ -n "$pgid_file" ]; then rm -f -- "$pgid_file"; fi
if [ "$st" -gt 128 ] && sig=$(kill -l "$st" 2>/dev/null); then say signal "$sig"; else say exit "$st"; fi
exit "$st"
`;

/** Cancel: TERM the group whose PGID is in $1, KILL it after $2 seconds if still there. */
export const KILL_SCRIPT = `
[ -f "$1" ] || exit 0
pg=$(cat -- "$1") || exit 0
[ -n "$pg" ] || exit 0
kill -s TERM -- -"$pg" 2>/dev/null || exit 0
i=0
while [ "$i" -lt "$2" ]; do sleep 1; kill -s 0 -- -"$pg" 2>/dev/null || exit 0; i=$((i + 1)); done
kill -s KILL -- -"$pg" 2>/dev/null
exit 0
`;

/**
 * Upload: stdin to a temp name in $1, renamed to $3 only when all $4 bytes arrived. A dropped link
 * looks like a clean end of input to `cat`, so the size check is what keeps a half file from
 * ever looking complete.
 */
export const UPLOAD_SCRIPT = `
mkdir -p -- "$1" || exit 1
if cat > "$2"; then
  n=$(($(wc -c < "$2")))
  if [ "$n" -eq "$4" ] && mv -f -- "$2" "$3"; then exit 0; fi
  echo "lar-explorer: upload incomplete: $n of $4 bytes" >&2
fi
rm -f -- "$2"
exit 1
`;

/**
 * Download: the file $1 on stdout; exit 3 when it does not exist (the program did not write it).
 * $2, when given, is the run folder's marker: stamped with this PID (kept by `cat` through exec),
 * so a sweep from another connection sees the folder in use for as long as the download lasts.
 */
export const FETCH_SCRIPT = `
[ -f "$1" ] || exit 3
if [ -n "$2" ]; then { printf '%s\\n' "$$" > "$2"; } 2>/dev/null; fi
exec cat -- "$1"
`;

/** Files under directory $1, one relative path per line (nothing when it does not exist). */
export const LIST_FILES_SCRIPT = `
cd -- "$1" 2>/dev/null || exit 0
find . -type f
`;

/** Remove the run directory $1. */
export const CLEANUP_SCRIPT = `rm -rf -- "$1"`;

/** Exit codes of the scripts above that mean something other than failure. */
export const FETCH_MISSING = 3;
