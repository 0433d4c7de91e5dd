/** The power-law weighting of CROLoss (eq. 12-13): density w_alpha, CDF W_alpha and its log form. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError, toFloatTensor, customOp } from '@croloss/internal';
import { expm1Accurate } from './expm1';
import type { Weighting } from './weighting';

/** Ranks as a tensor, a number or a (nested) array of numbers. */
export type RankInput = tf.Tensor | number | number[] | number[][];

/** Options of {@link powerLaw}. */
export interface PowerLawOptions {
  /** alpha >= 0: larger alpha decays faster and favours small retrieval sizes N. alpha = 1 is the softmax family. */
  alpha: number;
  /** |I|, the number of items ranked; the density lives on [1, |I| + 1). */
  numItems: number;
  /**
   * true (default): the paper's probability density w_alpha = x^-alpha / Z with W_alpha(|I| + 1) = 1 (eq. 12-13).
   * false: Z = 1, so W(x) = integral_1^x z^-alpha dz; at alpha = 1 that is log x (softmax cross-entropy exactly,
   * eq. 17) and at alpha = 0 it is x - 1 (the classic triplet and BPR sums, eq. 18-19).
   */
  normalize?: boolean;
}

/** The power-law weighting, with its parameters for inspection. */
export interface PowerLawWeighting extends Weighting {
  readonly alpha: number;
  readonly numItems: number;
  /** Z = integral_1^{|I|+1} x^-alpha dx (or 1 when not normalised), computed in float64. */
  readonly normalizer: number;
  density(x: RankInput): tf.Tensor;
  cdf(x: RankInput): tf.Tensor;
  cdfFromLog(logX: RankInput): tf.Tensor;
}

/**
 * The power-law weighting of CROLoss (eq. 12-13):
 *
 *   w_alpha(x) = x^-alpha / Z,   Z = ((|I| + 1)^(1 - alpha) - 1) / (1 - alpha)   (log(|I| + 1) at alpha = 1)
 *   W_alpha(x) = (x^(1 - alpha) - 1) / ((|I| + 1)^(1 - alpha) - 1)              (log x / log(|I| + 1) at alpha = 1)
 *
 * computed as expm1((1 - alpha) log x) / ((1 - alpha) Z), so W_alpha is continuous as alpha -> 1 and
 * accurate in float32 there. The gradient of `cdf` is `density` exactly (a custom gradient, so it stays
 * finite where the composed formula would not). The paper's "alpha <= 0" under eq. 12 is a typo: alpha >= 0.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const w = powerLaw({ alpha: 1.2, numItems: 313966 });
 * w.cdf(tf.tensor1d([1, 50, 313967]));  // [0, 0.59..., 1]
 * w.density(tf.tensor1d([1, 50]));      // x^-1.2 / Z
 * ```
 */
export function powerLaw(options: PowerLawOptions): PowerLawWeighting {
  if (options === null || typeof options !== 'object') {
    throw argumentError('powerLaw', 'options', 'an object { alpha, numItems }', options);
  }
  const { alpha, numItems, normalize = true } = options;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
    throw argumentError('powerLaw', 'alpha', 'a finite number >= 0', alpha);
  }
  if (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 1) {
    throw argumentError('powerLaw', 'numItems', 'an integer >= 1', numItems);
  }
  if (typeof normalize !== 'boolean') throw argumentError('powerLaw', 'normalize', 'a boolean', normalize);
  const exponent = 1 - alpha;
  const isLog = Math.abs(exponent) < 1e-12;
  const top = Math.log(numItems + 1);
  const normalizer = !normalize ? 1 : isLog ? top : Math.expm1(exponent * top) / exponent;

  /** Unnormalised integral_1^x z^-alpha dz from t = log x: expm1((1 - alpha) t) / (1 - alpha). */
  const integralFromLog = (t: tf.Tensor): tf.Tensor =>
    isLog ? tf.clone(t) : tf.div(expm1Accurate(tf.mul(t, exponent)), exponent);

  const density = (x: RankInput): tf.Tensor =>
    tf.tidy(() => tf.div(tf.pow(toFloatTensor('powerLaw.density', 'x', x), -alpha), normalizer));

  const cdf = (x: RankInput): tf.Tensor =>
    tf.tidy(() => customOp((input: tf.Tensor, save: tf.GradSaveFunc) => {
      const xf = input;
      save([xf]);
      return {
        value: tf.tidy(() => tf.div(integralFromLog(tf.log(xf)), normalizer)),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, density(saved[0])),
      };
    })(toFloatTensor('powerLaw.cdf', 'x', x)));

  const cdfFromLog = (logX: RankInput): tf.Tensor =>
    tf.tidy(() => customOp((input: tf.Tensor, save: tf.GradSaveFunc) => {
      const t = input;
      save([t]);
      return {
        value: tf.tidy(() => tf.div(integralFromLog(t), normalizer)),
        // d/dt W(e^t) = e^t w(e^t) = e^((1 - alpha) t) / Z
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          tf.tidy(() => tf.mul(dy, tf.div(tf.exp(tf.mul(saved[0], exponent)), normalizer))),
      };
    })(toFloatTensor('powerLaw.cdfFromLog', 'logX', logX)));

  return Object.freeze({
    name: `power-law(alpha=${alpha})`,
    alpha,
    numItems,
    normalizer,
    density,
    cdf,
    cdfFromLog,
  });
}
