/** Every tensor-input check of the packages: is it a tensor, of which rank and dtype, or a rectangular array to convert. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { castToFloat32 } from './cast-to-float32';

/** A tensor or something tf.tensor() takes. */
export type TensorInput = tf.Tensor | tf.TensorLike;

/** The dtypes a numeric input may have: float32 as is, int32 and bool cast to float32. */
export function isNumericDtype(dtype: tf.DataType): boolean {
  return dtype === 'float32' || dtype === 'int32' || dtype === 'bool';
}

/**
 * True for an array or typed array whose nested lengths agree at every level and whose leaves are numbers
 * (or booleans, which tf.tensor reads as 0 and 1). tf.tensor would read a ragged array past its end (NaN) and
 * turn a string into NaN, so every array input is checked with this before it is converted.
 *
 * @example
 * ```ts
 * isRectangularNumbers([[1, 2], [3, 4]]); // true
 * isRectangularNumbers([[1, 2], [3]]); // false (ragged)
 * isRectangularNumbers(['1']); // false
 * ```
 */
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
      if (depth + 1 === shape.length ? !isScalarLeaf(v[i]) : !check(v[i], depth + 1)) return false;
    }
    return true;
  };
  return check(value, 0);
}

function isScalarLeaf(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** How a rank check describes the expected shape: `(shape [B, K])` (the default) or `([B, K])`. */
export type RankHint = 'shape' | 'bare';

/** The Error for a tensor of the wrong rank: `fn: argument 'x' must have rank 2 (shape [B, K]), got shape [3]`. */
export function rankError(fn: string, argument: string, rank: number, shapeHint: string, actual: number[], hint: RankHint = 'shape'): Error {
  const expected = hint === 'shape' ? `shape ${shapeHint}` : shapeHint;
  return new Error(`${fn}: argument '${argument}' must have rank ${rank} (${expected}), got shape [${actual}]`);
}

/**
 * Throws unless `value` is a tf.Tensor (of the given rank when `rank` is set); returns it. No dtype check.
 *
 * @example
 * ```ts
 * checkTensorArgument('reduceLoss', 'perExample', [1, 2]); // throws "... must be a tf.Tensor, got [1, 2]"
 * ```
 */
export function checkTensorArgument(fn: string, argument: string, value: unknown, rank?: number, shapeHint = ''): tf.Tensor {
  if (!(value instanceof tf.Tensor)) throw argumentError(fn, argument, `a tf.Tensor${shapeHint ? ` of shape ${shapeHint}` : ''}`, value);
  if (rank !== undefined && value.rank !== rank) throw rankError(fn, argument, rank, shapeHint, value.shape);
  return value;
}

/**
 * Throws unless `value` is a float32, int32 or bool tf.Tensor of the given rank; returns it uncast. The rank
 * message reads `(shape [N, d])`, or `([N, d])` with `hint: 'bare'`.
 *
 * @example
 * ```ts
 * checkNumericTensor('l2NormalizeRows', 'x', tf.zeros([2]), 2, '[N, d]', 'bare'); // throws "... must have rank 2 ([N, d]), got shape [2]"
 * ```
 */
export function checkNumericTensor(fn: string, argument: string, value: unknown, rank: number, shapeHint: string, hint: RankHint = 'shape'): tf.Tensor {
  if (!(value instanceof tf.Tensor)) throw argumentError(fn, argument, `a tf.Tensor of shape ${shapeHint}`, value);
  if (!isNumericDtype(value.dtype)) throw dtypeError(fn, argument, value.dtype, ` (shape ${shapeHint})`);
  if (value.rank !== rank) throw rankError(fn, argument, rank, shapeHint, value.shape, hint);
  return value;
}

/**
 * Throws unless `value` is a float32 tf.Tensor2D; returns its shape [rows, cols]. `layout` names the shape in the
 * message, e.g. `[U, d]`.
 *
 * @example
 * ```ts
 * const users = tf.zeros([3, 8]);
 * checkFloat32Matrix('retrieveTopK', 'userVectors', users, '[U, d]'); // [3, 8]
 * ```
 */
export function checkFloat32Matrix(fn: string, argument: string, value: unknown, layout: string): [number, number] {
  if (!(value instanceof tf.Tensor) || value.rank !== 2) {
    const actual = value instanceof tf.Tensor ? `a tensor of shape [${value.shape.join(', ')}]` : value;
    throw argumentError(fn, argument, `a tf.Tensor2D ${layout}`, actual);
  }
  if (value.dtype !== 'float32') throw argumentError(fn, argument, `a float32 tensor ${layout}`, `dtype ${value.dtype}`);
  return [value.shape[0], value.shape[1]];
}

/**
 * `value` as a float32 tensor of the given rank, or an Error naming the argument and the shapes. A float32 tensor
 * is returned as is; int32 and bool tensors are cast; a (nested) array must be rectangular with number leaves.
 * Nothing is left behind when it throws.
 *
 * Shapes: any input of rank `rank`; returns the same shape, float32.
 *
 * @example
 * ```ts
 * toFloatTensorOfRank('croLossFromScores', 'positiveScores', [0.1, 0.2], 1, '[B]'); // [0.1, 0.2]: float32, shape [2]
 * ```
 */
export function toFloatTensorOfRank(fn: string, argument: string, value: TensorInput, rank: number, shapeHint: string): tf.Tensor {
  let tensor: tf.Tensor;
  if (value instanceof tf.Tensor) {
    if (!isNumericDtype(value.dtype)) throw dtypeError(fn, argument, value.dtype, ` (shape ${shapeHint})`);
    tensor = value;
  } else {
    if (!isRectangularNumbers(value)) {
      throw argumentError(fn, argument, `a tensor or a rectangular (nested) array of numbers of shape ${shapeHint}`, value);
    }
    tensor = tf.tensor(value as tf.TensorLike, undefined, 'float32');
  }
  if (tensor.rank !== rank) {
    if (tensor !== value) tensor.dispose();
    throw rankError(fn, argument, rank, shapeHint, tensor.shape);
  }
  return castToFloat32(tensor);
}

/**
 * `value` as a float32 tensor of any rank: a float32 tensor passes through untouched (tf.cast to the same dtype
 * would cut a customGrad's gradient), int32 and bool tensors are cast, a number or a rectangular (nested) array
 * is converted; anything else throws. With `tensorsOnly`, a non-tensor throws too (`must be a tf.Tensor`).
 *
 * @example
 * ```ts
 * toFloatTensor('powerLaw.cdf', 'x', [1, 2, 3]); // [1, 2, 3]: float32
 * toFloatTensor('powerLaw.cdf', 'x', 'a'); // throws
 * ```
 */
export function toFloatTensor(fn: string, argument: string, value: unknown, tensorsOnly = false): tf.Tensor {
  if (tensorsOnly && !(value instanceof tf.Tensor)) throw argumentError(fn, argument, 'a tf.Tensor', value);
  if (value instanceof tf.Tensor) {
    if (!isNumericDtype(value.dtype)) throw dtypeError(fn, argument, value.dtype, '');
    return castToFloat32(value);
  }
  if (typeof value === 'number' || isRectangularNumbers(value)) return tf.tensor(value as number[], undefined, 'float32');
  throw argumentError(fn, argument, 'a tensor, a number or a rectangular (nested) array of numbers', value);
}

function dtypeError(fn: string, argument: string, dtype: string, shapeNote: string): Error {
  return argumentError(fn, argument, `a tensor of dtype float32, int32 or bool${shapeNote}`, `dtype ${dtype}`);
}

/**
 * Throws unless `value` is a finite number satisfying `ok`; returns it.
 *
 * @example
 * ```ts
 * checkNumber('croLoss', 'options.numItems', 0, (v) => v >= 1, 'a number >= 1'); // throws
 * ```
 */
export function checkNumber(fn: string, argument: string, value: unknown, ok: (v: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) throw argumentError(fn, argument, expected, value);
  return value;
}

/** Throws unless `actual` equals `expected`, naming the argument and what the shape means. */
export function expectShape(fn: string, argument: string, actual: number[], expected: number[], meaning: string): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new Error(`${fn}: argument '${argument}' must have shape [${expected}] (${meaning}), got [${actual}]`);
  }
}

/** The shape of a tensor or nested array, without converting it (for validating options before work). */
export function shapeOf(value: TensorInput): number[] {
  if (value instanceof tf.Tensor) return value.shape;
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level) || ArrayBuffer.isView(level)) {
    const arr = level as ArrayLike<unknown>;
    shape.push(arr.length);
    level = arr.length > 0 ? arr[0] : undefined;
  }
  return shape;
}
