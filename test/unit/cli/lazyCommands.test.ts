// Commands load on demand (issue #15): an invocation registers only the command it names, and
// anything else (top-level help, a typo, no command) still sees every command.
import assert from 'node:assert/strict';
import { capturedIo } from '../../../src/cli/cliIo';
import { buildProgram, commandsFor } from '../../../src/cli/program';

const ALL = ['parse', 'run', 'targets', 'list', 'compare', 'export', 'explore', 'profile'];

describe('cli: commands load on demand', () => {
  it('a named command (or `help CMD`) loads only that command', () => {
    assert.deepEqual(commandsFor(['run', 'm.mge', '--', '--iter', '5']), ['run']);
    assert.deepEqual(commandsFor(['help', 'parse']), ['parse']);
    assert.deepEqual(commandsFor(['targets', '--help']), ['targets']);
  });

  it('top-level help, a typo and no command load every command, in help order', () => {
    assert.deepEqual(commandsFor(['--help']), ALL);
    assert.deepEqual(commandsFor(['rnu']), ALL);
    assert.deepEqual(commandsFor([]), ALL);
    assert.deepEqual(commandsFor(['help']), ALL);
  });

  it('the program built for `run` has only run; the one for --help has all', async () => {
    const ctx = { io: capturedIo({ cwd: process.cwd() }), setExitCode: () => undefined };
    const forRun = await buildProgram(ctx, ['run', 'x.mge']);
    assert.deepEqual(
      forRun.commands.map((c) => c.name()),
      ['run'],
    );
    const forHelp = await buildProgram(ctx, ['--help']);
    assert.deepEqual(
      forHelp.commands.map((c) => c.name()),
      ALL,
    );
  });
});
