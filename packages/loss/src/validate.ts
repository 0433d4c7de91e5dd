import * as tf from '@tensorflow/tfjs-core';
import { argumentError, castToFloat32 } from '@croloss/kernels';

/** A tensor or something tf.tensor() takes. */
export type TensorInput = tf.Tensor | tf.TensorLike;

/**
 * Converts `value` to a float32 tensor of the given rank, or throws naming the argument and the shapes.
 * A float32 tensor is returned as is; int32 and bool tensors are cast. A (nested) array must be rectangular with
 * number leaves: tf.tensor would read a ragged array past its end (NaN) and turn a string into NaN. Nothing is
 * left behind when it throws.
 */
export function toFloatTensorOfRank(fn: string, argument: string, value: TensorInput, rank: number, shapeHint: string): tf.Tensor {
  let tensor: tf.Tensor;
  if (value instanceof tf.Tensor) {
    if (value.dtype !== 'float32' && value.dtype !== 'int32' && value.dtype !== 'bool') {
      throw argumentError(fn, argument, `a tensor of dtype float32, int32 or bool (shape ${shapeHint})`, `dtype ${value.dtype}`);
    }
    tensor = value;
  } else {
    if (!isRectangularNumbers(value)) {
      throw argumentError(fn, argument, `a tensor or a rectangular (nested) array of numbers of shape ${shapeHint}`, value);
    }
    tensor = tf.tensor(value as tf.TensorLike, undefined, 'float32');
  }
  if (tensor.rank !== rank) {
    if (tensor !== value) tensor.dispose();
    throw new Error(`${fn}: argument '${argument}' must have rank ${rank} (shape ${shapeHint}), got shape [${tensor.shape}]`);
  }
  if (tensor.dtype === 'float32') return tensor;
  return castToFloat32(tensor);
}

/** True for an array or typed array whose nested lengths agree at every level and whose leaves are numbers (or booleans). */
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

/** Throws unless `value` is a tf.Tensor of the given rank (any rank when undefined); returns it. */
export function checkTensorArgument(fn: string, argument: string, value: unknown, rank?: number, shapeHint = ''): tf.Tensor {
  if (!(value instanceof tf.Tensor)) throw argumentError(fn, argument, `a tf.Tensor${shapeHint ? ` of shape ${shapeHint}` : ''}`, value);
  if (rank !== undefined && value.rank !== rank) {
    throw new Error(`${fn}: argument '${argument}' must have rank ${rank} (shape ${shapeHint}), got shape [${value.shape}]`);
  }
  return value;
}

/** Throws unless `actual` equals `expected`, naming the argument. */
export function expectShape(fn: string, argument: string, actual: number[], expected: number[], meaning: string): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new Error(`${fn}: argument '${argument}' must have shape [${expected}] (${meaning}), got [${actual}]`);
  }
}

/** Throws unless `value` is a finite number satisfying `ok`. */
export function checkNumber(fn: string, argument: string, value: unknown, ok: (v: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) throw argumentError(fn, argument, expected, value);
  return value;
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
