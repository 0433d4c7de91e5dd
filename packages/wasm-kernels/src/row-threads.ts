/** Splits a rowStats call over helper threads (placeholder until the pool lands: runs nothing). */
import type { SimdExports } from './simd-module';
import type { RowStatsCall } from './score-row-sums';
import type { WasmBackendLike } from './wasm-heap';

/** Runs `c` on the calling thread and helper threads; false when no helper thread is set up. */
export function rowStatsOnThreads(_backend: WasmBackendLike, _module: SimdExports, _c: RowStatsCall): boolean {
  return false;
}
