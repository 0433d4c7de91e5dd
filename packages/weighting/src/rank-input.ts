import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from './argument-error';

/**
 * float32 tensor of `x`, or a clear error naming `where` and `argument`. A float32 tensor passes through
 * untouched (tf.cast to the same dtype cuts a customGrad's gradient); int32 and bool tensors are cast; a number or
 * a rectangular (nested) array of numbers is converted. Anything else (a string, a ragged array, a string
 * tensor) throws: tf.tensor would turn a string into NaN and read a ragged array past its end.
 */
export function toFloatTensor(where: string, argument: string, x: unknown): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.dtype === 'float32') return x;
    if (x.dtype === 'int32' || x.dtype === 'bool') return tf.cast(x, 'float32');
    throw argumentError(where, argument, 'a tensor of dtype float32, int32 or bool', `dtype ${x.dtype}`);
  }
  if (typeof x === 'number' || isRectangularNumbers(x)) return tf.tensor(x as number[], undefined, 'float32');
  throw argumentError(where, argument, 'a tensor, a number or a rectangular (nested) array of numbers', x);
}

/** The input as a numeric tf.Tensor (for the Weighting interface, which takes tensors only). */
export function checkTensor(where: string, argument: string, x: unknown): tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw argumentError(where, argument, 'a tf.Tensor', x);
  return toFloatTensor(where, argument, x);
}

/** True for an array or typed array whose nested lengths agree at every level and whose leaves are numbers. */
export function isRectangularNumbers(value: unknown): boolean {
  const shape: number[] = [];
  let level: unknown = value;
  while (isList(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  if (shape.length === 0) return false;
  const check = (v: unknown, depth: number): boolean => {
    if (!isList(v) || v.length !== shape[depth]) return false;
    for (let i = 0; i < v.length; i++) {
      if (depth + 1 === shape.length ? typeof v[i] !== 'number' : !check(v[i], depth + 1)) return false;
    }
    return true;
  };
  return check(value, 0);
}

function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}
