/**
 * What the first bytes of a MegEngine model file say. A model dumped with its test case (MegEngine's
 * `dump_with_testcase_mge.py`) starts with the magic `mgbtest0`, which load_and_run looks for before
 * reading the stored inputs; a plain dump starts with the graph itself. Reads 8 bytes, never more.
 */
import { open } from 'node:fs/promises';

const TESTCASE_MAGIC = Buffer.from('mgbtest0', 'latin1');

/** True when the file carries an embedded test case; false when it does not or cannot be read. */
export async function hasEmbeddedTestcase(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(TESTCASE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(TESTCASE_MAGIC);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
