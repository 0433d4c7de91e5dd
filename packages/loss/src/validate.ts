import * as tf from '@tensorflow/tfjs-core';
import { argumentError, castToFloat32 } from '@croloss/kernels';

/** A tensor or something tf.tensor() takes. */
export type TensorInput = tf.Tensor | tf.TensorLike;

/** Converts `value` to a float32 tensor of the given rank, or throws naming the argument and the shapes. */
export function toFloatTensorOfRank(fn: string, argument: string, value: TensorInput, rank: number, shapeHint: string): tf.Tensor {
  let tensor: tf.Tensor;
  if (value instanceof tf.Tensor) tensor = value;
  else {
    try {
      tensor = tf.tensor(value as tf.TensorLike);
    } catch {
      throw argumentError(fn, argument, `a tensor of shape ${shapeHint}`, value);
    }
  }
  if (tensor.rank !== rank) {
    if (tensor !== value) tensor.dispose();
    throw new Error(`${fn}: argument '${argument}' must have rank ${rank} (shape ${shapeHint}), got shape [${tensor.shape}]`);
  }
  if (tensor.dtype === 'float32') return tensor;
  const cast = castToFloat32(tensor);
  if (tensor !== value) tensor.dispose();
  return cast;
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
