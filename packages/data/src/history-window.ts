/** Writes the last `maxHistory` items of `items[start..end)` (oldest first) into row `row` of the zero-initialised `[rows,... */
import { argumentError } from '@croloss/internal';

/**
 * Where a history shorter than maxHistory sits in its padded row: `left` puts the items first
 * (oldest to newest) and pads with 0 at the end, like ComiRec's data iterator; `right` pads first so
 * the newest item is always the last slot.
 */
export type HistoryAlignment = 'left' | 'right';

/**
 * Writes the last `maxHistory` items of `items[start..end)` (oldest first) into row `row` of the
 * zero-initialised `[rows, maxHistory]` buffer `out`, aligned as asked; returns the history length
 * min(end - start, maxHistory).
 *
 * @example
 * ```ts
 * const out = new Int32Array(4);
 * writeHistory(out, 0, 4, Int32Array.of(5, 6, 7, 8, 9), 0, 3, 'left'); // 3; out = [5, 6, 7, 0]
 * ```
 */
export function writeHistory(
  out: Int32Array,
  row: number,
  maxHistory: number,
  items: Int32Array,
  start: number,
  end: number,
  align: HistoryAlignment,
): number {
  const from = Math.max(start, end - maxHistory);
  const length = end - from;
  const slot = row * maxHistory + (align === 'right' ? maxHistory - length : 0);
  out.set(items.subarray(from, end), slot);
  return length;
}

export function checkMaxHistory(fn: string, maxHistory: unknown): number {
  if (!(typeof maxHistory === 'number' && Number.isInteger(maxHistory) && maxHistory >= 1)) {
    throw argumentError(fn, 'options.maxHistory', 'an integer >= 1', maxHistory);
  }
  return maxHistory;
}

export function checkAlignment(fn: string, align: unknown): HistoryAlignment {
  if (align !== 'left' && align !== 'right') throw argumentError(fn, 'options.align', "'left' or 'right'", align);
  return align;
}
