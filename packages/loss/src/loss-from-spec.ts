/** A loss from a plain spec ({ loss: 'croloss', kernel: 'sigmoid', alpha: 1 }): the one loss table of the examples and command lines. */
import { isKernelName, kernelByName, KERNEL_NAMES, type KernelName } from '@croloss/kernels';
import { argumentError } from '@croloss/internal';
import { croLossFunction, lambdaCroLossFunction } from './loss-functions';
import { presets } from './presets';
import type { Reduction } from './reduce';
import type { RetrievalLoss } from './retrieval-loss';

/** The losses a {@link LossSpec} can name (TF-Ranking's RankingLossKey). */
export const LOSS_KEYS = ['softmax', 'croloss', 'lambda', 'bpr', 'triplet'] as const;

/** One of {@link LOSS_KEYS}. */
export type LossKey = (typeof LOSS_KEYS)[number];

/**
 * A loss as plain data (JSON-safe, for command lines and experiment grids). `numItems`, `tau` and `reduction` mean
 * what they mean in every loss; kernels are named as in `kernelByName` of @croloss/kernels, and `margin` is the hinge
 * margin (of the triplet preset, or of any 'hinge' kernel; default 0.5).
 *
 *   softmax   presets.softmaxCrossEntropy             bpr, triplet   presets.bpr / presets.triplet (scale 'paper')
 *   croloss   croLossFunction({ kernel, alpha })      lambda         lambdaCroLossFunction({ weightKernel, gradientKernel, alpha })
 */
export interface LossSpec {
  loss: LossKey;
  /** croloss: phi (default 'softplus'). */
  kernel?: KernelName;
  /** lambda: phi1 (default 'sigmoid'). */
  weightKernel?: KernelName;
  /** lambda: phi2 (default 'softplus'). */
  gradientKernel?: KernelName;
  /** croloss and lambda: alpha of the power-law weighting (default 1). */
  alpha?: number;
  /** The hinge margin of the triplet preset and of 'hinge' kernels (default 0.5). */
  margin?: number;
  numItems?: number;
  tau?: number;
  reduction?: Reduction;
}

/**
 * The configured loss a spec names (TF-Ranking's make_loss_fn). Bad specs throw naming the field.
 *
 * @example
 * ```ts
 * lossFromSpec({ loss: 'croloss', kernel: 'sigmoid', alpha: 0.8, numItems: 12101 }).description; // 'croloss(sigmoid, alpha=0.8)'
 * lossFromSpec({ loss: 'softmax', numItems: 12101 }).description; // 'softmax-cross-entropy'
 * ```
 */
export function lossFromSpec(spec: LossSpec): RetrievalLoss {
  const fn = 'lossFromSpec';
  if (spec === null || typeof spec !== 'object') throw argumentError(fn, 'spec', 'an object { loss, ... }', spec);
  const { loss, kernel, weightKernel, gradientKernel, alpha, margin, numItems, tau, reduction } = spec;
  const shared = { numItems, tau, reduction };
  const phi = (field: 'kernel' | 'weightKernel' | 'gradientKernel', name: unknown, fallback: KernelName) => {
    if (name !== undefined && !isKernelName(name)) throw argumentError(fn, `spec.${field}`, `one of ${KERNEL_NAMES.join(', ')}`, name);
    return kernelByName((name as KernelName | undefined) ?? fallback, { margin });
  };
  switch (loss) {
    case 'softmax':
      return presets.softmaxCrossEntropy(shared);
    case 'bpr':
      return presets.bpr(shared);
    case 'triplet':
      return presets.triplet({ ...shared, margin });
    case 'croloss':
      return croLossFunction({ ...shared, kernel: phi('kernel', kernel, 'softplus'), alpha });
    case 'lambda':
      return lambdaCroLossFunction({
        ...shared,
        weightKernel: phi('weightKernel', weightKernel, 'sigmoid'),
        gradientKernel: phi('gradientKernel', gradientKernel, 'softplus'),
        alpha,
      });
    default:
      throw argumentError(fn, 'spec.loss', `one of ${LOSS_KEYS.join(', ')}`, loss);
  }
}
