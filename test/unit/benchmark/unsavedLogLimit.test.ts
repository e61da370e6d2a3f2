// runLog.ts keeps its own copy of the store's inline limit (so an unsaved run does not load the
// store and its schemas): the two must not drift apart.
import assert from 'node:assert/strict';
import { UNSAVED_INLINE_LOG_LIMIT } from '../../../src/core/benchmark/runLog';
import { INLINE_LOG_LIMIT } from '../../../src/core/records/recordStore';

describe('unsaved run log limit', () => {
  it("equals the store's inline log limit", () => {
    assert.equal(UNSAVED_INLINE_LOG_LIMIT, INLINE_LOG_LIMIT);
  });
});
