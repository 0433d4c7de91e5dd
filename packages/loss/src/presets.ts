/** The conventional losses as CROLoss special cases (section 3.5): softmax cross-entropy, triplet, BPR. */
import { exponential, hinge, softplus, type ComparisonKernel } from '@croloss/kernels';
import { argumentError } from '@croloss/internal';
import { configuredCroLoss } from './loss-functions';
import type { Reduction } from './reduce';
import { retrievalLoss, type RetrievalLoss } from './retrieval-loss';

/** Options every preset takes. */
export interface PresetOptions {
  /** Temperature multiplying the gaps. Default 1. */
  tau?: number;
  /** |I| when the negatives are a uniform sample (eq. 24); omitted for the exact loss over the given candidates. */
  numItems?: number;
  /** Default 'none' ([B]). */
  reduction?: Reduction;
}

/** Options of the pairwise presets. */
export interface PairwisePresetOptions extends PresetOptions {
  /**
   * 'paper' (default): CROLoss with alpha = 0, W_0(R) = (R - 1) / |I| — the classic loss times s / |I| plus the
   * constant (s - 1) / |I|, s being the eq. 24 factor (eq. 18-19; s = 1 exactly when numItems is omitted).
   * 'classic': the classic sum over negatives itself (eq. 2 and eq. 4), with no sampled scaling.
   */
  scale?: 'paper' | 'classic';
}

function named(loss: RetrievalLoss, description: string): RetrievalLoss {
  return retrievalLoss(description, loss, loss.fromScores);
}

function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
}

function pairwise(fn: string, kernel: ComparisonKernel, options: PairwisePresetOptions): RetrievalLoss {
  checkOptions(fn, options);
  const { scale = 'paper', ...rest } = options;
  if (scale !== 'paper' && scale !== 'classic') throw argumentError(fn, 'scale', "'paper' or 'classic'", scale);
  const loss = scale === 'paper'
    ? configuredCroLoss(fn, { ...rest, kernel, alpha: 0 })
    : configuredCroLoss(fn, { ...rest, kernel, alpha: 0, normalize: false, rankScale: 1 });
  return named(loss, `${fn.replace('presets.', '')}(${scale})`);
}

/**
 * Softmax cross-entropy as CROLoss: exponential kernel, alpha = 1, unnormalised (eq. 17):
 * log(1 + sum_j e^(s_j - s_pos)) = -log softmax(s)_pos, equal per example to `tf.losses.softmaxCrossEntropy`
 * on one-hot labels. With `numItems`, it is sampled softmax plus the constant log(|I| / |I'|).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: presets.softmaxCrossEntropy() }); // drop-in
 * ```
 */
function softmaxCrossEntropy(options: PresetOptions = {}): RetrievalLoss {
  const fn = 'presets.softmaxCrossEntropy';
  checkOptions(fn, options);
  return named(configuredCroLoss(fn, { ...options, kernel: exponential(), alpha: 1, normalize: false }), 'softmax-cross-entropy');
}

/**
 * Triplet loss as CROLoss: hinge kernel max(0, g + margin), alpha = 0 (eq. 18). `scale: 'classic'` gives
 * sum_j max(0, s_j - s_pos + m) exactly (eq. 2). The margin is in the units of the tau-scaled gaps.
 *
 * @example
 * ```ts
 * presets.triplet({ margin: 0.5, scale: 'classic' })(yTrue, yPred); // [B]
 * ```
 */
function triplet(options: PairwisePresetOptions & { margin?: number } = {}): RetrievalLoss {
  const fn = 'presets.triplet';
  checkOptions(fn, options);
  const { margin = 0.5, ...rest } = options;
  if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) throw argumentError(fn, 'margin', 'a finite number >= 0', margin);
  return pairwise(fn, hinge({ margin }), rest);
}

/**
 * BPR loss as CROLoss: softplus kernel, alpha = 0 (eq. 19). `scale: 'classic'` gives
 * sum_j -log sigmoid(s_pos - s_j) exactly (eq. 4).
 *
 * @example
 * ```ts
 * presets.bpr({ scale: 'classic' })(yTrue, yPred); // [B]
 * ```
 */
function bpr(options: PairwisePresetOptions = {}): RetrievalLoss {
  return pairwise('presets.bpr', softplus(), options);
}

/** The conventional retrieval losses as one-line CROLoss special cases (paper section 3.5). */
export const presets = Object.freeze({ softmaxCrossEntropy, triplet, bpr });
