import assert from 'node:assert/strict';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';
import { PanelStateKeeper } from '../../../src/extension/benchmark/panelState';

describe('PanelStateKeeper (the host owns the Benchmark panel state; plain Node)', () => {
  it('composes the input flag from the rows with the engine’s syntax; empty rows add nothing', () => {
    const st = new PanelStateKeeper(larEngine, 'local');
    st.editFlags(1, { iter: 5 });
    assert.deepEqual(st.runFlags(), { iter: 5 });
    st.editInputs(2, [
      { name: 'data', value: 'a.npy' },
      { name: '', value: ' ' },
    ]);
    assert.deepEqual(st.runFlags(), { iter: 5, input: 'data:a.npy' });
    assert.equal(st.echo, 2);
    st.editFlags(1, { iter: 6 });
    assert.equal(st.echo, 2, 'an older edit never lowers the echo');
  });

  it('a flag set with the input flag (a paste, a re-run) puts it into rows, not flags', () => {
    const st = new PanelStateKeeper(ortEngine, 'local');
    st.setFlags({ iter: 3, input: 'x:[1,3];y.npy' });
    assert.deepEqual(st.flags, { iter: 3 });
    assert.deepEqual(st.inputs, [
      { name: 'x', value: '[1,3]' },
      { name: '', value: 'y.npy' },
    ]);
    assert.deepEqual(st.runFlags(), { iter: 3, input: 'x:[1,3];y.npy' });
  });

  it('presets add their flags; unknown presets change nothing; clearing keeps the rows', () => {
    const st = new PanelStateKeeper(larEngine, 'local');
    st.setFlags({ iter: 2, input: 'data:a.npy' });
    assert.equal(st.applyPreset('no-such-preset'), false);
    assert.equal(st.applyPreset('fake-first'), true);
    assert.deepEqual(st.flags, { iter: 2, 'fake-first': true, 'warmup-iter': 2 });
    st.clearFlags();
    assert.deepEqual(st.runFlags(), { input: 'data:a.npy' });
    assert.equal(new PanelStateKeeper(ortEngine, 'local').applyPreset('fast-run'), false);
  });

  it('picked files become rows; a .json names its own inputs; a blank row is reused', () => {
    const st = new PanelStateKeeper(larEngine, 'local');
    st.setInputs([{ name: '', value: '' }]);
    st.addFiles(['in/a.npy', 'in/all.json']);
    assert.deepEqual(st.inputs, [
      { name: 'data', value: 'in/a.npy' },
      { name: '', value: 'in/all.json' },
    ]);
  });

  it('without an engine the flags are kept as given', () => {
    const st = new PanelStateKeeper(undefined, 'local');
    st.setFlags({ input: 'x', iter: 1 });
    assert.deepEqual(st.runFlags(), { input: 'x', iter: 1 });
  });
});
