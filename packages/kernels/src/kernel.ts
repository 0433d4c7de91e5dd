/** Defines a custom comparison kernel. */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { argumentError, castToFloat32 } from '@croloss/internal';

/**
 * A pairwise comparison kernel phi: a smooth stand-in for the unit step psi in the rank statistic
 * R_phi(u, v) = 1 + sum_i phi(S(u, v_i) - S(u, v)) (CROLoss eq. 15). It is applied element-wise to
 * gaps g = s_neg - s_pos, so phi(g) near 1 means "this negative outranks the positive".
 */
export interface ComparisonKernel {
  /** Short name used in logs, results and error messages, e.g. `softplus`. */
  readonly name: string;
  /** False for kernels with zero gradient almost everywhere (the unit step): usable to measure ranks, not to train. */
  readonly differentiable: boolean;
  /** phi applied element-wise; same shape and dtype float32 as `x`. */
  apply(x: Tensor): Tensor;
  /**
   * Optional log(phi(x)) computed without overflow, for kernels that grow exponentially. When
   * present, the loss sums the kernel in the log domain (log-sum-exp), keeping R finite for huge gaps.
   */
  logApply?(x: Tensor): Tensor;
}

/** What {@link defineKernel} takes: a name, whether gradients flow, the element-wise function. */
export interface KernelDefinition {
  name: string;
  differentiable?: boolean;
  apply(x: Tensor): Tensor;
  logApply?(x: Tensor): Tensor;
}

/**
 * Defines a custom comparison kernel; check it against the paper's conditions with
 * {@link checkKernelConditions}.
 *
 * The returned `apply` (and `logApply`) take a tf.Tensor of any shape and dtype float32, int32 or bool: a
 * non-float32 input is cast to float32 first, so an int32 tensor gives the float32 result of the same values.
 * Anything else (an array, a string tensor) throws, naming the kernel. The function runs in `tf.tidy`, so
 * only its result is left behind. NaN entries give NaN (nothing is read back to check them).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { defineKernel, checkKernelConditions } from '@croloss/kernels';
 * // phi(x) = (1 + tanh(x)) / 2, a rescaled sigmoid
 * const halfTanh = defineKernel({ name: 'half-tanh', apply: (x) => tf.mul(0.5, tf.add(1, tf.tanh(x))) });
 * checkKernelConditions(halfTanh).ok; // true
 * ```
 */
export function defineKernel(definition: KernelDefinition): ComparisonKernel {
  if (definition === null || typeof definition !== 'object') {
    throw argumentError('defineKernel', 'definition', 'an object { name, apply }', definition);
  }
  const { name, differentiable = true, apply, logApply } = definition;
  if (typeof name !== 'string' || name.length === 0) {
    throw argumentError('defineKernel', 'name', 'a non-empty string', name);
  }
  if (typeof apply !== 'function') {
    throw argumentError('defineKernel', 'apply', 'a function (x: Tensor) => Tensor', apply);
  }
  if (logApply !== undefined && typeof logApply !== 'function') {
    throw argumentError('defineKernel', 'logApply', 'a function (x: Tensor) => Tensor or undefined', logApply);
  }
  return Object.freeze({
    name,
    differentiable,
    apply: elementwise(`${name}.apply`, apply),
    ...(logApply ? { logApply: elementwise(`${name}.logApply`, logApply) } : {}),
  });
}

/** `fn` on float32 input, in tf.tidy; rejects what is not a numeric tf.Tensor. */
function elementwise(where: string, fn: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x: Tensor) => {
    if (!(x instanceof tf.Tensor)) throw argumentError(where, 'x', 'a tf.Tensor', x);
    if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') {
      throw argumentError(where, 'x', 'a tensor of dtype float32, int32 or bool', `dtype ${x.dtype}`);
    }
    return tf.tidy(() => fn(castToFloat32(x)));
  };
}

/** True when `value` has the shape of a {@link ComparisonKernel}. */
export function isComparisonKernel(value: unknown): value is ComparisonKernel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ComparisonKernel).name === 'string' &&
    typeof (value as ComparisonKernel).apply === 'function'
  );
}
