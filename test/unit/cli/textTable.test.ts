// Terminal tables with Chinese in them: a wide character takes two columns, so headings like 阶段
// and cells like 推理（平均） must be padded by display width, not by string length.
import assert from 'node:assert/strict';
import { displayWidth, renderTable } from '../../../src/cli/textTable';

describe('cli: text tables in two languages', () => {
  it('counts wide characters (CJK, full-width punctuation) as two columns', () => {
    assert.equal(displayWidth('阶段'), 4);
    assert.equal(displayWidth('推理（平均）'), 12);
    assert.equal(displayWidth('错误：、'), 8);
    assert.equal(displayWidth('ms Δ ×0.9'), 9);
    assert.equal(displayWidth('e\u0301'), 1, 'a combining mark takes no column');
    assert.equal(displayWidth('\x1b[1m粗\x1b[0m'), 2, 'colour codes take none');
  });

  it('pads each column to its widest cell by display width, numbers right-aligned', () => {
    const rows = [
      ['推理（平均）', '0.079', '更快'],
      ['load', '9.196', 'single value, not tested'],
      ['预热 1', '119.177', '基线'],
    ];
    const text = renderTable(
      [{ header: '阶段' }, { header: 'ms', align: 'right' }, { header: '结论' }],
      rows,
    );
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 4);
    // Column 2 (right-aligned) ends, and column 3 starts, at the same terminal column on every line.
    const at = (line: string, cell: string, end: boolean) =>
      displayWidth(line.slice(0, line.indexOf(cell) + (end ? cell.length : 0)));
    [['阶段', 'ms', '结论'], ...rows].forEach(([, ms, verdict], i) => {
      assert.equal(at(lines[i]!, ms!, true), 21, lines[i]);
      assert.equal(at(lines[i]!, verdict!, false), 23, lines[i]);
    });
    assert.equal(lines[0], '阶段               ms  结论');
    assert.equal(lines[1], '推理（平均）    0.079  更快');
  });
});
