import { exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { croLossFunction, lambdaCroLossFunction, presets, type RetrievalLoss } from '@croloss/loss';
import type { GridKernel, LossSpec } from './grid';

/**
 * Margin of the hinge kernel, in units of the tau-scaled gaps; the triplet preset uses the same one, so the
 * hard-negative view (Figure 5) compares the same kernel at alpha 0 and 1. (examples/retrieval uses 0.5 too;
 * the paper's m = 5 is for its own score scale.)
 */
export const HINGE_MARGIN = 0.5;

/** The comparison kernel of a grid name. */
export function gridKernel(name: GridKernel): ComparisonKernel {
  switch (name) {
    case 'hinge':
      return hinge({ margin: HINGE_MARGIN });
    case 'sigmoid':
      return sigmoid();
    case 'exponential':
      return exponential();
    case 'softplus':
      return softplus();
    case 'unit-step':
      return unitStep();
    default:
      throw new Error(`gridKernel: argument 'name' must be one of hinge, sigmoid, exponential, softplus, unit-step, got ${JSON.stringify(name)}`);
  }
}

/**
 * The loss of a cell, configured for sampled negatives over `numItems` items (eq. 24). The model's scores
 * already include the temperature tau, so no loss rescales them.
 *
 * @example
 * lossForSpec({ kind: 'croloss', kernel: 'sigmoid', alpha: 0.8 }, 12101).description; // 'croloss(sigmoid, alpha=0.8)'
 */
export function lossForSpec(spec: LossSpec, numItems: number): RetrievalLoss {
  switch (spec.kind) {
    case 'softmax':
      return presets.softmaxCrossEntropy({ numItems });
    case 'triplet':
      return presets.triplet({ numItems, margin: HINGE_MARGIN });
    case 'bpr':
      return presets.bpr({ numItems });
    case 'croloss':
      return croLossFunction({ kernel: gridKernel(spec.kernel), alpha: spec.alpha, numItems });
    case 'lambda':
      return lambdaCroLossFunction({ weightKernel: gridKernel(spec.phi1), gradientKernel: gridKernel(spec.phi2), alpha: spec.alpha, numItems });
    default:
      throw new Error(`lossForSpec: argument 'spec.kind' must be softmax, triplet, bpr, croloss or lambda, got ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}
