/**
 * A growable column of numbers in fixed-size Float64Array blocks: appending never copies what is
 * there and never holds two copies at once (a doubling array peaks at 3x its contents while it
 * grows), so a run's iterations cost 8 bytes per column each, whatever their count.
 */
const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

export class NumberColumn {
  private readonly blocks: Float64Array[] = [];
  private size = 0;

  /** `fill` is the value of slots set before any push reached them (see `set`). */
  constructor(private readonly fill = 0) {}

  get length(): number {
    return this.size;
  }

  push(x: number): void {
    const i = this.size;
    if ((i & MASK) === 0)
      this.blocks.push(this.fill === 0 ? new Float64Array(BLOCK) : new Float64Array(BLOCK).fill(this.fill));
    this.blocks[i >>> BLOCK_BITS]![i & MASK] = x;
    this.size = i + 1;
  }

  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![i & MASK]!;
  }

  /** The first `n` values as one array (for statistics, which sort and scan). */
  toArray(n = this.size): Float64Array {
    const out = new Float64Array(n);
    for (let b = 0, at = 0; at < n; b++, at += BLOCK)
      out.set(n - at >= BLOCK ? this.blocks[b]! : this.blocks[b]!.subarray(0, n - at), at);
    return out;
  }
}
