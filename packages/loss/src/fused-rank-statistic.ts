/**
 * Dispatch of the rank statistics to the fused kernels of @croloss/webgpu-kernels (`webgpu`) and
 * @croloss/wasm-kernels (`wasm`), when the package has registered them for the active backend. This package does
 * not import them: the kernels are found by name in tfjs's kernel registry (a side-effect registration, like a tfjs
 * backend), and every function here returns null when they are absent, so that the callers keep their composed ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  customOp,
  saveWithoutCopy,
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
  FUSED_SCORE_ROW_SUMS_KERNEL,
  type FUSED_PHI_NAMES,
} from '@croloss/internal';
import type { ComparisonKernel } from '@croloss/kernels';
import type { Scores } from './gaps';

/** The contract with @croloss/webgpu-kernels and @croloss/wasm-kernels: kernel names from @croloss/internal (kernel-names.ts), inputs and attributes. */
const FORWARD = FUSED_ROW_SUMS_KERNEL;
const BACKWARD = FUSED_ROW_SUMS_GRAD_KERNEL;
const SCORE_FORWARD = FUSED_SCORE_ROW_SUMS_KERNEL;
const SCORE_BACKWARD = FUSED_SCORE_ROW_SUMS_GRAD_KERNEL;

type FusedPhi = { phi: Exclude<(typeof FUSED_PHI_NAMES)[number], 'log-exponential'>; margin: number };

/**
 * The fused form of a built-in kernel of @croloss/kernels, recognised by its name, its `differentiable` flag and
 * whether it has `logApply` (exactly as the built-ins have them); null for any other kernel. A hinge is fused only
 * when it exposes its margin as a number `margin` property, as `hinge()` of @croloss/kernels does (`HingeKernel`).
 */
function fusedPhiOf(kernel: ComparisonKernel): FusedPhi | null {
  const hasLog = typeof kernel.logApply === 'function';
  switch (kernel.name) {
    case 'unit-step':
      return !kernel.differentiable && !hasLog ? { phi: 'unit-step', margin: 0 } : null;
    case 'sigmoid':
    case 'softplus':
      return kernel.differentiable && !hasLog ? { phi: kernel.name, margin: 0 } : null;
    case 'exponential':
      return kernel.differentiable && hasLog ? { phi: 'exponential', margin: 0 } : null;
    case 'hinge': {
      const margin = (kernel as { margin?: unknown }).margin;
      return kernel.differentiable && !hasLog && typeof margin === 'number' && Number.isFinite(margin) && margin >= 0
        ? { phi: 'hinge', margin }
        : null;
    }
    default:
      return null;
  }
}

/** log(scale) + logSum per row: the sampled estimator's factor in the log domain (a number, or one per row [B]). */
export function addLogScale(logSum: tf.Tensor, scale: number | tf.Tensor1D): tf.Tensor1D {
  return (typeof scale === 'number' ? tf.add(logSum, Math.log(scale)) : tf.add(logSum, tf.log(scale))) as tf.Tensor1D;
}

/** Backends with fused kernels: webgpu (@croloss/webgpu-kernels) and wasm (@croloss/wasm-kernels). */
const FUSED_BACKENDS = ['webgpu', 'wasm'];

/** True when the fused kernels can run these arguments: webgpu or wasm active, both kernels registered for it, float32 [B>0, K>0]. */
function fusable(gaps: tf.Tensor2D, mask: tf.Tensor2D | null, scale: number | tf.Tensor1D): boolean {
  const backend = tf.getBackend();
  if (!FUSED_BACKENDS.includes(backend)) return false;
  if (!tf.getKernel(FORWARD, backend) || !tf.getKernel(BACKWARD, backend)) return false;
  if (gaps.dtype !== 'float32' || gaps.shape[0] === 0 || gaps.shape[1] === 0) return false;
  if (mask !== null && mask.dtype !== 'float32' && mask.dtype !== 'bool' && mask.dtype !== 'int32') return false;
  return typeof scale === 'number' || scale.dtype === 'float32';
}

type Slot = { phi: FusedPhi['phi'] | 'log-exponential'; margin: number };

/**
 * Runs the forward kernel on `slots` (1 or 2) as one op with a custom gradient: value [n, B]; the gradient to the
 * gaps comes from the backward kernel for the slot `gradSlot` only (the other slot of the Lambda loss feeds a
 * stop-gradient, so its gradient is zero).
 */
function fusedRowSums(
  gaps: tf.Tensor2D,
  slots: Slot[],
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
  gradSlot: number,
): tf.Tensor2D {
  const scaleTensor = typeof scale === 'number' ? null : scale;
  const scaleValue = typeof scale === 'number' ? scale : 1;
  // mask and scale enter as closed-over constants; the backward reads the clones `save` keeps for it, since the
  // caller's tidy disposes the originals before tf.grad runs the gradient
  const named = (m: tf.Tensor | null, s: tf.Tensor | null): Record<string, tf.Tensor> => ({
    ...(m ? { mask: m } : {}),
    ...(s ? { scale: s } : {}),
  });
  const grad = slots[gradSlot];
  const op = customOp((g: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const value = tf.engine().runKernel(FORWARD, { gaps: g, ...named(mask, scaleTensor) }, {
      phis: slots.map((s) => s.phi),
      margins: slots.map((s) => s.margin),
      scale: scaleValue,
    }) as tf.Tensor2D;
    saveWithoutCopy(save, [g, value, ...(mask ? [mask] : []), ...(scaleTensor ? [scaleTensor] : [])]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [input, stats, ...rest] = saved;
        if (grad.phi === 'unit-step') return tf.zerosLike(input);
        const savedMask = mask ? rest[0] : null;
        const savedScale = scaleTensor ? rest[mask ? 1 : 0] : null;
        const inputs = { gaps: input, ...named(savedMask, savedScale), dy, ...(grad.phi === 'log-exponential' ? { stats } : {}) };
        return tf.engine().runKernel(BACKWARD, inputs, { phi: grad.phi, margin: grad.margin, slot: gradSlot, scale: scaleValue }) as tf.Tensor;
      },
    };
  });
  return op(gaps) as tf.Tensor2D;
}

/**
 * R_phi = scale * (1 + sum_k mask * phi(g_k)) per row through the fused kernel, or null (composed path). The mask
 * and a scale tensor are closed over, not differentiated (they come from the mask and numItems, not the scores).
 */
export function fusedRankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): tf.Tensor1D | null {
  const phi = fusedPhiOf(kernel);
  if (!phi || !fusable(gaps, mask, scale)) return null;
  return tf.tidy(() => tf.reshape(fusedRowSums(gaps, [phi], mask, scale, 0), [gaps.shape[0]]) as tf.Tensor1D);
}

/** log R_phi of the exponential kernel through the fused kernel's log-sum-exp form, or null (composed path). */
export function fusedLogRankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): tf.Tensor1D | null {
  const phi = fusedPhiOf(kernel);
  if (!phi || phi.phi !== 'exponential' || !fusable(gaps, mask, scale)) return null;
  return tf.tidy(() => {
    const logSum = tf.reshape(fusedRowSums(gaps, [{ phi: 'log-exponential', margin: 0 }], mask, scale, 0), [gaps.shape[0]]);
    return addLogScale(logSum, scale);
  });
}

/**
 * [R_phi1, R_phi2] of the Lambda loss in one pass through the fused kernel, or null (composed path). Only R_phi2
 * carries a gradient: R_phi1 is used under stop-gradient (w_alpha(R_phi1) in eq. 23).
 */
export function fusedRankStatisticPair(
  gaps: tf.Tensor2D,
  weightKernel: ComparisonKernel,
  gradientKernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): [tf.Tensor1D, tf.Tensor1D] | null {
  const phi1 = fusedPhiOf(weightKernel);
  const phi2 = fusedPhiOf(gradientKernel);
  if (!phi1 || !phi2 || !fusable(gaps, mask, scale)) return null;
  return tf.tidy(() => tf.unstack(fusedRowSums(gaps, [phi1, phi2], mask, scale, 1)) as [tf.Tensor1D, tf.Tensor1D]);
}

/**
 * True while tfjs records gradients (inside tf.grad, tf.grads, tf.variableGrads, optimizer.minimize): the engine
 * counts the scopes in EngineState.gradientDepth. The scores kernel writes the derivative for the backward only
 * then. If the field is missing (another tfjs), it answers true: the derivative is written and may go unused.
 */
function recordingGradients(): boolean {
  return gradientDepth() !== 0;
}

/** EngineState.gradientDepth: how many tf.grad scopes are open (-1 when the field is missing: unknown). */
function gradientDepth(): number {
  const depth = (tf.engine().state as { gradientDepth?: unknown }).gradientDepth;
  return typeof depth === 'number' ? depth : -1;
}

/**
 * True when the scores-form kernels can compute these comparison kernels (all built-ins in their linear form) on
 * these scores: webgpu or wasm active with both scores kernels registered for it, float32 scores [B > 0, K > 0].
 */
export function scoreKernelsFusable(scores: Scores, kernels: ComparisonKernel[]): boolean {
  const backend = tf.getBackend();
  if (!FUSED_BACKENDS.includes(backend)) return false;
  if (!tf.getKernel(SCORE_FORWARD, backend) || !tf.getKernel(SCORE_BACKWARD, backend)) return false;
  if (!kernels.every((k) => fusedPhiOf(k) !== null)) return false;
  const { positive, negatives, mask } = scores;
  if (negatives.dtype !== 'float32' || positive.dtype !== 'float32' || negatives.shape[0] === 0 || negatives.shape[1] === 0) return false;
  return mask === null || mask.dtype === 'float32' || mask.dtype === 'bool' || mask.dtype === 'int32';
}

/**
 * R_phi = scale * (1 + sum_k mask * phi(tau (s_neg - s_pos))) per row for each kernel (1 or 2), from the scores
 * through the fused kernel of the scores form, without a [B, K] gap matrix; call after {@link scoreKernelsFusable}.
 * Only the statistic of `gradSlot` carries a gradient (to both the positive and the negative scores): the Lambda
 * loss uses its other statistic under stop-gradient. The kernel writes phi'(g) tau scale mask for the backward in
 * the same pass, only while gradients are recorded; the backward scales it by dy per row (dPositive being minus
 * the row sum of dNegatives).
 */
export function fusedScoreRankStatistics(
  scores: Scores,
  kernels: ComparisonKernel[],
  gradSlot: number,
  keep: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): tf.Tensor1D[] {
  return scoreStatistics(scores, kernels.map((k) => fusedPhiOf(k) as FusedPhi), gradSlot, keep, scale);
}

/**
 * log R of the exponential kernel from the scores, through the scores kernel's log-sum-exp form (no [B, K] gap
 * matrix): log(scale) + m + log(e^-m + sum_k mask e^(g - m)); call after {@link scoreKernelsFusable}. Its gradient
 * reaches both scores (tau mask e^(g - log R) per negative, minus their row sum for the positive).
 */
export function fusedScoreLogRankStatistic(scores: Scores, keep: tf.Tensor2D | null, scale: number | tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const [logSum] = scoreStatistics(scores, [{ phi: 'log-exponential', margin: 0 }], 0, keep, 1);
    return addLogScale(logSum, scale);
  });
}

/** The scores kernel's op over `slots` (1 or 2; 'log-exponential' alone), the gradient through `gradSlot`. */
function scoreStatistics(scores: Scores, slots: Slot[], gradSlot: number, keep: tf.Tensor2D | null, scale: number | tf.Tensor1D): tf.Tensor1D[] {
  const scaleTensor = typeof scale === 'number' ? null : scale;
  const scaleValue = typeof scale === 'number' ? scale : 1;
  const [rows, cols] = scores.negatives.shape;
  const op = customOp((positive: tf.Tensor1D, negatives: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const derivative = recordingGradients() && slots[gradSlot].phi !== 'unit-step' ? gradSlot : -1;
    const out = tf.engine().runKernel(
      SCORE_FORWARD,
      { positive, negatives, ...(keep ? { mask: keep } : {}), ...(scaleTensor ? { scale: scaleTensor } : {}) },
      { phis: slots.map((s) => s.phi), margins: slots.map((s) => s.margin), tau: scores.tau, scale: scaleValue, derivative },
    ) as tf.Tensor | tf.Tensor[];
    const [value, deriv] = Array.isArray(out) ? out : [out];
    if (deriv) saveWithoutCopy(save, [deriv]);
    return {
      value: value as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        // unit-step: phi' = 0 (no derivative was written); the inputs may be disposed by now, so zeros by shape
        if (saved.length === 0) return [tf.zeros([rows]), tf.zeros([rows, cols])];
        // a first-order gradient (the engine back at depth 0) disposes the saved derivative right after this
        // backward and never reads it again, so the backward may scale it in place
        const inPlace = gradientDepth() === 0;
        const [dNegatives, dPositive] = tf.engine().runKernel(SCORE_BACKWARD, { derivative: saved[0], dy }, { slot: gradSlot, inPlace }) as tf.Tensor[];
        return [dPositive, dNegatives];
      },
    };
  });
  // one slot: a reshape (tfjs's gradient of a one-output Unpack fails: it receives dy as a tensor, not a list)
  return tf.tidy(() => {
    const stats = op(scores.positive, scores.negatives);
    return (slots.length === 1 ? [tf.reshape(stats, [rows])] : tf.unstack(stats)) as tf.Tensor1D[];
  });
}
