/** The metrics package's argument checks (integers, id lists, cut-offs, finite values). */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';

/** Throws unless `value` is an integer in [min, max]. */
export function checkInteger(
  fn: string,
  argument: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  maxName = '',
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw argumentError(fn, argument, `an integer ${range}${maxName ? ` (${maxName})` : ''}`, value);
  }
  return value;
}

/**
 * Throws unless every entry of `list` is an integer id in [0, numItems) (any non-negative integer when
 * numItems is Infinity); `what` names the list in the message, e.g. `targets[3]`.
 */
export function checkIdList(fn: string, what: string, list: unknown, numItems: number): ArrayLike<number> {
  if (!isArrayLike(list)) throw argumentError(fn, what, 'an array of item ids', list);
  const expected = numItems === Infinity ? 'a non-negative integer item id' : `an integer item id in [0, ${numItems})`;
  for (let i = 0; i < list.length; i++) {
    const id = list[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= numItems) {
      throw argumentError(fn, `${what}[${i}]`, expected, id);
    }
  }
  return list as ArrayLike<number>;
}

/** Throws unless `lists` holds exactly `count` id lists, each with ids in [0, numItems). */
export function checkIdLists(
  fn: string,
  argument: string,
  lists: unknown,
  count: number,
  numItems: number,
): ReadonlyArray<ArrayLike<number>> {
  if (!Array.isArray(lists) || lists.length !== count) {
    const actual = Array.isArray(lists) ? `an array of length ${lists.length}` : lists;
    throw argumentError(fn, argument, `an array of ${count} id lists (one per user)`, actual);
  }
  lists.forEach((list, user) => checkIdList(fn, `${argument}[${user}]`, list, numItems));
  return lists;
}

/**
 * Validates the cut-offs N: a non-empty array of integers in [1, maxN]. Returns them de-duplicated
 * and sorted ascending.
 */
export function checkCutoffs(fn: string, ns: unknown, maxN: number, limitName: string): number[] {
  if (!Array.isArray(ns) || ns.length === 0) {
    throw argumentError(fn, 'ns', 'a non-empty array of integer cut-offs N', ns);
  }
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > maxN) {
      throw argumentError(fn, `ns[${i}]`, `an integer in [1, ${maxN}] (${limitName})`, n);
    }
  }
  return [...new Set(ns as number[])].sort((a, b) => a - b);
}

/** Resolves `excludeItems` to a sorted, de-duplicated list of valid item columns. */
export function checkExcludeItems(fn: string, excludeItems: unknown, numItems: number): number[] {
  if (excludeItems === undefined) return [];
  checkIdList(fn, 'excludeItems', excludeItems, numItems);
  return [...new Set(Array.from(excludeItems as ArrayLike<number>))].sort((a, b) => a - b);
}

/** Throws when a tensor holds NaN or +-Infinity (one reduction and a one-value read-back). */
export async function checkFinite(fn: string, argument: string, x: tf.Tensor): Promise<void> {
  if (x.size === 0) return; // nothing to check (U = 0 or d = 0); tf.all over nothing is not reliably true
  const allFinite = tf.tidy(() => tf.all(tf.isFinite(x)));
  const ok = (await allFinite.data())[0];
  allFinite.dispose();
  if (!ok) throw argumentError(fn, argument, 'a tensor of finite values', 'a tensor with NaN or Infinity');
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}
