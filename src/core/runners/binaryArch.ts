/**
 * Which CPU an ELF binary is built for, from its header (e_machine). A load_and_run for the board
 * (aarch64) tried on the x86 host does not fail clearly: execvp hands the file to /bin/sh, which
 * prints garbage and exits 127 ("not found"). Reading 20 bytes first gives a message that says why.
 */
import { promises as fs } from 'node:fs';

/** e_machine → Node's `process.arch` names. */
const MACHINES: Record<number, string> = {
  0x03: 'ia32',
  0x08: 'mips',
  0x14: 'ppc',
  0x15: 'ppc64',
  0x28: 'arm',
  0x3e: 'x64',
  0xb7: 'arm64',
  0xf3: 'riscv64',
  0x102: 'loong64',
};

/** The arch of an ELF file (`arm64`, `x64`...), `unknown-elf` for an unlisted machine, null when not ELF. */
export async function elfArch(path: string): Promise<string | null> {
  let header: Buffer;
  try {
    const handle = await fs.open(path, 'r');
    try {
      header = Buffer.alloc(20);
      const { bytesRead } = await handle.read(header, 0, 20, 0);
      if (bytesRead < 20) return null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  if (header.readUInt32BE(0) !== 0x7f454c46) return null;
  const machine = header[5] === 2 ? header.readUInt16BE(18) : header.readUInt16LE(18);
  return MACHINES[machine] ?? 'unknown-elf';
}
