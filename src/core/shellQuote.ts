/**
 * POSIX shell quoting: the one place that turns argv into text a shell reads back unchanged.
 * Used for the copyable command preview and for every argument sent to a remote shell over SSH.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument so `sh` reads it back as exactly this string. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return "'" + arg.replace(/'/g, `'\\''`) + "'";
}

/** Quote and join an argv for a POSIX shell. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
