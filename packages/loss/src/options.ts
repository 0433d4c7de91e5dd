/** The options every CROLoss form shares (alpha, numItems, tau, weighting, ...): their type, defaults and checks. */
import { isComparisonKernel, type ComparisonKernel } from '@croloss/kernels';
import { argumentError, checkNumber } from '@croloss/internal';
import { isWeighting, powerLaw, type Weighting } from '@croloss/weighting';
import { resolveReduction, type Reduction } from './reduce';

/** Options shared by every form of CROLoss and its Lambda variant: the weighting, the sampled estimator, tau, the reduction. */
export interface LossOptions {
  /** Power-law exponent alpha >= 0 of w_alpha (eq. 12); larger favours small N. Default 1. Ignored when `weighting` is given. */
  alpha?: number;
  /**
   * |I|, the size of the item corpus. Omitted: the negatives are the whole rest of the corpus (exact R, eq. 15) and
   * |I| is the number of candidates. Given: the negatives are a uniform sample I' and R is the sampled estimator
   * |I| / |I'| * (1 + sum) of eq. 24, |I'| being the row's number of negatives. Must be >= the number of negatives.
   */
  numItems?: number;
  /** Temperature tau > 0 multiplying every gap (the paper's S = tau * cos with tau = 10). Default 1: yPred are final scores. */
  tau?: number;
  /** A custom weighting (density and CDF) instead of the power law. */
  weighting?: Weighting;
  /**
   * true (default): the paper's normalised w_alpha and W_alpha (W in [0, 1] on [1, |I| + 1)). false: Z = 1, the scale of
   * eq. 17-19 (log R at alpha = 1, R - 1 at alpha = 0).
   */
  normalize?: boolean;
  /** Overrides the factor |I| / |I'| of eq. 24 for every row (e.g. 1 to turn the sampled scaling off). */
  rankScale?: number;
  /** 'none' (default, [B] per example), 'mean' or 'sum' (scalars), or a tf.Reduction. */
  reduction?: Reduction;
}

/** What the `...FromGaps` building blocks read of the options: the corpus size and the eq. 24 factor override. */
export interface RankScaleOptions {
  /** The corpus size |I| (undefined: the negatives are the whole corpus). */
  numItems?: number;
  /** The rank scale override of eq. 24 (undefined: numItems / the number of unmasked negatives of the row). */
  rankScale?: number;
}

/** {@link LossOptions} validated, with their defaults and the weighting built (internal to the loss entries). */
export interface ResolvedLossOptions extends RankScaleOptions {
  numItems: number | undefined;
  rankScale: number | undefined;
  /** The temperature multiplying every gap. */
  tau: number;
  /** How per-row losses are reduced. */
  reduction: 'none' | 'mean' | 'sum';
  /** The weighting for a corpus of `corpusSize` items (numItems when given). */
  weightingFor(corpusSize: number): Weighting;
}

/** Validates {@link LossOptions} under the name `fn` (numNegatives bounds numItems from below) and fills the defaults. */
export function resolveLossOptions(fn: string, options: LossOptions, numNegatives: number): ResolvedLossOptions {
  const { alpha = 1, numItems, tau = 1, weighting, normalize = true, rankScale, reduction } = options;
  if (weighting !== undefined && !isWeighting(weighting)) {
    throw argumentError(fn, 'weighting', 'a Weighting { density, cdf } (see @croloss/weighting)', weighting);
  }
  checkNumber(fn, 'alpha', alpha, (v) => v >= 0, 'a finite number >= 0');
  checkNumber(fn, 'tau', tau, (v) => v > 0, 'a finite number > 0');
  if (numItems !== undefined) {
    if (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 1) {
      throw argumentError(fn, 'numItems', 'an integer >= 1', numItems);
    }
    if (numItems < numNegatives) {
      throw argumentError(fn, 'numItems', `>= the number of negatives per row (${numNegatives})`, numItems);
    }
  }
  if (rankScale !== undefined) checkNumber(fn, 'rankScale', rankScale, (v) => v > 0, 'a finite number > 0');
  if (typeof normalize !== 'boolean') throw argumentError(fn, 'normalize', 'a boolean', normalize);
  const resolvedReduction = resolveReduction(fn, reduction);
  return {
    numItems,
    tau,
    rankScale,
    reduction: resolvedReduction,
    weightingFor: (corpusSize) => weighting ?? powerLaw({ alpha, numItems: numItems ?? corpusSize, normalize }),
  };
}

/** Throws unless `weighting` is a {@link Weighting}. */
export function checkWeighting(fn: string, weighting: unknown): Weighting {
  if (!isWeighting(weighting)) throw argumentError(fn, 'weighting', 'a Weighting { density, cdf } (see @croloss/weighting)', weighting);
  return weighting;
}

/** Checks the `{ numItems, rankScale }` the *FromGaps functions take (numItems: integer >= 1, rankScale: > 0, or undefined). */
export function checkResolved(fn: string, resolved: unknown): void {
  if (resolved === null || typeof resolved !== 'object') throw argumentError(fn, 'resolved', 'an object { numItems?, rankScale? }', resolved);
  const { numItems, rankScale } = resolved as RankScaleOptions;
  if (numItems !== undefined && (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 1)) {
    throw argumentError(fn, 'resolved.numItems', 'an integer >= 1 or undefined', numItems);
  }
  if (rankScale !== undefined) checkNumber(fn, 'resolved.rankScale', rankScale, (v) => v > 0, 'a finite number > 0 or undefined');
}

/** Checks a kernel argument; `mustTrain` requires a differentiable one. */
export function checkKernel(fn: string, argument: string, kernel: unknown, mustTrain: boolean): ComparisonKernel {
  if (!isComparisonKernel(kernel)) {
    throw argumentError(fn, argument, 'a ComparisonKernel (sigmoid(), softplus(), exponential(), hinge(), unitStep() or defineKernel())', kernel);
  }
  if (mustTrain && !kernel.differentiable) {
    throw argumentError(fn, argument, 'a differentiable kernel (the unit step has no gradient)', kernel.name);
  }
  return kernel;
}

/** Number of negative columns a form presents, read from the shapes before any work is done. */
export function negativesPerRow(shape: readonly number[], labelsForm: boolean): number {
  const columns = shape.length === 2 ? shape[1] : 0;
  return labelsForm ? Math.max(columns - 1, 0) : columns;
}
