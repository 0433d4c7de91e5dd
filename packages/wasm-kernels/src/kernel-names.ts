/** The kernel names and attributes of the fused rank statistic: the same contract as @croloss/webgpu-kernels', the values from @croloss/internal (kernel-names.ts). */
import * as names from '@croloss/internal';

/**
 * Name of the fused forward kernel, registered here for tfjs's `wasm` backend (and by @croloss/webgpu-kernels for
 * `webgpu`); @croloss/loss calls it by this name through `tf.engine().runKernel`, without importing this package.
 *
 * Inputs: `gaps` [B, K] float32; optional `mask` [B, K] (float32, int32 or bool, an entry > 0 keeps the
 * negative); optional `scale` [B] float32 (without it the attribute `scale` is used for every row).
 * Output [n, B] float32, n = `phis.length` (1 or 2), row s being
 *
 *     linear phi:          R_s[b] = scale[b] * (1 + sum_k mask[b, k] * phi_s(gaps[b, k]))
 *     'log-exponential':   L_s[b] = m + log(e^-m + sum_k mask[b, k] * e^(gaps[b, k] - m)),  m = max(0, max_k g)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_ROW_SUMS_KERNEL } from '@croloss/wasm-kernels';
 * // on the wasm backend: R = 1 + sigmoid(0) + sigmoid(2) = 2.3808 for the one row
 * const r = tf.engine().runKernel(FUSED_ROW_SUMS_KERNEL, { gaps: tf.tensor2d([[0, 2]]) }, { phis: ['sigmoid'], margins: [0], scale: 1 });
 * ```
 */
export const FUSED_ROW_SUMS_KERNEL: 'CrolossFusedRowSums' = names.FUSED_ROW_SUMS_KERNEL;

/**
 * Name of the fused backward kernel, element-wise over [B, K]:
 *
 *     linear phi:          dGaps[b, k] = dy[slot, b] * scale[b] * mask[b, k] * phi'(gaps[b, k])
 *     'log-exponential':   dGaps[b, k] = dy[slot, b] * mask[b, k] * e^(gaps[b, k] - stats[slot, b])
 *
 * Masked entries give exactly 0. Inputs: `gaps`, optional `mask` and `scale`, `dy` [n, B] and, for
 * 'log-exponential', `stats` [n, B] (the forward output). Output [B, K] float32.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_ROW_SUMS_GRAD_KERNEL } from '@croloss/wasm-kernels';
 * // on the wasm backend: d/dg of 1 + softplus(g) is sigmoid(g): [[0.5, 0.881]]
 * const d = tf.engine().runKernel(FUSED_ROW_SUMS_GRAD_KERNEL, { gaps: tf.tensor2d([[0, 2]]), dy: tf.ones([1, 1]) },
 *   { phi: 'softplus', margin: 0, slot: 0, scale: 1 });
 * ```
 */
export const FUSED_ROW_SUMS_GRAD_KERNEL: 'CrolossFusedRowSumsGrad' = names.FUSED_ROW_SUMS_GRAD_KERNEL;

/**
 * Name of the fused forward kernel of the scores form: the gaps g[b, k] = tau (negatives[b, k] - positive[b]) are
 * computed in the same pass (no [B, K] gap matrix, no backward through a subtraction), and the derivative the
 * backward needs is written in that pass too:
 *
 *     stats[s, b] = factor_b (1 + sum_k mask[b, k] phi_s(g[b, k]))     one row per slot s of `phis`
 *     deriv[b, k] = tau factor_b mask[b, k] phi'_d(g[b, k])            second output, when attribute `derivative` d >= 0
 *
 * or, for `phis: ['log-exponential']` alone (the softmax: the exponential summed in the log domain, no factor),
 *
 *     stats[0, b] = L[b] = m + log(e^-m + sum_k mask[b, k] e^(g[b, k] - m)),   m = max(0, max_k g[b, k])
 *     deriv[b, k] = tau mask[b, k] e^(g[b, k] - L[b])
 *
 * Inputs: `positive` [B], `negatives` [B, K] float32; optional `mask` [B, K] and `scale` [B] as
 * {@link FUSED_ROW_SUMS_KERNEL}. Attributes: `phis` (1 or 2 of the linear kernels, or 'log-exponential' alone),
 * `margins`, `tau` > 0, `scale`, `derivative` (a slot, or -1 for the statistics alone). @croloss/loss calls it for
 * `croLossFromScores` and `lambdaCroLossFromScores` when it is registered for the active backend.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_SCORE_ROW_SUMS_KERNEL } from '@croloss/wasm-kernels';
 * // on the wasm backend: g = 10 (0.2 - 0) = 2, R = 1 + sigmoid(2) = 1.8808
 * const r = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive: tf.tensor1d([0]), negatives: tf.tensor2d([[0.2]]) },
 *   { phis: ['sigmoid'], margins: [0], tau: 10, scale: 1, derivative: -1 });
 * ```
 */
export const FUSED_SCORE_ROW_SUMS_KERNEL: 'CrolossFusedScoreRowSums' = names.FUSED_SCORE_ROW_SUMS_KERNEL;

/**
 * Name of the backward kernel of the scores form: from the forward's `deriv` and the upstream `dy` [n, B],
 *
 *     dNegatives[b, k] = dy[slot, b] deriv[b, k]        dPositive[b] = -sum_k dNegatives[b, k]
 *
 * Inputs `derivative` [B, K], `dy` [n, B]; attribute `slot`. Outputs [dNegatives [B, K], dPositive [B]].
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_SCORE_ROW_SUMS_GRAD_KERNEL } from '@croloss/wasm-kernels';
 * const [dNeg, dPos] = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
 *   { derivative: tf.tensor2d([[0.5, 0.25]]), dy: tf.tensor2d([[2]]) }, { slot: 0 }) as tf.Tensor[];
 * // dNeg = [[1, 0.5]], dPos = [-1.5]
 * ```
 */
export const FUSED_SCORE_ROW_SUMS_GRAD_KERNEL: 'CrolossFusedScoreRowSumsGrad' = names.FUSED_SCORE_ROW_SUMS_GRAD_KERNEL;

/**
 * The comparison kernels computed, with the math of @croloss/kernels:
 *
 *     'unit-step'        phi(g) = NaN for NaN, else 1 if g >= 0, else 0      phi'(g) = 0
 *     'sigmoid'          phi(g) = 1 / (1 + e^-g)                             phi'(g) = phi (1 - phi) = e^-|g| / (1 + e^-|g|)^2
 *     'softplus'         phi(g) = max(g, 0) + log(1 + e^-|g|)                phi'(g) = sigmoid(g)
 *     'exponential'      phi(g) = e^g                                        phi'(g) = e^g
 *     'hinge'            phi(g) = max(0, g + margin)                         phi'(g) = 1 if g + margin > 0, else 0
 *     'log-exponential'  the exponential summed in the log domain
 *
 * @example
 * ```ts
 * import { FUSED_PHI_NAMES } from '@croloss/wasm-kernels';
 * FUSED_PHI_NAMES.includes('softplus'); // true
 * ```
 */
export const FUSED_PHI_NAMES = ['unit-step', 'sigmoid', 'softplus', 'exponential', 'hinge', 'log-exponential'] as const;

/** One of {@link FUSED_PHI_NAMES}. */
export type FusedPhiName = (typeof FUSED_PHI_NAMES)[number];

/**
 * True when `value` is one of {@link FUSED_PHI_NAMES}.
 *
 * @example
 * ```ts
 * import { isFusedPhiName } from '@croloss/wasm-kernels';
 * isFusedPhiName('tanh'); // false: a custom kernel keeps the composed tfjs ops
 * ```
 */
export function isFusedPhiName(value: unknown): value is FusedPhiName {
  return typeof value === 'string' && (FUSED_PHI_NAMES as readonly string[]).includes(value);
}
