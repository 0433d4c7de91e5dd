/** Defines a custom weighting from a density and its CDF (the caller guarantees W' = w). */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { argumentError, toFloatTensor } from '@croloss/internal';

/**
 * A rank weighting: a density w on ranks x in [1, |I| + 1) (the importance of Recall@x, CROLoss eq. 8-9)
 * and its CDF W(x) = integral_1^x w(z) dz, which is the loss CROLoss applies to the rank statistic (eq. 16).
 * The CDF's gradient is the density, which is what the Lambda method uses as its multiplier (eq. 21).
 */
export interface Weighting {
  readonly name: string;
  /** w(x) element-wise, x >= 1. */
  density(x: Tensor): Tensor;
  /** W(x) element-wise, x >= 1; its gradient is `density`. */
  cdf(x: Tensor): Tensor;
  /**
   * Optional W(e^t) element-wise from t = log x, for rank statistics computed in the log domain
   * (the exponential kernel); its gradient with respect to t is x w(x).
   */
  cdfFromLog?(logX: Tensor): Tensor;
}

/** What {@link defineWeighting} takes. */
export interface WeightingDefinition {
  name: string;
  density(x: Tensor): Tensor;
  cdf(x: Tensor): Tensor;
  cdfFromLog?(logX: Tensor): Tensor;
}

/**
 * Defines a custom weighting from a density and its CDF (the caller guarantees W' = w). The returned methods
 * take a tf.Tensor (int32 and bool are cast to float32 first; anything else throws, naming the weighting) and run
 * in `tf.tidy`, so only their result is left behind.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * // uniform importance of Recall@1..100, nothing beyond: w = 1/100 on [1, 101)
 * const top100 = defineWeighting({
 *   name: 'uniform-top-100',
 *   density: (x) => tf.mul(tf.cast(tf.less(x, 101), 'float32'), 0.01),
 *   cdf: (x) => tf.mul(tf.clipByValue(tf.sub(x, 1), 0, 100), 0.01),
 * });
 * ```
 */
export function defineWeighting(definition: WeightingDefinition): Weighting {
  if (definition === null || typeof definition !== 'object') {
    throw argumentError('defineWeighting', 'definition', 'an object { name, density, cdf }', definition);
  }
  const { name, density, cdf, cdfFromLog } = definition;
  if (typeof name !== 'string' || name.length === 0) throw argumentError('defineWeighting', 'name', 'a non-empty string', name);
  if (typeof density !== 'function') throw argumentError('defineWeighting', 'density', 'a function (x: Tensor) => Tensor', density);
  if (typeof cdf !== 'function') throw argumentError('defineWeighting', 'cdf', 'a function (x: Tensor) => Tensor', cdf);
  if (cdfFromLog !== undefined && typeof cdfFromLog !== 'function') {
    throw argumentError('defineWeighting', 'cdfFromLog', 'a function or undefined', cdfFromLog);
  }
  return Object.freeze({
    name,
    density: elementwise(`${name}.density`, 'x', density),
    cdf: elementwise(`${name}.cdf`, 'x', cdf),
    ...(cdfFromLog ? { cdfFromLog: elementwise(`${name}.cdfFromLog`, 'logX', cdfFromLog) } : {}),
  });
}

/** `fn` on float32 input (int32 and bool tensors cast), in tf.tidy; rejects what is not a numeric tf.Tensor. */
function elementwise(where: string, argument: string, fn: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x: Tensor) => tf.tidy(() => fn(toFloatTensor(where, argument, x, true)));
}

/** True when `value` has the shape of a {@link Weighting}. */
export function isWeighting(value: unknown): value is Weighting {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Weighting).density === 'function' &&
    typeof (value as Weighting).cdf === 'function'
  );
}
