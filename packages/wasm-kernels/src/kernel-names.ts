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
