/** The sampling package's argument checks (integers, options, positives). */
import { argumentError } from '@croloss/internal';

/** Largest id that fits an Int32Array. */
export const MAX_ID = 2147483647;

/** Throws unless `value` is an integer in [min, max]. */
export function checkInteger(fn: string, argument: string, value: unknown, min: number, max = MAX_ID): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw argumentError(fn, argument, `an integer in [${min}, ${max}]`, value);
  }
  return value;
}

/** Throws unless `options` is a plain object (or, when `optional`, undefined). */
export function checkOptions(fn: string, options: unknown, optional: boolean, shape: string): Record<string, unknown> {
  if (options === undefined && optional) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw argumentError(fn, 'options', `an object ${shape}`, options);
  return options as Record<string, unknown>;
}

/**
 * Throws unless `positives` is a non-empty array of integer ids in [low, high]; `high` undefined means
 * no upper bound.
 */
export function checkPositives(fn: string, positives: unknown, low: number, high: number | undefined): ArrayLike<number> {
  if (!(Array.isArray(positives) || ArrayBuffer.isView(positives)) || (positives as ArrayLike<number>).length === 0) {
    throw argumentError(fn, 'positives', 'a non-empty array of item ids (one per batch row)', positives);
  }
  const list = positives as ArrayLike<number>;
  const top = high ?? MAX_ID;
  for (let b = 0; b < list.length; b++) {
    const id = list[b];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < low || id > top) {
      throw argumentError(fn, `positives[${b}]`, `an integer item id in [${low}, ${top}]`, id);
    }
  }
  return list;
}
