/** The inputs and attributes of the fused rank-statistic kernels of the scores form (gaps computed in the kernel), checked once for every backend that registers them. */
import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { checkKernelInput, checkKernelNumber, kernelFail } from './fused-kernel-args';
import { FUSED_SCORE_ROW_SUMS_GRAD_KERNEL, FUSED_SCORE_ROW_SUMS_KERNEL } from './kernel-names';

/**
 * The comparison kernels of the scores form: the linear ones, and 'log-exponential' (the exponential summed in the
 * log domain, alone in its call: L[b] = m + log(e^-m + sum_k mask e^(g - m)), m = max(0, max_k g), with no factor:
 * the caller adds log(scale)).
 */
export const FUSED_SCORE_PHI_NAMES = ['unit-step', 'sigmoid', 'softplus', 'exponential', 'hinge', 'log-exponential'] as const;

/** One of {@link FUSED_SCORE_PHI_NAMES}. */
export type FusedScorePhi = (typeof FUSED_SCORE_PHI_NAMES)[number];

function isScorePhi(value: unknown): value is FusedScorePhi {
  return typeof value === 'string' && (FUSED_SCORE_PHI_NAMES as readonly string[]).includes(value);
}

/**
 * The checked arguments of the scores-form forward kernel: with g[b, k] = tau (negatives[b, k] - positive[b]),
 *
 *     stats[s, b]   = factor_b (1 + sum_k mask[b, k] phi_s(g[b, k]))        for each slot s of `phis`
 *     deriv[b, k]   = tau factor_b mask[b, k] phi'_d(g[b, k])               when `derivative` d >= 0
 *
 * or, for phis = ['log-exponential'], stats[0, b] = L[b] = m + log(e^-m + sum_k mask e^(g - m)), m = max(0, max_k g),
 * and deriv[b, k] = tau mask[b, k] e^(g[b, k] - L[b]) (no factor: the log form's caller adds log(scale)).
 *
 * factor_b being scale[b] (the `scale` input) or the `scale` attribute.
 */
export interface FusedScoreRowSumsArgs {
  positive: TensorInfo;
  negatives: TensorInfo;
  rows: number;
  cols: number;
  mask: TensorInfo | null;
  scale: TensorInfo | null;
  phis: FusedScorePhi[];
  margins: number[];
  tau: number;
  /** The `scale` attribute, used for every row when there is no `scale` input. */
  scalar: number;
  /** The slot whose derivative is the second output, or -1 (stats only). */
  derivative: number;
}

/**
 * Checks the scores-form forward kernel's inputs (`positive` [B], `negatives` [B, K], optional `mask` [B, K] and
 * `scale` [B]) and attributes (`phis`: 1 or 2 linear phi names, `margins`, `tau` > 0, `scale`, `derivative`: a slot
 * or -1), throwing `CrolossFusedScoreRowSums: ...` on the first problem.
 *
 * @example
 * fusedScoreRowSumsArgs({ positive, negatives }, { phis: ['sigmoid', 'softplus'], margins: [0, 0], tau: 10, scale: 1, derivative: 1 }).derivative; // 1
 */
export function fusedScoreRowSumsArgs(inputs: NamedTensorInfoMap, attrs: NamedAttrMap | undefined): FusedScoreRowSumsArgs {
  const kernel = FUSED_SCORE_ROW_SUMS_KERNEL;
  const negatives = checkKernelInput(kernel, 'negatives', inputs.negatives, null);
  if (negatives.shape.length !== 2) kernelFail(kernel, `input 'negatives' must be [B, K], got shape [${negatives.shape}]`);
  const [rows, cols] = negatives.shape;
  const positive = checkKernelInput(kernel, 'positive', inputs.positive, [rows]);
  const mask = inputs.mask ? checkKernelInput(kernel, 'mask', inputs.mask, [rows, cols]) : null;
  const scale = inputs.scale ? checkKernelInput(kernel, 'scale', inputs.scale, [rows]) : null;
  const phis = (attrs?.phis ?? []) as unknown[];
  const margins = (attrs?.margins ?? []) as unknown[];
  if (!Array.isArray(phis) || phis.length < 1 || phis.length > 2 || !phis.every(isScorePhi)) {
    kernelFail(kernel, `attribute 'phis' must list 1 or 2 of ${FUSED_SCORE_PHI_NAMES.join(', ')}, got ${JSON.stringify(phis)}`);
  }
  if (phis.length > 1 && phis.includes('log-exponential')) kernelFail(kernel, `attribute 'phis': 'log-exponential' must be the only kernel, got ${JSON.stringify(phis)}`);
  if (!Array.isArray(margins) || margins.length !== phis.length) kernelFail(kernel, `attribute 'margins' must have one number per kernel`);
  const checkedMargins = margins.map((x) => checkKernelNumber(kernel, 'a hinge margin', x));
  const tau = checkKernelNumber(kernel, "attribute 'tau'", attrs?.tau ?? 1);
  if (!(tau > 0)) kernelFail(kernel, `attribute 'tau' must be > 0, got ${tau}`);
  const scalar = checkKernelNumber(kernel, "attribute 'scale'", attrs?.scale ?? 1);
  const derivative = attrs?.derivative ?? -1;
  if (typeof derivative !== 'number' || !Number.isInteger(derivative) || derivative < -1 || derivative >= phis.length) {
    kernelFail(kernel, `attribute 'derivative' must be -1 or a slot below ${phis.length}, got ${String(derivative)}`);
  }
  return { positive, negatives, rows, cols, mask, scale, phis: phis as FusedScorePhi[], margins: checkedMargins, tau, scalar, derivative };
}

/** The checked arguments of the scores-form backward kernel: dNegatives = dy[slot, b] deriv[b, k], dPositive[b] = -sum_k dNegatives[b, k]. */
export interface FusedScoreRowSumsGradArgs {
  derivative: TensorInfo;
  dy: TensorInfo;
  rows: number;
  cols: number;
  slot: number;
  /**
   * dNegatives written over the derivative's own buffer (the output shares it): for a caller that holds the only
   * reference to the derivative and will not read it again (the backward of a first-order gradient).
   */
  inPlace: boolean;
}

/**
 * Checks the scores-form backward kernel's inputs (`derivative` [B, K], the forward's second output; `dy` [n, B])
 * and attributes `slot` and `inPlace` (default false), throwing `CrolossFusedScoreRowSumsGrad: ...` on the first problem.
 *
 * @example
 * fusedScoreRowSumsGradArgs({ derivative, dy }, { slot: 1 }).rows; // B
 */
export function fusedScoreRowSumsGradArgs(inputs: NamedTensorInfoMap, attrs: NamedAttrMap | undefined): FusedScoreRowSumsGradArgs {
  const kernel = FUSED_SCORE_ROW_SUMS_GRAD_KERNEL;
  const derivative = checkKernelInput(kernel, 'derivative', inputs.derivative, null);
  if (derivative.shape.length !== 2) kernelFail(kernel, `input 'derivative' must be [B, K], got shape [${derivative.shape}]`);
  const [rows, cols] = derivative.shape;
  const slot = attrs?.slot ?? 0;
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0) kernelFail(kernel, `attribute 'slot' must be an integer >= 0, got ${String(slot)}`);
  const dy = checkKernelInput(kernel, 'dy', inputs.dy, null);
  if (dy.shape.length !== 2 || dy.shape[1] !== rows || slot >= dy.shape[0]) kernelFail(kernel, `input 'dy' must be [n, ${rows}] with n > slot ${slot}, got [${dy.shape}]`);
  const inPlace = attrs?.inPlace ?? false;
  if (typeof inPlace !== 'boolean') kernelFail(kernel, `attribute 'inPlace' must be a boolean, got ${String(inPlace)}`);
  return { derivative, dy, rows, cols, slot, inPlace };
}
