/** The public names and attributes of the fused kernels; the values come from @croloss/internal, which loss and metrics read too (the literal types let the published .d.ts stand alone, and tsc rejects a value that differs). */
import * as names from '@croloss/internal';

/**
 * Name of the fused forward kernel: the rank statistic's row sums for one or two comparison kernels in one pass
 * per row. @croloss/loss calls it by this name through `tf.engine().runKernel` (it does not import this package).
 *
 * Inputs: `gaps` [B, K] float32; optional `mask` [B, K] (float32 or bool, an entry > 0 keeps the negative);
 * optional `scale` [B] float32 (without it the attribute `scale` is used for every row).
 * Attributes: {@link FusedRowSumsAttrs}. Output [n, B] float32, n = `phis.length` (1 or 2), row s being
 *
 *     linear phi:          R_s[b] = scale[b] * (1 + sum_k mask[b, k] * phi_s(gaps[b, k]))
 *     'log-exponential':   L_s[b] = log(1 + sum_k mask[b, k] * e^(gaps[b, k]))      (scale not applied)
 *
 * The log form is computed as m + log(e^-m + sum_k e^(g_k - m)) with m = min(max(0, max_k g_k), FLOAT32_MAX) over
 * the kept entries, so it is finite for any finite gaps (the composed `logOnePlusSumExp` of @croloss/loss).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_ROW_SUMS_KERNEL } from '@croloss/webgpu-kernels';
 * // on the webgpu backend: R = 1 + sigmoid(0) + sigmoid(2) for the one row
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
 * Masked entries give exactly 0. Inputs: `gaps`, optional `mask` and `scale` as in {@link FUSED_ROW_SUMS_KERNEL},
 * `dy` [n, B] (the upstream gradient of the forward output) and, for 'log-exponential', `stats` [n, B] (the
 * forward output). Attributes: {@link FusedRowSumsGradAttrs}. Output [B, K] float32.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { FUSED_ROW_SUMS_GRAD_KERNEL } from '@croloss/webgpu-kernels';
 * // on the webgpu backend: d/dg of 1 + softplus(g) is sigmoid(g): [[0.5, 0.881]]
 * const d = tf.engine().runKernel(FUSED_ROW_SUMS_GRAD_KERNEL, { gaps: tf.tensor2d([[0, 2]]), dy: tf.ones([1, 1]) },
 *   { phi: 'softplus', margin: 0, slot: 0, scale: 1 });
 * ```
 */
export const FUSED_ROW_SUMS_GRAD_KERNEL: 'CrolossFusedRowSumsGrad' = names.FUSED_ROW_SUMS_GRAD_KERNEL;

/**
 * The comparison kernels the fused programs compute, with the math of @croloss/kernels (and of the tfjs-webgpu ops
 * those kernels are made of):
 *
 *     'unit-step'        phi(g) = NaN for NaN, else 1 if g >= 0, else 0        phi'(g) = 0
 *     'sigmoid'          phi(g) = 1 / (1 + e^-g)                               phi'(g) = phi(g) (1 - phi(g))
 *     'softplus'         phi(g) = g if g > 13.94, e^g if g < -13.94, else log(1 + e^g)   phi'(g) = sigmoid(g)
 *     'exponential'      phi(g) = e^g                                          phi'(g) = e^g
 *     'hinge'            phi(g) = max(0, g + margin)                           phi'(g) = 1 if g + margin > 0, else 0
 *     'log-exponential'  the exponential summed in the log domain (see FUSED_ROW_SUMS_KERNEL)
 *
 * @example
 * ```ts
 * import { FUSED_PHI_NAMES } from '@croloss/webgpu-kernels';
 * FUSED_PHI_NAMES.includes('sigmoid'); // true
 * ```
 */
export const FUSED_PHI_NAMES: readonly ['unit-step', 'sigmoid', 'softplus', 'exponential', 'hinge', 'log-exponential'] = names.FUSED_PHI_NAMES;

/** One of {@link FUSED_PHI_NAMES}. */
export type FusedPhiName = (typeof FUSED_PHI_NAMES)[number];

/** Attributes of {@link FUSED_ROW_SUMS_KERNEL}. */
export interface FusedRowSumsAttrs {
  /** One or two kernels, one output row each (the Lambda loss's phi1 and phi2 in one pass). */
  phis: FusedPhiName[];
  /** The hinge margin of each kernel (ignored by the others); same length as `phis`. */
  margins: number[];
  /** The factor of every row when no `scale` input is given (the sampled estimator's |I| / |I'|, or 1). */
  scale: number;
}

/** Attributes of {@link FUSED_ROW_SUMS_GRAD_KERNEL}. */
export interface FusedRowSumsGradAttrs {
  /** The kernel whose derivative is taken. 'unit-step' gives zeros. */
  phi: FusedPhiName;
  /** Its hinge margin (ignored by the other kernels). */
  margin: number;
  /** Which row of `dy` (and `stats`) belongs to this kernel: 0 or 1. */
  slot: number;
  /** The factor of every row when no `scale` input is given (ignored by 'log-exponential'). */
  scale: number;
}

/**
 * True when `value` is one of {@link FUSED_PHI_NAMES}, the kernel names the fused programs accept in `phis` / `phi`.
 *
 * @example
 * ```ts
 * import { isFusedPhiName } from '@croloss/webgpu-kernels';
 * isFusedPhiName('softplus'); // true
 * isFusedPhiName('tanh');     // false: a custom kernel keeps the composed tfjs ops
 * ```
 */
export function isFusedPhiName(value: unknown): value is FusedPhiName {
  return typeof value === 'string' && (FUSED_PHI_NAMES as readonly string[]).includes(value);
}

/**
 * Name of the fused row-wise top-k kernel (the contract with @croloss/metrics, which calls it by this name through
 * `tf.engine().runKernel` on the webgpu backend, without importing this package). Same outputs as `tf.topk(x, k)`
 * with one tie rule:
 *
 *     input   x [U, N] float32, attribute k (integer, 1 <= k <= min(N, ROW_TOP_K_MAX_K))
 *     output  [values [U, k] float32, indices [U, k] int32]
 *             indices[u, :] = the first k columns of row u in the order (x[u, c] desc, c asc)
 *             values[u, j]  = x[u, indices[u, j]]
 *
 * so ties are broken by the smaller column, wherever they fall (inside the top k or across its boundary). -0 and +0
 * are equal; -Infinity ranks below every finite value and NaN below -Infinity. k > N and k > ROW_TOP_K_MAX_K are
 * errors. Memory: the outputs only (one workgroup per row selects in workgroup memory).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { ROW_TOP_K_KERNEL } from '@croloss/webgpu-kernels';
 * // on the webgpu backend: values [[3, 1]], indices [[1, 0]] (columns 0 and 2 tie at 1: the smaller wins)
 * const [values, indices] = tf.engine().runKernel(ROW_TOP_K_KERNEL, { x: tf.tensor2d([[1, 3, 1]]) }, { k: 2 }) as tf.Tensor[];
 * ```
 */
export const ROW_TOP_K_KERNEL: 'CrolossRowTopK' = names.ROW_TOP_K_KERNEL;

/** The largest k {@link ROW_TOP_K_KERNEL} accepts: its bitonic sort holds the k winners of a row in workgroup memory. */
export const ROW_TOP_K_MAX_K: 1024 = names.ROW_TOP_K_MAX_K;

/** Attributes of {@link ROW_TOP_K_KERNEL}. */
export interface RowTopKAttrs {
  /** How many columns per row, 1 <= k <= min(N, {@link ROW_TOP_K_MAX_K}). */
  k: number;
}
