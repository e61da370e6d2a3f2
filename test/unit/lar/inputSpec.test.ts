import assert from 'node:assert/strict';
import { larInputFiles, mapLarInputFiles, parseLarInput } from '../../../src/core/engines/lar/inputSpec';

describe('--input values', () => {
  it('reads names, files and inline data', () => {
    assert.deepEqual(parseLarInput('data:/d/x.npy;img:cat.ppm;shape:[1,3,224,224];all.json'), [
      { name: 'data', value: '/d/x.npy', kind: 'npy' },
      { name: 'img', value: 'cat.ppm', kind: 'image' },
      { name: 'shape', value: '[1,3,224,224]', kind: 'data' },
      { name: null, value: 'all.json', kind: 'json' },
    ]);
    assert.deepEqual(parseLarInput(''), []);
  });

  it('splits the name at the first colon only', () => {
    assert.deepEqual(parseLarInput('data:C:/x.npy'), [{ name: 'data', value: 'C:/x.npy', kind: 'npy' }]);
  });

  it('lists and rewrites the files only', () => {
    const v = 'data:a.npy;s:{1,1,28,28};b.json';
    assert.deepEqual(larInputFiles(v), ['a.npy', 'b.json']);
    assert.equal(
      mapLarInputFiles(v, (p) => `/tmp/r/${p}`),
      'data:/tmp/r/a.npy;s:{1,1,28,28};/tmp/r/b.json',
    );
  });
});
