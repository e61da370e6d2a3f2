import assert from 'node:assert/strict';
import { shellJoin } from '../../../src/core/shellQuote';
import { splitShellCommands, splitShellWords, tokenizeShell } from '../../../src/core/shellWords';

const words = (text: string): string[] => splitShellWords(text).words;

describe('shellWords', () => {
  it('splits on blanks and keeps quoted blanks', () => {
    assert.deepEqual(words('  a  b\tc '), ['a', 'b', 'c']);
    assert.deepEqual(words(`a 'b c' "d e"`), ['a', 'b c', 'd e']);
    assert.deepEqual(words(`x'y z'"w"v`), ['xy zwv']);
  });

  it('keeps empty quoted words', () => {
    assert.deepEqual(words(`a '' "" b`), ['a', '', '', 'b']);
  });

  it('applies backslash escapes outside quotes', () => {
    assert.deepEqual(words('a\\ b c\\"d \\\\'), ['a b', 'c"d', '\\']);
    // The real capture 41_input_shape_string.cmd
    assert.deepEqual(words('load_and_run m.mge --input data:\\{1\\,1\\,28\\,28\\}'), [
      'load_and_run',
      'm.mge',
      '--input',
      'data:{1,1,28,28}',
    ]);
  });

  it('applies only the POSIX escapes inside double quotes', () => {
    assert.deepEqual(words('"a\\"b" "\\$x" "\\n" "c\\\\d"'), ['a"b', '$x', '\\n', 'c\\d']);
  });

  it('takes single quotes literally, including backslashes', () => {
    assert.deepEqual(words(`'a\\b' 'it'\\''s'`), ['a\\b', "it's"]);
  });

  it('joins lines ended by a backslash (also CRLF)', () => {
    assert.deepEqual(words('a \\\n  b \\\r\n c'), ['a', 'b', 'c']);
    assert.deepEqual(words('"a\\\nb"'), ['ab']);
  });

  it("reads bash $'...' quotes", () => {
    assert.deepEqual(words(`$'a\\tb' $'\\x41\\'' $'\\101'`), ['a\tb', "A'", 'A']);
  });

  it('keeps $(...) and backticks literal, spaces included', () => {
    assert.deepEqual(words('a $(echo b c) `d e` $HOME'), ['a', '$(echo b c)', '`d e`', '$HOME']);
    assert.deepEqual(words('x$(f "(" a)y'), ['x$(f "(" a)y']);
  });

  it('drops comments that start a word only', () => {
    assert.deepEqual(words('a # b c\nd e#f'), ['a', 'd', 'e#f']);
  });

  it('reports an unterminated quote and keeps the text', () => {
    const r = splitShellWords(`a 'b c`);
    assert.deepEqual(r.words, ['a', 'b c']);
    assert.match(r.error ?? '', /single quote/);
    assert.match(splitShellWords('"x').error ?? '', /double quote/);
    assert.equal(splitShellWords('a b').error, null);
  });

  it('tokenises operators and file-descriptor redirections', () => {
    const ops = tokenizeShell('a;b&&c | d 2>&1 >log').tokens.filter((t) => t.kind === 'operator');
    assert.deepEqual(
      ops.map((t) => t.text),
      [';', '&&', '|', '2>&', '>'],
    );
    assert.deepEqual(words("'2'>x"), ['2', 'x']);
  });

  it('splits commands and removes redirections with their targets', () => {
    const r = splitShellCommands('cd /x && ./load_and_run m.mge --iter 3 > out.txt 2>&1 | tee y\nls');
    assert.deepEqual(r.commands, [
      ['cd', '/x'],
      ['./load_and_run', 'm.mge', '--iter', '3'],
      ['tee', 'y'],
      ['ls'],
    ]);
  });

  it('reads back exactly what shellJoin wrote', () => {
    const argv = [
      'a b',
      "it's",
      '$(rm -rf /)',
      '`x`',
      'a;b',
      '模型 文件',
      'l1\nl2',
      '',
      '-x',
      '"q"',
      '\\',
      '#c',
      'a=b',
    ];
    assert.deepEqual(words(shellJoin(argv)), argv);
  });
});
