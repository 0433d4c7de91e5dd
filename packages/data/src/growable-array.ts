/**
 * Append-only Int32Array / Float64Array that doubles its capacity when full, so a streaming loader
 * keeps one typed array per column (memory ~ 4 or 8 bytes per value, at most twice that while
 * growing) instead of one JS array per line.
 */
export class GrowableInt32Array {
  private buffer: Int32Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Int32Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.buffer.length) this.grow();
    this.buffer[this.size++] = value;
  }

  get(index: number): number {
    return this.buffer[index];
  }

  /** A copy trimmed to the values pushed so far. */
  toArray(): Int32Array {
    return this.buffer.slice(0, this.size);
  }

  private grow(): void {
    const next = new Int32Array(this.buffer.length * 2);
    next.set(this.buffer);
    this.buffer = next;
  }
}

/** Float64 twin of {@link GrowableInt32Array}, for sort keys such as timestamps. */
export class GrowableFloat64Array {
  private buffer: Float64Array;
  private size = 0;

  constructor(initialCapacity = 1024) {
    this.buffer = new Float64Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.buffer.length) this.grow();
    this.buffer[this.size++] = value;
  }

  toArray(): Float64Array {
    return this.buffer.slice(0, this.size);
  }

  private grow(): void {
    const next = new Float64Array(this.buffer.length * 2);
    next.set(this.buffer);
    this.buffer = next;
  }
}
