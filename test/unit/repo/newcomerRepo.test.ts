// What a newcomer meets on a fresh clone before any UI: the README's own CLI example must not break
// `npm test` (its records are ignored by git and by the format check), `npm` prints no warning about
// the project's config, and the demo's package install does not flood the terminal with dpkg lines.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
// Where `lar-explorer run samples/onnx/small_cnn.onnx --save` from the repo root writes.
const README_RECORD = '.lar-explorer/runs/20250101-000000-abcdef12.json';

describe('a fresh clone, as the README uses it', () => {
  it('ignores run records written by the README CLI example in the format check', async () => {
    const info = await prettier.getFileInfo(path.join(REPO, README_RECORD), {
      ignorePath: path.join(REPO, '.prettierignore'),
    });
    assert.equal(info.ignored, true);
  });

  it('keeps those records out of git', () => {
    const out = execFileSync('git', ['check-ignore', '--no-index', README_RECORD], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(out.trim(), README_RECORD);
  });

  it('npm prints no "Unknown project config" warning in this project', function () {
    this.timeout(30000);
    const r = spawnSync('npm', ['config', 'get', 'loglevel'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /Unknown project config/);
  });

  it("keeps onnxruntime-node's GPU download (NuGet, CUDA binaries) from running on npm ci", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    assert.equal(pkg.allowScripts?.['onnxruntime-node'], false);
  });

  it("installs Debian packages without echoing apt's and dpkg's progress", function () {
    this.timeout(30000);
    const bin = mkdtempSync(path.join(os.tmpdir(), 'lar-fake-apt-'));
    const fakeApt = path.join(bin, 'apt-get');
    writeFileSync(
      fakeApt,
      '#!/bin/sh\nfor i in 1 2 3; do echo "Unpacking chromium ($i) ..."; echo "Setting up fonts ($i) ..."; done\n',
    );
    chmodSync(fakeApt, 0o755);
    const system = pathToFileURL(path.join(REPO, 'scripts/harness/system.mjs')).href;
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(system)}).then((m) => m.aptInstall(['chromium'], () => {}))`,
      ],
      { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, encoding: 'utf8' },
    );
    rmSync(bin, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /Unpacking|Setting up/);
  });

  it('shows what apt printed when it fails', function () {
    this.timeout(30000);
    const bin = mkdtempSync(path.join(os.tmpdir(), 'lar-fake-apt-'));
    const fakeApt = path.join(bin, 'apt-get');
    writeFileSync(fakeApt, '#!/bin/sh\necho "E: Unable to locate package chromium" >&2\nexit 100\n');
    chmodSync(fakeApt, 0o755);
    const system = pathToFileURL(path.join(REPO, 'scripts/harness/system.mjs')).href;
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(system)}).then((m) => m.aptInstall(['chromium'], (s) => console.error(s)))`,
      ],
      { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, encoding: 'utf8' },
    );
    rmSync(bin, { recursive: true, force: true });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Unable to locate package chromium/);
  });
});
