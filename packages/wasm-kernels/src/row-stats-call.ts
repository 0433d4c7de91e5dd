/** One call of row-sums.wat's rowStats: its arguments as byte offsets into a heap, and the call on the calling thread. */
import type { SimdExports } from './simd-module';

/** The arguments of one rowStats call: byte offsets in a heap (0: absent), counts and scalars. */
export interface RowStatsCall {
  negatives: number;
  positive: number;
  tau: number;
  mask: number;
  kind: number;
  rows: number;
  cols: number;
  scale: number;
  scalar: number;
  outSig: number;
  outSp: number;
  flags: number;
  deriv: number;
  derivKind: number;
}

/** Runs rowStats on the calling thread. */
export function rowStatsHere(module: SimdExports, c: RowStatsCall): void {
  module.rowStats(c.negatives, c.positive, c.tau, c.mask, c.kind, c.rows, c.cols, c.scale, c.scalar, c.outSig, c.outSp, c.flags, c.deriv, c.derivKind);
}
