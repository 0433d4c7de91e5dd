/** Values per block: 65,536 (256 KiB of Int32, 512 KiB of Float64). */
const BLOCK_SHIFT = 16;
const BLOCK_SIZE = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK_SIZE - 1;

/**
 * Append-only column of int32 values stored in fixed blocks of 65,536 values, so a streaming loader
 * keeps one compact column per field (4 bytes per value, plus less than one block of slack) instead
 * of one JS array per line. Growing allocates one new block and never copies what is stored, so there
 * is no moment at twice (or three times) the column's size as with a doubling array.
 */
export class GrowableInt32Array {
  private readonly blocks: Int32Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const slot = this.size & BLOCK_MASK;
    if (slot === 0) this.blocks.push(new Int32Array(BLOCK_SIZE));
    this.blocks[this.blocks.length - 1][slot] = value;
    this.size += 1;
  }

  get(index: number): number {
    return this.blocks[index >>> BLOCK_SHIFT][index & BLOCK_MASK];
  }

  /** A contiguous copy of the values pushed so far. */
  toArray(): Int32Array {
    const out = new Int32Array(this.size);
    this.blocks.forEach((block, b) => out.set(block.subarray(0, Math.min(BLOCK_SIZE, this.size - b * BLOCK_SIZE)), b * BLOCK_SIZE));
    return out;
  }
}

/** Float64 twin of {@link GrowableInt32Array}, for sort keys such as timestamps. */
export class GrowableFloat64Array {
  private readonly blocks: Float64Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const slot = this.size & BLOCK_MASK;
    if (slot === 0) this.blocks.push(new Float64Array(BLOCK_SIZE));
    this.blocks[this.blocks.length - 1][slot] = value;
    this.size += 1;
  }

  get(index: number): number {
    return this.blocks[index >>> BLOCK_SHIFT][index & BLOCK_MASK];
  }

  /** A contiguous copy of the values pushed so far. */
  toArray(): Float64Array {
    const out = new Float64Array(this.size);
    this.blocks.forEach((block, b) => out.set(block.subarray(0, Math.min(BLOCK_SIZE, this.size - b * BLOCK_SIZE)), b * BLOCK_SIZE));
    return out;
  }
}
