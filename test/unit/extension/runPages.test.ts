// Paging of a model's or study's runs in the Models view, in plain Node (runPages.ts imports no vscode).
import assert from 'node:assert/strict';
import { pageOf, RUN_PAGE_SIZE, RunPages } from '../../../src/extension/history/runPages';

interface Run {
  n: number;
  pinned?: boolean;
}
const runs = (count: number, pinnedAt: number[] = []): Run[] =>
  Array.from({ length: count }, (_, n) => ({ n, ...(pinnedAt.includes(n) ? { pinned: true } : {}) }));
const isPinned = (r: Run) => r.pinned === true;

describe('Models view paging (plain Node)', () => {
  it('shows every run, and no "show more", up to one page', () => {
    const page = pageOf(runs(RUN_PAGE_SIZE), RUN_PAGE_SIZE, isPinned);
    assert.equal(page.visible.length, RUN_PAGE_SIZE);
    assert.equal(page.older, 0);
  });

  it('shows the newest page of 120 runs and counts the older ones; the next page is 50, the last 20', () => {
    const all = runs(120);
    const first = pageOf(all, 50, isPinned);
    assert.deepEqual(
      first.visible.map((r) => r.n),
      all.slice(0, 50).map((r) => r.n),
    );
    assert.deepEqual([first.older, first.next], [70, 50]);
    const second = pageOf(all, 100, isPinned);
    assert.deepEqual([second.visible.length, second.older, second.next], [100, 20, 20]);
    assert.deepEqual([pageOf(all, 150, isPinned).visible.length, pageOf(all, 150, isPinned).older], [120, 0]);
  });

  it('keeps a pinned baseline older than the page in sight, after the page, and does not count it as hidden', () => {
    const page = pageOf(runs(120, [90]), 50, isPinned);
    assert.equal(page.visible.length, 51);
    assert.equal(page.visible.at(-1)?.n, 90);
    assert.equal(page.older, 69);
    // Once the page reaches it, it sits in its own place, once.
    const wider = pageOf(runs(120, [90]), 100, isPinned);
    assert.equal(wider.visible.filter((r) => r.n === 90).length, 1);
    assert.equal(wider.visible.length, 100);
    // Only pinned runs left past the page: nothing more to show.
    assert.equal(pageOf(runs(51, [50]), 50, isPinned).older, 0);
  });

  it('remembers how far each node is opened, one page at a time, independently', () => {
    const pages = new RunPages(50);
    assert.equal(pages.shownFor('model:a'), 50);
    pages.showMore('model:a');
    pages.showMore('model:a');
    assert.equal(pages.shownFor('model:a'), 150);
    assert.equal(pages.shownFor('study:s'), 50);
  });
});
