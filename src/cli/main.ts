/** Entry point of the `lar-explorer` binary (bundled to dist/cli.js). All logic is in program.ts. */
import { main } from './program';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`lar-explorer: internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
