/** The reproduce grid's losses: its cell specs mapped onto lossFromSpec of @croloss/loss. */
import { lossFromSpec, type RetrievalLoss } from '@croloss/loss';
import type { LossSpec } from './grid';

/**
 * Margin of the hinge kernel, in units of the tau-scaled gaps; the triplet preset uses the same one, so the
 * hard-negative view (Figure 5) compares the same kernel at alpha 0 and 1. (examples/retrieval uses 0.5 too;
 * the paper's m = 5 is for its own score scale.)
 */
export const HINGE_MARGIN = 0.5;

/**
 * The loss of a cell, configured for sampled negatives over `numItems` items (eq. 24): lossFromSpec of @croloss/loss
 * with the grid's kernel names (kernelByName's) and the hinge margin above. The model's scores already include the
 * temperature tau, so no loss rescales them.
 *
 * @example
 * lossForSpec({ kind: 'croloss', kernel: 'sigmoid', alpha: 0.8 }, 12101).description; // 'croloss(sigmoid, alpha=0.8)'
 */
export function lossForSpec(spec: LossSpec, numItems: number): RetrievalLoss {
  const margin = HINGE_MARGIN;
  switch (spec.kind) {
    case 'softmax':
    case 'triplet':
    case 'bpr':
      return lossFromSpec({ loss: spec.kind, numItems, margin });
    case 'croloss':
      return lossFromSpec({ loss: 'croloss', kernel: spec.kernel, alpha: spec.alpha, numItems, margin });
    case 'lambda':
      return lossFromSpec({ loss: 'lambda', weightKernel: spec.phi1, gradientKernel: spec.phi2, alpha: spec.alpha, numItems, margin });
    default:
      throw new Error(`lossForSpec: argument 'spec.kind' must be softmax, triplet, bpr, croloss or lambda, got ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}
