import assert from 'node:assert/strict';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';
import { isProfiledRun, profileFileFor } from '../../../src/core/profile';
import { benchmarkToHostSchema } from '../../../src/shared/benchmarkProtocol';
import { PanelStateKeeper } from '../../../src/extension/benchmark/panelState';

describe('"Profile this run" (the host adds the engine’s profiling flag; plain Node)', () => {
  it('adds the engine’s own flag with the host’s file, and the run counts as profiled', () => {
    for (const engine of [larEngine, ortEngine]) {
      const st = new PanelStateKeeper(engine, 'local');
      st.editFlags(1, { iter: 5 });
      assert.equal(st.profiling, false);
      st.setProfiling(true, '.lar-explorer/profiles/m-1.json');
      assert.equal(st.profiling, true);
      const flags = st.runFlags();
      assert.equal(flags[engine.profile!.flag], '.lar-explorer/profiles/m-1.json');
      assert.equal(flags.iter, 5);
      assert.equal(isProfiledRun({ engine: engine.id, flags }), true);
      // The form's own flags stay the user's: the toggle is not a flag of the form.
      assert.deepEqual(st.flags, { iter: 5 });
    }
  });

  it('a profile path the user typed wins; turning the toggle off removes it too', () => {
    const st = new PanelStateKeeper(larEngine, 'local');
    st.editFlags(1, { profile: 'mine.json' });
    assert.equal(st.profiling, true, 'a typed --profile is profiling too: the toggle shows it');
    st.setProfiling(true, 'auto.json');
    assert.equal(st.runFlags().profile, 'mine.json');
    st.setProfiling(false, 'ignored.json');
    assert.equal(st.profiling, false);
    assert.equal(st.runFlags().profile, undefined);
  });

  it('each profiled run writes a new file; a recipe’s steps are not profiled', () => {
    const st = new PanelStateKeeper(larEngine, 'local');
    st.setProfiling(true, 'a.json');
    assert.equal(st.runFlags().profile, 'a.json');
    st.nextProfileFile('b.json');
    assert.equal(st.runFlags().profile, 'b.json');
    assert.equal(st.runFlags({ profiling: false }).profile, undefined);
    st.setProfiling(false, 'c.json');
    st.nextProfileFile('d.json');
    assert.equal(st.runFlags().profile, undefined, 'a new file does not turn the toggle on');
  });

  it('a profile file is workspace-relative under .lar-explorer/profiles/, named by model and time', () => {
    const when = new Date(2026, 0, 2, 3, 4, 5, 6);
    assert.equal(
      profileFileFor('models/mnist real.mge', when),
      '.lar-explorer/profiles/mnist_real-20260102-030405006.json',
    );
    assert.equal(
      profileFileFor('a.onnx', when, 'winner'),
      '.lar-explorer/profiles/a-20260102-030405006-winner.json',
    );
  });

  it('the webview’s profiling intents are checked: a boolean toggle, a record id', () => {
    assert.equal(benchmarkToHostSchema.safeParse({ type: 'setProfiling', on: true }).success, true);
    assert.equal(benchmarkToHostSchema.safeParse({ type: 'setProfiling', on: 'yes' }).success, false);
    assert.equal(
      benchmarkToHostSchema.safeParse({ type: 'setProfiling', on: true, file: '/etc/x' }).success,
      false,
    );
    assert.equal(benchmarkToHostSchema.safeParse({ type: 'showProfile', recordId: 'abc' }).success, true);
    assert.equal(benchmarkToHostSchema.safeParse({ type: 'showProfile', recordId: '' }).success, false);
  });
});
